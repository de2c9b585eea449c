"""Every many-to-many field of the admin's forms is a chooser: the form holds only the records
chosen (ticked checkboxes a form without JavaScript sends back unchanged) and a search box, so it
stays small and cheap at thousands of organisations; ids nobody could have chosen are refused
with one clear message and the rest of what was typed is kept."""

import datetime
import re

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from solidarity.core.services import CAMPAIGNERS, EDITORS

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def chooser_of(page, name):
    """The chooser's HTML of the field `name` on a form page."""
    start = page.index('<div class="choose-many"', page.index(f'for="id_{name}"'))
    return page[start:page.index("</template>", start)]


def chosen_ids(page, name):
    return re.findall(rf'<input type="checkbox" class="choose-many__box" name="{name}" value="(\d+)" checked>', page)


@pytest.fixture
def organisations():
    from solidarity.network.models import Organisation

    return [Organisation.objects.create(name_en=name_en, name_fa=name_fa) for name_en, name_fa in (
        ("CUPE Ontario", "کوپ انتاریو"), ("CUPE Local 4400", "کوپ شاخه ۴۴۰۰"), ("Unifor", ""))]


@pytest.fixture
def resolution(organisations):
    from solidarity.network.models import Resolution

    resolution = Resolution.objects.create(adopting_organisation=organisations[0], title_en="Solidarity with workers",
                                           date=datetime.date(2012, 5, 26), number="21")
    resolution.submitted_by.set(organisations[1:])
    resolution.save()  # a cluster's many-to-many is written when the record is saved
    return resolution


def submitters(resolution):
    from solidarity.network.models import Resolution

    return set(Resolution.objects.get(pk=resolution.pk).submitted_by.all())


def resolution_form(resolution, *, submitted_by, **fields):
    data = nested_form_data({
        "adopting_organisation": resolution.adopting_organisation_id, "event": "", "number": resolution.number,
        "date": "2012-05-26", "status": resolution.status, "title_en": resolution.title_en, "title_fa": "",
        "commitments_lead_en": "", "commitments_lead_fa": "", "clauses": inline_formset([]),
        "source_title": "", "source_url": "", "source_document": "", "response_article": "", **fields,
    })
    return data | {"submitted_by": submitted_by}


def test_the_form_holds_only_the_chosen_organisations_as_ticked_checkboxes(client, make_staff, resolution,
                                                                          organisations):
    client = signed_in(client, make_staff("coordinator", EDITORS))

    page = client.get(f"/admin/snippets/network/resolution/edit/{resolution.pk}/").content.decode()
    chooser = chooser_of(page, "submitted_by")

    assert chosen_ids(page, "submitted_by") == [str(o.pk) for o in organisations[1:]]
    assert "CUPE Local 4400" in chooser and "Unifor" in chooser
    assert "CUPE Ontario" not in chooser  # not chosen: not on the form
    assert 'role="combobox"' in chooser and 'data-url="/admin/choose/network/resolution/submitted_by/"' in chooser
    assert '<select name="submitted_by"' not in page


