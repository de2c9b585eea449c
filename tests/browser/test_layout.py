"""The demo site on a desktop and on a phone, in both languages: nothing scrolls sideways.
Screenshots of every page go to var/screenshots/ for a person to look at."""

import pytest

from .fixtures import screenshot

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1100, "height": 800}, "phone": {"width": 360, "height": 740}}


def main_pages(page, language):
    """The home page, every page in the main menu and the latest article, as a visitor finds them."""
    page.goto(f"/{language}/")
    urls = {"home": page.url}
    for href in page.eval_on_selector_all("header .menu a", "links => links.map(a => a.href)"):
        urls[f"menu-{len(urls)}"] = href
    urls["article"] = page.locator("main .article-list a").first.get_attribute("href")
    return urls


def test_no_demo_page_scrolls_sideways_on_a_desktop_or_a_phone(live, demo, browsing):
    too_wide = {}
    for device, viewport in VIEWPORTS.items():
        page = browsing.new_page(viewport=viewport)
        for language in ("en", "fa"):
            for name, url in main_pages(page, language).items():
                assert page.goto(url).ok, url
                page.evaluate("document.fonts.ready.then(() => true)")
                screenshot(page, f"demo-{name}-{language}-{device}")
                widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
                if widths[0] > widths[1]:
                    too_wide[f"{device} {url}"] = widths
    assert too_wide == {}
