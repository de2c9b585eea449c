"""Search finds the public records that are not pages, in both languages, by their public words
only: campaigns (by a case's name too), cases, organisations, resolutions, events, letters and
newsletter issues."""

import datetime

import pytest
from django.utils import timezone

from solidarity.campaigns.factories import make_campaign
from solidarity.cases.models import Case
from solidarity.network import legacy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "search-records"}}


@pytest.fixture
def case(db):
    return Case.objects.create(name_latin="Reza Shahabi", name_fa="رضا شهابی", is_public=True,
                               summary_en="A leader of the Tehran bus workers' union.",
                               summary_fa="از رهبران سندیکای کارگران شرکت واحد.",
                               city_en="Karaj", show_city=False, occupation_en="Mechanic", show_occupation=True)


@pytest.fixture
def campaign(case):
    campaign = make_campaign()
    campaign.cases.add(case)
    return campaign


def results(client, query, language="en"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return [(record.kind, str(record.title), record.url) for record in response.context["records"]]


def test_bus_drivers_finds_the_campaign_in_english_and_in_persian(client, campaign, site_tree):
    assert ("Campaign", "Free the bus drivers", "/en/campaigns/free-the-drivers/") in results(client, "bus drivers")
    persian = results(client, "رانندگان اتوبوس", "fa")
    assert ("کارزار", "رانندگان اتوبوس را آزاد کنید", "/fa/campaigns/free-the-drivers/") in persian


def test_a_case_s_name_finds_the_case_and_the_action_about_it(client, campaign, site_tree):
    found = results(client, "Shahabi")
    assert ("Campaign", "Free the bus drivers", "/en/campaigns/free-the-drivers/") in found
    assert ("Case", "Reza Shahabi", "/cases/reza-shahabi/") in [(k, t, u.replace("/en", "")) for k, t, u in found]
    # In Persian, with an Arabic yeh typed for the Persian one: the same folding as the pages.
    assert any(kind == "پرونده" for kind, _title, _url in results(client, "شهابي", "fa"))


def test_a_private_case_and_its_name_are_never_found(client, campaign, case, site_tree):
    Case.objects.filter(pk=case.pk).update(is_public=False)
    assert results(client, "Shahabi") == []


def test_fields_a_case_does_not_show_are_not_searched(client, case, site_tree):
    assert results(client, "Mechanic") != []
    assert results(client, "Karaj") == []  # the city is kept back
    Case.objects.filter(pk=case.pk).update(show_occupation=False)
    assert results(client, "Mechanic") == []


def test_a_draft_campaign_is_not_found(client, site_tree):
    make_campaign(status="draft")
    assert results(client, "bus drivers") == []


def test_the_network_records_are_found_in_both_languages(client, site_tree, cupe_resolution):
    kinds = {kind for kind, _title, _url in results(client, "CUPE Ontario")}
    assert {"Organisation", "Resolution", "Event"} <= kinds
    persian = results(client, "کوپ انتاریو", "fa")
    assert any(url == f"/fa/network/resolutions/{cupe_resolution.pk}/" for _kind, _title, url in persian)
    # A commitment's words find the resolution.
    assert any(kind == "Resolution" for kind, *_ in results(client, "economic sanctions"))


def test_a_published_letter_is_found_and_a_draft_letter_is_not(client, site_tree, aptuf):
    assert any(kind == "Letter" for kind, *_ in results(client, "APTUF Mumbai"))
    aptuf.status = aptuf.Status.DRAFT
    aptuf.save(update_fields=["status"])
    assert not any(kind == "Letter" for kind, *_ in results(client, "APTUF Mumbai"))


def test_a_newsletter_issue_in_the_archive_is_found_in_its_language(client, site_tree):
    from solidarity.newsletter.models import Issue

    Issue.objects.create(language="fa", volume=3, number=7, date=datetime.date(2024, 1, 1),
                         introduction="<p>گزارش اعتصاب کارگران نیشکر هفت‌تپه</p>", published_at=timezone.now())
    assert any(kind == "شمارهٔ خبرنامه" for kind, *_ in results(client, "هفت تپه", "fa"))
    assert results(client, "هفت تپه", "en") == []


@pytest.fixture
def cupe_resolution(site_tree):
    return legacy.cupe_resolution_21()


@pytest.fixture
def aptuf(site_tree):
    legacy.alliance()
    return legacy.aptuf_message_2008()


@pytest.mark.xfail(strict=True, reason="each search reads and builds every public record again (about 0.13 ms a "
                   "record: 400 ms with 3,000 organisations), for any words anyone sends; to keep them per process "
                   "until a record changes (the search area's page-cache tokens) needs a decision on tests' caches")
def test_anyone_searching_again_and_again_does_not_read_every_record_each_time(site_tree, django_assert_max_num_queries):
    from solidarity.network.models import Organisation
    from solidarity.search.services import SearchQuery, search_records

    kind = Organisation._meta.get_field("kind").choices[0][0]
    Organisation.objects.bulk_create([Organisation(name_en=f"Union local {n}", kind=kind) for n in range(50)])
    search_records(query=SearchQuery.parse("strike"), language="en")

    with django_assert_max_num_queries(1):
        for words in ("teachers", "tehran bus", "haft tappeh"):
            search_records(query=SearchQuery.parse(words), language="en")
