"""The home page features the urgent action first: the editors' choice, or by default the
latest campaign open for signing, with its demand, count, progress and a Sign button."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.cases.models import Case
from solidarity.core.pages import publish
from solidarity.publishing import factories
from solidarity.publishing.models import HomeFeature

pytestmark = pytest.mark.usefixtures("private_cache")


def test_without_a_choice_the_latest_open_campaign_is_featured_with_a_sign_button_to_the_form(client, site_tree, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    make_campaign(slug="older", title_en="An older action", starts_on=datetime.date.today() - datetime.timedelta(days=9))
    latest = make_campaign(slug="latest", title_en="Free the bus drivers", goal=200,
                           headline_en="Release the three drivers now")
    make_campaign(slug="draft", title_en="A draft action", status="draft")
    make_signature(latest)

    content = client.get("/en/").content.decode()

    hero = content.split('<section class="hero"')[1].split("</section>")[0]
    assert "Free the bus drivers" in hero and "An older action" not in hero and "A draft action" not in hero
    assert "Release the three drivers now" in hero
    assert "<strong>1</strong> confirmed signature" in hero
    assert '<progress class="campaign-progress" max="200" value="1"' in hero
    assert 'href="/en/campaigns/latest/#sign"' in hero


def test_the_editors_choice_of_a_case_and_an_article_replaces_the_default_in_the_readers_language(client, site_tree):
    make_campaign(slug="latest", title_en="Free the bus drivers")
    case = Case.objects.create(name_latin="Kamran Example", name_fa="کامران نمونه", is_public=True)
    article = factories.make_article(site_tree["news"], title="CUPE Ontario adopts resolution 21")
    factories.translate(article, "fa", title="کوپ انتاریو قطعنامه ۲۱ را تصویب کرد")
    for home in (site_tree["home"], site_tree["fa_home"]):
        home.features = [HomeFeature(case=case), HomeFeature(article=article)]
        publish(home)

    english = client.get("/en/").content.decode().split('<section class="hero"')[1].split("</section>")[0]
    persian = client.get("/fa/").content.decode().split('<section class="hero"')[1].split("</section>")[0]

    assert "Kamran Example" in english and "CUPE Ontario adopts resolution 21" in english
    assert "Free the bus drivers" not in english
    assert english.index("Kamran Example") < english.index("CUPE Ontario")
    assert "کامران نمونه" in persian and "کوپ انتاریو قطعنامه ۲۱ را تصویب کرد" in persian
    assert 'href="/fa/news/' in persian and 'href="/en/news/' not in persian


def test_a_chosen_draft_campaign_or_private_case_is_not_shown(client, site_tree):
    draft = make_campaign(slug="draft", title_en="A draft action", status="draft")
    private = Case.objects.create(name_latin="Private Person", is_public=False)
    home = site_tree["home"]
    home.features = [HomeFeature(campaign=draft), HomeFeature(case=private)]
    publish(home)

    content = client.get("/en/").content.decode()

    assert "A draft action" not in content and "Private Person" not in content


def test_a_chosen_article_behind_a_password_or_a_sign_in_is_not_shown(client, site_tree):
    from wagtail.models import PageViewRestriction

    secret = factories.make_article(site_tree["news"], title="Minutes of the organisers' meeting")
    members = factories.make_article(site_tree["news"], title="Members' bulletin")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="s3cret")
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    home = site_tree["home"]
    home.features = [HomeFeature(article=secret), HomeFeature(article=members)]
    publish(home)

    content = client.get("/en/").content.decode()

    assert "organisers&#x27; meeting" not in content and "Members&#x27; bulletin" not in content
    assert "Minutes of the organisers" not in content


def test_a_featured_item_names_exactly_one_record(db):
    with pytest.raises(ValidationError):
        HomeFeature().clean()
    with pytest.raises(ValidationError):
        HomeFeature(campaign=make_campaign(), case=Case.objects.create(name_latin="Two Things")).clean()


def test_the_home_page_title_names_the_site_once(client, site_tree):
    content = client.get("/en/").content.decode()

    assert f"<title>{site_tree['home'].title}</title>" in content
    about = client.get("/en/about-us/").content.decode()
    assert f"<title>About Us · {site_tree['home'].title}</title>" in about


def test_the_home_page_with_its_live_count_is_kept_for_seconds_not_minutes(client, site_tree):
    make_campaign()

    response = client.get("/en/")

    assert "max-age=30" in response["Cache-Control"]