def test_at_five_thousand_organisations_the_form_is_as_small_and_cheap_as_at_three(
        client, make_staff, resolution, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from solidarity.network.models import Organisation

    client = signed_in(client, make_staff("coordinator", EDITORS))
    address = f"/admin/snippets/network/resolution/edit/{resolution.pk}/"
    client.get(address)  # what one process reads once (content types, the site) is read
    with CaptureQueriesContext(connection) as few:
        small = client.get(address).content
    Organisation.objects.bulk_create([Organisation(name_en=f"Local {n}", name_fa=f"شاخه {n}") for n in range(5000)])

    with django_assert_num_queries(len(few.captured_queries)):
        large = client.get(address).content
    assert abs(len(large) - len(small)) < 500


def test_a_coordinator_saves_the_chosen_submitters(client, make_staff, resolution, organisations):
    client = signed_in(client, make_staff("coordinator", EDITORS))

    response = client.post(f"/admin/snippets/network/resolution/edit/{resolution.pk}/",
                           resolution_form(resolution, submitted_by=[organisations[0].pk, organisations[2].pk]))

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert submitters(resolution) == {organisations[0], organisations[2]}


def test_without_javascript_the_form_sends_back_what_was_chosen_and_an_unticked_one_is_removed(
        client, make_staff, resolution, organisations):
    client = signed_in(client, make_staff("coordinator", EDITORS))
    address = f"/admin/snippets/network/resolution/edit/{resolution.pk}/"
    ticked = chosen_ids(client.get(address).content.decode(), "submitted_by")

    client.post(address, resolution_form(resolution, submitted_by=ticked))
    assert submitters(resolution) == set(organisations[1:])

    client.post(address, resolution_form(resolution, submitted_by=ticked[:1]))
    assert submitters(resolution) == {organisations[1]}


@pytest.mark.parametrize("forged", ["999999", "abc", "99999999999999999999999", "-3", ""])
def test_an_id_nobody_could_choose_is_refused_and_the_rest_is_kept(client, make_staff, resolution, organisations,
                                                                   forged):
    client = signed_in(client, make_staff("coordinator", EDITORS))

    response = client.post(f"/admin/snippets/network/resolution/edit/{resolution.pk}/", resolution_form(
        resolution, title_en="Solidarity with the bus workers", submitted_by=[organisations[2].pk, forged]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Some of the chosen records no longer exist or cannot be chosen here" in page
    assert chosen_ids(page, "submitted_by") == [str(organisations[2].pk)]
    assert 'value="Solidarity with the bus workers"' in page
    assert submitters(resolution) == set(organisations[1:])  # nothing stored


def test_the_refusal_and_the_chooser_speak_persian_in_the_persian_admin(client, make_staff, resolution,
                                                                         organisations):
    client = signed_in(client, make_staff("hamid", EDITORS, language="fa"))

    page = client.post(f"/admin/snippets/network/resolution/edit/{resolution.pk}/",
                       resolution_form(resolution, submitted_by=[organisations[1].pk, "999999"])).content.decode()
    chooser = chooser_of(page, "submitted_by")

    assert "برخی از موارد انتخاب‌شده" in page
    assert 'placeholder="جست‌وجوی تشکل‌ها' in chooser
    # Each chosen name in the admin's language, marked with it, and the remove button named with it.
    assert '<bdi class="choose-many__name" lang="fa" dir="rtl">کوپ شاخه ۴۴۰۰</bdi>' in chooser
    assert 'aria-label="حذف: کوپ شاخه ۴۴۰۰"' in chooser


def test_every_many_to_many_field_to_registry_records_is_a_chooser(client, make_staff, site_tree):
    from solidarity.campaigns.factories import make_campaign

    campaign = make_campaign()
    admin = signed_in(client, make_staff("admin", "Administrators"))
    forms = {
        "/admin/snippets/network/resolution/add/": ["submitted_by"],
        "/admin/snippets/network/event/add/": ["organisers", "related_articles"],
        "/admin/snippets/network/organisation/add/": ["related_articles"],
        "/admin/snippets/network/correspondence/add/": ["recipients"],
        "/admin/snippets/cases/case/add/": ["affiliations"],
        f"/admin/snippets/campaigns/campaign/edit/{campaign.pk}/": ["cases"],
        "/admin/network/letters/new-from-template/": ["recipients"],
    }
    for address, fields in forms.items():
        page = admin.get(address).content.decode()
        for name in fields:
            assert 'class="choose-many__input"' in chooser_of(page, name), (address, name)
        assert "choose-many.js" in page, address


def test_a_campaigner_picks_a_cases_organisations_without_reading_the_registry(client, make_staff, organisations):
    from solidarity.cases.models import Case

    case = Case.objects.create(name_latin="Sara Example", name_fa="سارا نمونه")
    case.affiliations.set(organisations[:1])
    case.save()
    campaigner = signed_in(client, make_staff("campaigner", CAMPAIGNERS))

    page = campaigner.get(f"/admin/snippets/cases/case/edit/{case.pk}/").content.decode()

    assert chosen_ids(page, "affiliations") == [str(organisations[0].pk)]
    results = campaigner.get("/admin/choose/cases/case/affiliations/", {"q": "unifor"}).json()["results"]
    assert [r["label"] for r in results] == ["Unifor"]
