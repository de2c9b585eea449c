"""Items chosen from published records copy their title, summary and link, and stay editable."""

import datetime

import pytest

from solidarity.network.models import Organisation, Resolution
from solidarity.newsletter import services
from solidarity.newsletter.models import IssueItem
from solidarity.newsletter.rendering import render_issue
from solidarity.publishing import factories

from .conftest import make_issue


@pytest.fixture
def article(site_tree):
    return factories.make_article(site_tree["news"], title="Haft Tappeh workers strike again",
                                  summary="Sugar cane workers stopped work over unpaid wages.")


def test_an_article_chosen_for_an_issue_brings_its_title_summary_and_full_link(article):
    issue = make_issue()

    item = services.add_item(issue=issue, choice=f"article:{article.pk}")

    assert item.kind == IssueItem.Kind.ARTICLE
    assert item.title == "Haft Tappeh workers strike again"
    assert item.summary == "Sugar cane workers stopped work over unpaid wages."
    assert item.url == "https://solidarity.example/en/news/haft-tappeh-workers-strike-again/"


def test_the_copied_title_can_be_changed_and_stays_changed(article):
    issue = make_issue()
    item = services.add_item(issue=issue, choice=f"article:{article.pk}")

    item.title = "Strike at Haft Tappeh"
    item.save()

    item.refresh_from_db()
    assert item.title == "Strike at Haft Tappeh"
    assert item.summary == "Sugar cane workers stopped work over unpaid wages."


def test_a_resolution_is_chosen_in_the_issues_language(db):
    union = Organisation.objects.create(name_en="Canadian Union of Postal Workers", name_fa="اتحادیه کارکنان پست کانادا",
                                        kind="union", country="CA")
    resolution = Resolution.objects.create(adopting_organisation=union, title_en="Free the jailed bus drivers",
                                           title_fa="آزادی رانندگان زندانی اتوبوس", date=datetime.date(2025, 5, 1))
    issue = make_issue(language="fa")

    item = services.add_item(issue=issue, choice=f"resolution:{resolution.pk}")

    assert item.title == "آزادی رانندگان زندانی اتوبوس"
    assert item.url == f"https://solidarity.example/fa/network/resolutions/{resolution.pk}/"


def test_only_published_articles_in_the_issues_language_can_be_chosen(article, site_tree):
    draft = factories.make_article(site_tree["news"], title="Not yet", publish_now=False)

    values = [value for _label, options in services.source_choices("en") for value, _text in options]

    assert f"article:{article.pk}" in values
    assert f"article:{draft.pk}" not in values
    fa_values = [value for _label, options in services.source_choices("fa") for value, _text in options]
    assert f"article:{article.pk}" not in fa_values


def test_a_choice_of_a_record_that_does_not_exist_makes_a_free_section(db):
    issue = make_issue()

    item = services.add_item(issue=issue, choice="case:999", heading="Our own words")

    assert item.kind == IssueItem.Kind.SECTION
    assert item.source_id is None
    assert item.title == "Our own words"


def test_in_this_issue_lists_every_item_in_order_in_html_and_text(article):
    issue = make_issue(items=[
        {"choice": f"article:{article.pk}"},
        {"heading": "A speech at the rally", "text": "<p>Comrades, <a href=\"/en/news/\">read</a>.</p>"},
        {"heading": "A sample protest letter", "text": "<p>Dear Sir,</p>"},
    ])

    rendered = render_issue(issue)
    html, text = rendered.personalise(unsubscribe_url="https://u.example/u", preferences_url="https://u.example/p")

    assert issue.contents() == ["Haft Tappeh workers strike again", "A speech at the rally", "A sample protest letter"]
    contents = text.split("In this issue")[1]
    assert contents.index("1. Haft Tappeh") < contents.index("2. A speech") < contents.index("3. A sample")
    assert 'href="https://solidarity.example/en/news/"' in html
    assert "Comrades, read <https://solidarity.example/en/news/>." in text
    assert max(len(line.encode()) for line in html.splitlines()) <= 998
    assert max(len(line) for line in text.splitlines()) <= 998


def test_a_public_case_can_be_chosen_and_brings_only_what_is_public(db):
    from solidarity.cases.models import Case

    case = Case.objects.create(name_latin="Reza Driver", name_fa="رضا راننده", slug="reza-driver", is_public=True,
                               summary_en="A bus driver held for organising.")
    issue = make_issue()

    item = services.add_item(issue=issue, choice=f"case:{case.pk}")

    assert item.kind == IssueItem.Kind.CASE
    assert item.title == "Reza Driver"
    assert item.url.endswith("/en/cases/reza-driver/")


def test_a_private_case_is_never_offered_nor_taken_from_a_crafted_choice(db):
    from solidarity.cases.models import Case

    private = Case.objects.create(name_latin="Hidden Person", slug="hidden-person", is_public=False)
    issue = make_issue()

    offered = [value for _group, options in services.source_choices("en") for value, _label in options]
    item = services.add_item(issue=issue, choice=f"case:{private.pk}")

    assert f"case:{private.pk}" not in offered
    assert item.kind != IssueItem.Kind.CASE
    assert "Hidden Person" not in (item.title + item.summary)


def test_a_draft_campaign_and_an_unreviewed_or_defeated_resolution_are_never_offered_nor_taken(db):
    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Campaign

    draft = make_campaign(slug="not-yet", status=Campaign.Status.DRAFT)
    union = Organisation.objects.create(name_en="Union", kind="union", country="CA")
    unreviewed = Resolution.objects.create(adopting_organisation=union, title_en="Imported, not reviewed",
                                           date=datetime.date(2025, 5, 1), draft=True)
    defeated = Resolution.objects.create(adopting_organisation=union, title_en="Voted down",
                                         date=datetime.date(2025, 5, 1), status=Resolution.Status.DEFEATED)
    issue = make_issue()

    offered = [value for _group, options in services.source_choices("en") for value, _label in options]
    for choice in (f"campaign:{draft.pk}", f"resolution:{unreviewed.pk}", f"resolution:{defeated.pk}"):
        item = services.add_item(issue=issue, choice=choice)
        assert choice not in offered
        assert item.kind == IssueItem.Kind.SECTION
