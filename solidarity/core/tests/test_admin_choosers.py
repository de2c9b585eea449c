"""Coordinators pick an organisation, an event or a letter with search and create one in place,
from the chooser of the form that needs it; many-to-many fields are a chooser with a search box."""

import json

import pytest

from solidarity.core.services import EDITORS, TRANSLATORS


def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.django_db
def test_a_coordinator_creates_an_organisation_from_its_chooser_typed_in_both_languages(client, make_staff):
    from solidarity.network.models import Organisation

    client = signed_in(client, make_staff("coordinator", EDITORS))
    modal = json.loads(client.get("/admin/snippets/choose/network/organisation/").content)["html"]
    assert 'name="name_fa"' in modal and 'dir="rtl"' in modal

    response = client.post("/admin/snippets/choose/network/organisation/create/", {
        "name_en": "All Pakistan Trade Union Federation", "name_fa": "فدراسیون اتحادیه‌های کارگری سراسر پاکستان",
        "acronym_en": "APTUF", "kind": Organisation.Kind.FEDERATION, "country": "PK",
    })

    assert json.loads(response.content)["step"] == "chosen"
    assert Organisation.objects.get(acronym_en="APTUF").name_fa == "فدراسیون اتحادیه‌های کارگری سراسر پاکستان"


@pytest.mark.django_db
def test_an_event_made_in_its_chooser_takes_a_jalali_date(client, make_staff):
    import datetime

    from solidarity.network.models import Event

    client = signed_in(client, make_staff("coordinator", EDITORS))
    response = client.post("/admin/snippets/choose/network/event/create/", {
        "title_en": "Asian Conference", "title_fa": "کنفرانس آسیایی", "kind": Event.Kind.CONFERENCE,
        "start_date": "۱۳۸۶/۱۰/۲۹", "end_date": "1386/11/1", "country": "IN",
    })
    assert json.loads(response.content)["step"] == "chosen"
    assert Event.objects.get(title_en="Asian Conference").start_date == datetime.date(2008, 1, 19)


@pytest.mark.django_db
def test_someone_who_may_not_add_organisations_gets_no_create_tab_and_cannot_post_one(client, make_staff, settings):
    from solidarity.network.models import Organisation

    client = signed_in(client, make_staff("translator", TRANSLATORS))
    response = client.post("/admin/snippets/choose/network/organisation/create/", {"name_en": "Sneaky Local"})
    assert response.status_code == 403
    assert not Organisation.objects.filter(name_en="Sneaky Local").exists()


@pytest.mark.django_db
def test_many_to_many_fields_are_a_chooser_with_a_search_box(client, make_staff):
    client = signed_in(client, make_staff("coordinator", EDITORS))
    form = client.get("/admin/snippets/network/event/add/").content.decode()
    organisers = form[form.index('id="id_organisers"') - 1500:form.index('id="id_organisers"') + 200]
    assert "data-choose-many" in organisers and 'type="search"' in organisers
    assert '<select name="organisers"' not in form
