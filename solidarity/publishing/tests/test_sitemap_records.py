"""The sitemap lists the public records that are not pages, and their lists, each in both
languages with its alternates; nothing private or draft."""

import pytest

from solidarity.campaigns.factories import make_campaign
from solidarity.cases.models import Case
from solidarity.network import legacy

from .test_sitemap import sitemap

pytestmark = pytest.mark.usefixtures("private_cache")

ROOT = "http://localhost"


@pytest.fixture
def records(site_tree):
    case = Case.objects.create(name_latin="Reza Shahabi", name_fa="رضا شهابی", is_public=True)
    hidden = Case.objects.create(name_latin="Private Person", is_public=False)
    campaign = make_campaign()
    draft = make_campaign(slug="not-yet", status="draft")
    resolution = legacy.cupe_resolution_21()
    return {"case": case, "hidden": hidden, "campaign": campaign, "draft": draft, "resolution": resolution}


def test_every_public_record_is_listed_in_both_languages_with_its_alternates(client, records):
    entries = sitemap(client)
    root = next(iter(entries)).split("/en/")[0].split("/fa/")[0]
    campaign = f"{root}/en/campaigns/free-the-drivers/"
    assert campaign in entries and f"{root}/fa/campaigns/free-the-drivers/" in entries
    assert entries[campaign]["alternates"] == [
        ("en", campaign), ("fa", f"{root}/fa/campaigns/free-the-drivers/"), ("x-default", campaign)]
    resolution = records["resolution"]
    for language in ("en", "fa"):
        assert f"{root}/{language}/cases/reza-shahabi/" in entries
        assert f"{root}/{language}/network/resolutions/{resolution.pk}/" in entries
        assert f"{root}/{language}/network/organisations/{resolution.adopting_organisation_id}/" in entries
        assert f"{root}/{language}/network/events/{resolution.event_id}/" in entries
        for listing in ("campaigns/", "cases/", "network/resolutions/", "network/organisations/", "network/events/",
                        "network/letters/"):
            assert f"{root}/{language}/{listing}" in entries


def test_private_cases_and_draft_campaigns_are_not_listed(client, records):
    addresses = " ".join(sitemap(client))
    assert "private-person" not in addresses
    assert "not-yet" not in addresses
