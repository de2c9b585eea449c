"""The campaign cards on the list of urgent actions: picture with its description, the
one-line demand, a progress bar a screen reader can name, and a Sign button to the form."""

import re

import pytest
from playwright.sync_api import expect

from .campaign_site import (
    ACTION,
    LANGUAGES,
    OTHER_ACTION,
    SIGN,
    TITLE,
    WIDTHS,
    keep,
    phone_or_desktop,
)
from .fixtures import axe_violations

pytestmark = pytest.mark.browser


def test_each_open_action_has_a_card_with_picture_demand_progress_and_sign(live, demo, browsing):
    for language in LANGUAGES:
        for width in WIDTHS:
            page = phone_or_desktop(browsing, width, javascript=False)
            page.goto(f"/{language}/campaigns/")
            cards = page.locator(".campaign-cards .campaign-card")
            expect(cards).to_have_count(2)
            card = cards.filter(has=page.get_by_role("heading", name=TITLE[language]))
            picture = card.locator("img")
            expect(picture).to_have_attribute("alt", re.compile(r"\S"))
            assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
            expect(card.locator(".campaign-demand")).not_to_be_empty()
            progress = card.get_by_role("progressbar")
            # The bar is named by the count beside it, so a screen reader says what it measures.
            expect(progress).to_have_accessible_name(re.compile("1,000" if language == "en" else "۱٬۰۰۰"))
            expect(card.get_by_role("link", name=re.compile("^" + SIGN[language]))).to_have_attribute(
                "href", f"/{language}/campaigns/{ACTION}/#sign")
            # Every card's own Sign button, with the action's name for a screen reader.
            other = cards.filter(has_not=page.get_by_role("heading", name=TITLE[language]))
            expect(other.get_by_role("link", name=re.compile("^" + SIGN[language]))).to_have_attribute(
                "href", f"/{language}/campaigns/{OTHER_ACTION}/#sign")
            keep(page, f"campaigns-{language}-{width}")
            page.close()


def test_the_list_and_the_action_have_no_serious_accessibility_problem(live, demo, browsing):
    page = browsing.new_page(bypass_csp=True)
    found = {}
    for language in LANGUAGES:
        for path in ("/campaigns/", f"/campaigns/{ACTION}/", "/cases/kamran-sadeghpour/"):
            page.goto(f"/{language}{path}")
            if violations := axe_violations(page):
                found[f"{language}{path}"] = violations
    assert found == {}


def test_on_a_phone_sign_now_is_near_the_top_and_the_milestones_say_what_they_are(live, demo, browsing):
    for language in LANGUAGES:
        page = phone_or_desktop(browsing, 390, javascript=False)
        page.goto(f"/{language}/campaigns/{ACTION}/")
        sign_now = page.locator(".sign-now a")
        expect(sign_now).to_be_in_viewport()
        milestones = page.get_by_role("list", name="Milestones" if language == "en" else "گام‌ها")
        expect(milestones.locator("li").first).to_contain_text("not yet" if language == "en" else "هنوز نه")
        if language == "fa":
            keep(page, "campaign-fa-390")
        sign_now.click()
        expect(page.locator("#sign form")).to_be_in_viewport()
        page.close()
