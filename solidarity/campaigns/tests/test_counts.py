"""Public counters: the JSON endpoint, milestones, and the page cache."""

import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Signature
from solidarity.core.pagecache import CACHE_ALIAS


@pytest.fixture
def page_cache_on(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        CACHE_ALIAS: {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                      "LOCATION": str(tmp_path / "pages")},
    }
    settings.PAGE_CACHE_SECONDS = 600
    yield
    caches[CACHE_ALIAS].clear()


def test_the_count_endpoint_gives_confirmed_totals_by_country_and_may_be_cached_five_seconds(client, campaign):
    make_signature(campaign, email="a@union.example", country="GB")
    make_signature(campaign, email="b@union.example", country="IR")
    make_signature(campaign, email="c@union.example", confirmed=False)

    response = client.get(f"/en/campaigns/{campaign.slug}/count.json")

    assert response.status_code == 200
    assert response.json()["total"] == 2
    assert response.json()["by_country"] == {"GB": 1, "IR": 1}
    assert "public" in response["Cache-Control"] and "max-age=5" in response["Cache-Control"]


def test_the_campaign_page_shows_the_count_milestones_and_countries_in_persian_digits(client, db, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    campaign = make_campaign(goal=8)
    for number in range(4):
        make_signature(campaign, email=f"s{number}@union.example", country="IR" if number else "CA")

    content = client.get(campaign.get_absolute_url("fa")).content.decode()

    assert "<strong>۴</strong>" in content
    assert '<li class="reached"><span class="milestone-number">۲</span>' in content
    assert '<li class="reached"><span class="milestone-number">۴</span>' in content
    assert '<li class=""><span class="milestone-number">۶</span> <span class="milestone-state">هنوز نه</span>' in content
    assert "<td>ایران</td><td>۳</td>" in content


def test_without_a_goal_the_milestones_are_round_numbers(db):
    campaign = make_campaign()

    assert campaign.milestones(120) == [(100, True), (500, False)]
    assert campaign.milestones(0) == [(100, False)]


def test_the_campaign_page_is_cached_for_anonymous_readers_at_most_four_seconds(client, campaign, page_cache_on, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 1
    url = campaign.get_absolute_url("en")
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert "max-age=4" in first["Cache-Control"]
    make_signature(campaign)

    assert client.get(url)["X-Cache"] == "hit"
    time.sleep(4.1)
    fresh = client.get(url)
    assert fresh["X-Cache"] == "miss"
    assert "<strong>1</strong>" in fresh.content.decode()


def test_pages_with_a_signer_s_token_are_never_cached(client, campaign, page_cache_on):
    signature = make_signature(campaign, confirmed=False)
    path = f"/en/campaigns/confirm/{services.confirmation_token(signature)}/"

    first, second = client.get(path), client.get(path)

    assert "X-Cache" not in first and "X-Cache" not in second
    assert "no-store" in first["Cache-Control"] or "no-cache" in first["Cache-Control"]


def test_a_form_with_a_csrf_token_is_never_cached_for_everyone(client, campaign, page_cache_on, rf):
    # The page cache refuses any page carrying a CSRF token; campaign forms carry none (the
    # e-mail confirmation protects them), which is why they can be cached at all.
    from django.http import HttpResponse

    from solidarity.core.pagecache import storable

    request = rf.get(campaign.get_absolute_url("en"))
    page_with_token = HttpResponse('<form><input type="hidden" name="csrfmiddlewaretoken" value="secret"></form>')
    assert not storable(request, page_with_token)
    campaign_page = client.get(campaign.get_absolute_url("en"))
    assert b"csrfmiddlewaretoken" not in campaign_page.content
    assert not campaign_page.cookies


def test_a_signature_post_is_never_served_from_the_cache(client, campaign, page_cache_on):
    client.get(campaign.get_absolute_url("en"))
    response = client.post(f"/en/campaigns/{campaign.slug}/sign/", {"name": "", "email": "", "country": ""})

    assert response.status_code == 400
    assert "X-Cache" not in response
    assert not Signature.objects.exists()


def test_the_count_endpoint_is_kept_by_the_page_cache_for_five_seconds(client, campaign, page_cache_on, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 60  # the endpoint counts afresh whatever the pages do
    url = f"/en/campaigns/{campaign.slug}/count.json"
    assert client.get(url).json()["total"] == 0
    make_signature(campaign)

    cached = client.get(url)
    assert cached["X-Cache"] == "hit" and cached.json()["total"] == 0
    time.sleep(5.1)
    assert client.get(url).json()["total"] == 1


def test_the_list_of_campaigns_shows_the_open_ones_with_their_counts(client, campaign, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    make_campaign(slug="old", title_en="An old campaign", status="closed")
    make_campaign(slug="ended", title_en="An ended campaign", starts_on=timezone.localdate() - timedelta(days=200))
    make_campaign(slug="draft", title_en="A draft campaign", status="draft")
    make_signature(campaign)

    content = client.get("/en/campaigns/").content.decode()

    assert "Free the bus drivers" in content
    assert "<strong>1</strong> confirmed signature" in content
    past = content.split("Past campaigns")[1]
    assert "An old campaign" in past and "An ended campaign" in past
    assert "Free the bus drivers" not in past
    assert "A draft campaign" not in content
