"""The home page puts the urgent action first: its picture, demand, count and progress, and a
Sign button that leads straight to the form, in both languages, on a desktop and a phone,
without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from .campaign_site import ACTION, LANGUAGES, SIGN, TITLE, WIDTHS, keep, phone_or_desktop
from .fixtures import axe_violations

pytestmark = pytest.mark.browser


def test_the_home_page_features_the_action_and_its_sign_button_opens_the_form(live, demo, browsing):
    for language in LANGUAGES:
        for width in WIDTHS:
            page = phone_or_desktop(browsing, width, javascript=False)
            page.goto(f"/{language}/")
            featured = page.locator(".hero .campaign-card").first
            expect(featured.get_by_role("heading", name=TITLE[language])).to_be_visible()
            expect(featured.locator("img.campaign-card-picture")).to_have_attribute("alt", re.compile(r"\S"))
            expect(featured.get_by_role("progressbar")).to_have_attribute("max", "1000")
            expect(featured.locator(".campaign-card-count")).to_contain_text("1,000" if language == "en" else "۱٬۰۰۰")
            sign = featured.get_by_role("link", name=re.compile("^" + SIGN[language]))
            # On a phone too the button is reached without scrolling far: within the first two screens.
            assert sign.bounding_box()["y"] < 2 * page.viewport_size["height"], (language, width)
            if width == 1280 and language == "en" or width == 390 and language == "fa":
                keep(page, f"home-{language}")
            sign.click()
            page.wait_for_url(re.compile(rf"/{language}/campaigns/{ACTION}/#sign$"))
            expect(page.locator("#sign form")).to_be_in_viewport()
            page.close()


def test_the_home_page_has_no_serious_accessibility_problem_in_either_language(live, demo, browsing):
    page = browsing.new_page(bypass_csp=True)
    found = {}
    for language in LANGUAGES:
        page.goto(f"/{language}/")
        found[language] = axe_violations(page)
    assert found == {"en": [], "fa": []}
