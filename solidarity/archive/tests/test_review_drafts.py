"""Editors review the network drafts an import made and accept them into the public records."""

import pytest

from solidarity.archive import services
from solidarity.network.models import Correspondence, Organisation, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(site_tree, alliance, legacy_dir):
    run = services.import_files([str(legacy_dir)], base_url="http://www.iaswi.org/old/")
    return {f.name: f for f in run.files.all()}


@pytest.fixture
def editor(client, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    return client


def test_the_drafts_page_lists_what_the_import_proposed(editor, imported):
    page = editor.get("/admin/archive/drafts/").content.decode()
    assert "Solidarity with workers in Iran" in page
    assert "CUPE Local 4400" in page and "49th Annual CUPE Ontario Convention" in page
    assert legacy_subject() in page


def legacy_subject():
    from solidarity.network import legacy

    return legacy.APTUF_SUBJECT


def test_an_editor_reviews_resolution_21_and_accepts_it_with_what_it_names(editor, imported, client):
    resolution = imported["News/000_ea340a58f3985f13.txt"].resolution
    address = f"/admin/archive/drafts/resolution/{resolution.pk}/"
    page = editor.get(address).content.decode()
    assert "CUPE Ontario will:" in page and "Drafts it names, accepted with it" in page
    assert "000_ea340a58f3985f13.txt" in page
    assert client.get("/en/network/resolutions/").context["resolutions"].paginator.count == 0

    response = editor.post(address)
    assert response["Location"] == "/admin/archive/drafts/"
    resolution.refresh_from_db()
    assert resolution.draft is False
    assert not resolution.adopting_organisation.draft and not resolution.event.draft
    assert not any(o.draft for o in resolution.submitted_by.all())
    assert [r.pk for r in client.get("/en/network/resolutions/").context["resolutions"]] == [resolution.pk]
    assert client.get(f"/en/network/resolutions/{resolution.pk}/").status_code == 200
    # Accepting twice is refused with a message, nothing changes.
    response = editor.post(address, follow=True)
    assert "is not a draft" in response.content.decode()


def test_an_accepted_letter_becomes_a_normal_sent_letter_public_once_published(editor, imported, client):
    letter = imported["News/001_7b632b9c3ca00494.txt"].letter
    editor.post(f"/admin/archive/drafts/letter/{letter.pk}/")
    letter.refresh_from_db()
    assert (letter.draft, letter.status) == (False, Correspondence.Status.SENT)
    assert not letter.recipients.get().draft and not letter.event.draft
    assert client.get(f"/en/network/letters/{letter.pk}/").status_code == 404
    Correspondence.objects.filter(pk=letter.pk).update(status=Correspondence.Status.PUBLISHED)
    assert client.get(f"/en/network/letters/{letter.pk}/").status_code == 200


def test_a_proposed_organisation_is_accepted_alone(editor, imported, client):
    local = Organisation.objects.get(name_en="CUPE Local 4400")
    assert client.get(f"/en/network/organisations/{local.pk}/").status_code == 404
    editor.post(f"/admin/archive/drafts/organisation/{local.pk}/")
    local.refresh_from_db()
    # Its parent, CUPE Ontario, was proposed by the same file: a public branch names a reviewed parent.
    assert local.draft is False and local.parent.draft is False
    assert client.get(f"/en/network/organisations/{local.pk}/").status_code == 200
    assert Resolution.objects.drafts().count() == 1


def test_the_network_lists_offer_review_and_accept_beside_drafts(editor, imported):
    page = editor.get("/admin/snippets/network/resolution/").content.decode()
    resolution = imported["News/000_ea340a58f3985f13.txt"].resolution
    assert f"/admin/archive/drafts/resolution/{resolution.pk}/" in page
    assert "Review and accept" in page


def test_a_translator_cannot_accept_a_draft(client, make_staff, imported):
    resolution = imported["News/000_ea340a58f3985f13.txt"].resolution
    client.force_login(make_staff("translator", "Translators"))
    response = client.post(f"/admin/archive/drafts/resolution/{resolution.pk}/")
    assert response.status_code == 403
    resolution.refresh_from_db()
    assert resolution.draft is True


def test_an_unknown_kind_of_draft_is_not_found(editor, imported):
    assert editor.get("/admin/archive/drafts/page/1/", follow=True).status_code == 404
