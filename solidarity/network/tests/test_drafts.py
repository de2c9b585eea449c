"""Draft records (from the archive import) stay off every public page, count, feed and export
until an editor accepts them."""

import datetime
from importlib import import_module

import pytest
from django.apps import apps

from solidarity.network import csvio, services
from solidarity.network.models import Correspondence, Event, Organisation, Resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(make_org, alliance):
    """A public union with one adopted resolution, and beside it what an import proposed: a draft
    union in another country with its draft event and resolution, a draft branch of the public
    union, a draft resolution of the public union and a draft letter already marked published."""
    public = make_org("Toronto Transit Union", country="CA")
    services.record_resolution(adopting_organisation=public, title_en="Free the bus drivers",
                               date=datetime.date(2019, 3, 1))
    proposed = make_org("Harbour Workers of Marseille", country="FR", draft=True)
    branch = make_org("Transit Local 99", country="CA", parent=public, draft=True)
    event = services.record_event(title_en="Dockers' Congress 2011", start_date=datetime.date(2011, 5, 2),
                                  organisers=[proposed], draft=True)
    draft_resolution = services.record_resolution(
        adopting_organisation=proposed, event=event, title_en="Dockers for Iran", date=datetime.date(2011, 5, 2),
        submitted_by=[branch], commitments=["Write to the embassy"], draft=True,
    )
    public_draft = services.record_resolution(adopting_organisation=public, title_en="Drivers again",
                                              date=datetime.date(2021, 6, 1), submitted_by=[branch], draft=True)
    letter = services.write_letter(
        sender=alliance, recipients=[proposed], date=datetime.date(2011, 4, 1), subject="Greetings to the dockers",
        body="Dear friends", status=Correspondence.Status.PUBLISHED, draft=True,
    )
    return {"public": public, "proposed": proposed, "branch": branch, "event": event,
            "resolution": draft_resolution, "public_draft": public_draft, "letter": letter}


DRAFT_WORDS = ["Harbour Workers of Marseille", "Transit Local 99", "Dockers", "Drivers again", "Greetings to the dockers"]


def _hidden(content):
    return [words for words in DRAFT_WORDS if words in content]


def test_the_registry_lists_and_counts_only_accepted_resolutions(client, network):
    response = client.get("/en/network/resolutions/")
    assert [r.title_en for r in response.context["resolutions"]] == ["Free the bus drivers"]
    assert response.context["by_country"] == [{"code": "CA", "name": "Canada", "count": 1}]
    assert response.context["by_year"] == [{"year": 2019, "count": 1}]
    assert _hidden(response.content.decode()) == []
    assert _hidden(client.get("/en/network/resolutions/?country=FR").content.decode()) == []
    assert client.get("/en/network/resolutions/?year=2011").context["resolutions"].paginator.count == 0


def test_the_map_feed_and_csv_leave_drafts_out(client, network):
    svg = client.get("/en/network/resolutions/map.svg").content.decode()
    assert "country=CA" in svg and "country=FR" not in svg
    assert _hidden(client.get("/en/network/resolutions/feed/").content.decode()) == []
    assert _hidden(csvio.export_organisations()) == []
    assert _hidden(csvio.export_resolutions()) == []
    assert "Free the bus drivers" in csvio.export_resolutions()


def test_a_draft_has_no_public_page(client, network):
    addresses = [
        f"/en/network/resolutions/{network['resolution'].pk}/", f"/en/network/resolutions/{network['public_draft'].pk}/",
        f"/en/network/organisations/{network['proposed'].pk}/", f"/en/network/organisations/{network['branch'].pk}/",
        f"/en/network/events/{network['event'].pk}/", f"/fa/network/events/{network['event'].pk}/",
        f"/en/network/letters/{network['letter'].pk}/", f"/en/network/letters/{network['letter'].pk}/print/",
        f"/en/network/letters/{network['letter'].pk}/pdf/",
    ]
    assert [client.get(address).status_code for address in addresses] == [404] * len(addresses)
    assert _hidden(client.get("/en/network/letters/").content.decode()) == []


def test_public_pages_do_not_name_the_drafts_linked_to_them(client, network):
    page = client.get(f"/en/network/organisations/{network['public'].pk}/").content.decode()
    assert "Free the bus drivers" in page
    assert _hidden(page) == []
    # An accepted resolution whose submitter and event are still drafts names neither.
    network["public_draft"].accept()
    Resolution.objects.filter(pk=network["public_draft"].pk).update(event=network["event"])
    page = client.get(f"/en/network/resolutions/{network['public_draft'].pk}/").content.decode()
    assert "Drivers again" in page
    assert "Transit Local 99" not in page and "Congress 2011" not in page


def test_an_accepted_event_does_not_list_the_draft_resolution_adopted_there(client, network):
    network["event"].accept()
    page = client.get(f"/en/network/events/{network['event'].pk}/").content.decode()
    assert "Dockers&#x27; Congress 2011" in page
    assert "Dockers for Iran" not in page and "Harbour Workers of Marseille" not in page


def test_the_sitemap_names_no_draft(client, network, site_tree):
    content = client.get("/sitemap.xml").content.decode()
    # The sitemap lists the public records (the public union, its adopted resolution), never a draft.
    drafts = [f"/network/organisations/{network['proposed'].pk}/", f"/network/organisations/{network['branch'].pk}/",
              f"/network/events/{network['event'].pk}/", f"/network/resolutions/{network['resolution'].pk}/",
              f"/network/resolutions/{network['public_draft'].pk}/", f"/network/letters/{network['letter'].pk}/"]
    assert [address for address in drafts if address in content] == []
    assert f"/network/organisations/{network['public'].pk}/" in content
    assert _hidden(content) == []


def test_an_accepted_record_is_shown_like_any_other(client, network):
    for record in (network["proposed"], network["event"], network["resolution"]):
        record.accept()
    response = client.get("/en/network/resolutions/")
    assert [r.title_en for r in response.context["resolutions"]] == ["Free the bus drivers", "Dockers for Iran"]
    assert client.get(f"/en/network/organisations/{network['proposed'].pk}/").status_code == 200
    assert Resolution.objects.get(pk=network["resolution"].pk).draft is False
    # A letter, once accepted, is public when it is published, as every letter.
    network["letter"].accept()
    assert client.get(f"/en/network/letters/{network['letter'].pk}/").status_code == 200


def test_accepting_writes_only_the_draft_flag(network):
    organisation = Organisation.objects.get(pk=network["proposed"].pk)
    Organisation.objects.filter(pk=organisation.pk).update(name_en="Renamed meanwhile by another editor")
    organisation.accept()
    organisation.refresh_from_db()
    assert (organisation.draft, organisation.name_en) == (False, "Renamed meanwhile by another editor")


def test_organisations_proposed_before_drafts_existed_become_drafts(make_org):
    old = make_org("CUPE Local 4400", notes="Proposed by the archive import from News/000.txt; check before relying on it.")
    kept = make_org("CUPE Ontario", notes="Partner since 2008.")
    migration = import_module("solidarity.network.migrations.0005_mark_proposed_organisations_as_drafts")
    migration.mark_drafts(apps, None)
    assert list(Organisation.objects.drafts()) == [old]
    assert Organisation.objects.get(pk=kept.pk).draft is False
    assert list(Event.objects.drafts()) == []
