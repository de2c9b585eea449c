"""A printed campaign page carries the campaign's text, demands and addressees, not the
navigation, the buttons or an empty form."""

import pytest
from playwright.sync_api import expect

from .campaign_site import ACTION, LANGUAGES

pytestmark = pytest.mark.browser


def test_printing_keeps_the_campaign_and_its_demands_and_drops_the_form_and_navigation(live, demo, browsing):
    for language in LANGUAGES:
        page = browsing.new_page(javascript=False)
        page.goto(f"/{language}/campaigns/{ACTION}/")
        page.emulate_media(media="print")
        expect(page.locator(".campaign h1")).to_be_visible()
        expect(page.locator(".demands li").first).to_be_visible()
        expect(page.locator(".targets")).to_be_visible()
        for hidden in (".site-header", ".site-footer", "#sign", ".sign-now"):
            expect(page.locator(hidden)).to_be_hidden()
        assert len(page.pdf()) > 1000
        page.close()
