"""The coordinators' admin: every letter has a View and a PDF action, whatever its status; the new
letter from a template is an admin form with choosers; the registry's listings stay paginated,
searchable and cheap at thousands of records."""

import datetime

import pytest

from solidarity.core.services import EDITORS, TRANSLATORS


def signed_in(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.mark.django_db
def test_a_draft_letter_can_be_viewed_on_letterhead_and_as_pdf_from_the_listing(client, make_staff):
    from solidarity.network import legacy
    from solidarity.network.models import Correspondence

    letter = legacy.aptuf_message_2008()
    Correspondence.objects.filter(pk=letter.pk).update(status=Correspondence.Status.DRAFT)
    client = signed_in(client, make_staff("coordinator", EDITORS))

    listing = client.get("/admin/snippets/network/correspondence/").content.decode()
    assert f"/admin/network/letters/{letter.pk}/view/" in listing
    assert f"/admin/network/letters/{letter.pk}/letter.pdf" in listing

    page = client.get(f"/admin/network/letters/{letter.pk}/view/")
    assert page.status_code == 200 and "APTUF" in page.content.decode()
    pdf = client.get(f"/admin/network/letters/{letter.pk}/letter.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_translator_may_not_read_letters_in_the_admin(client, make_staff):
    from solidarity.network import legacy

    letter = legacy.aptuf_message_2008()
    client = signed_in(client, make_staff("translator", TRANSLATORS))
    assert client.get(f"/admin/network/letters/{letter.pk}/view/").status_code == 403
    assert client.get(f"/admin/network/letters/{letter.pk}/letter.pdf").status_code == 403


@pytest.mark.django_db
def test_the_new_letter_from_a_template_form_uses_the_admins_choosers(client, make_staff):
    client = signed_in(client, make_staff("coordinator", EDITORS))
    form = client.get("/admin/network/letters/new-from-template/").content.decode()
    assert "Choose event" in form and "Choose resolution" in form
    assert "data-choose-many" in form and "both-calendars" in form
    assert "w-field" in form  # the admin's own field layout, not form.as_p


@pytest.mark.django_db
def test_the_resolution_listing_is_paginated_searchable_and_cheap_at_thousands(client, make_staff,
                                                                             django_assert_max_num_queries):
    from solidarity.network.models import Organisation, Resolution

    organisations = Organisation.objects.bulk_create(
        [Organisation(name_en=f"Local {number}", name_fa="") for number in range(300)])
    Resolution.objects.bulk_create([
        Resolution(adopting_organisation=organisations[number % 300], title_en=f"Resolution on the strike {number}",
                   date=datetime.date(2012, 5, 23), year=2012, number=str(number))
        for number in range(2000)])
    client = signed_in(client, make_staff("coordinator", EDITORS))

    with django_assert_max_num_queries(25):
        page = client.get("/admin/snippets/network/resolution/").content.decode()
    assert page.count("Resolution on the strike") <= 50
    found = client.get("/admin/snippets/network/resolution/?q=strike 1234").content.decode()
    assert "Resolution on the strike 1234" in found
