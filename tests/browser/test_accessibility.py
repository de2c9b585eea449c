"""axe-core, from npm, run in Chromium on the key public pages in both languages."""

import pytest
from playwright.sync_api import expect

from .fixtures import axe_violations, screenshot

pytestmark = pytest.mark.browser


def key_pages(site):
    fa_search = "/fa/search/?q=" + "كارگران"
    return {
        "home-en": "/en/",
        "home-fa": "/fa/",
        "article-en": site["article"].url,
        "article-fa": site["fa_article"].url,
        "news-en": site["news"].url,
        "news-fa": site["fa_news"].url,
        "search-en": "/en/search/?q=workers",
        "search-fa": fa_search,
        "search-empty-en": "/en/search/?q=nothing-matches-this",
        "about-en": site["about"].url,
        "about-fa": site["fa_about"].url,
        "objectives-en": site["objectives"].url,
        "objectives-fa": site["fa_objectives"].url,
        "contact-en": site["contact"].url,
        "contact-fa": site["fa_contact"].url,
    }


def test_key_pages_have_no_serious_or_critical_accessibility_violations(bilingual_site, browsing):
    # axe is injected as an inline script, which the site's own policy rightly forbids.
    page = browsing.new_page(bypass_csp=True)
    found = {}
    for name, url in key_pages(bilingual_site).items():
        response = page.goto(url)
        assert response.ok, (name, url, response.status)
        screenshot(page, name)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}


def test_a_contact_form_with_errors_has_no_serious_or_critical_accessibility_violations(bilingual_site, browsing):
    page = browsing.new_page(bypass_csp=True)
    page.goto(bilingual_site["contact"].url)
    page.get_by_role("button", name="Send message").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()
    screenshot(page, "contact-errors-en")
    assert axe_violations(page) == []
