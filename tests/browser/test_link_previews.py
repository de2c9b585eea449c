"""Every public page carries complete link-preview tags: title, description, picture (on this
site), locale and its alternate, the card type and the canonical address."""

import pytest

from .campaign_site import ACTION, LANGUAGES, keep

pytestmark = pytest.mark.browser

PAGES = ("/", "/news/cupe-ontario-resolution-21/", "/campaigns/", f"/campaigns/{ACTION}/",
         "/cases/", "/cases/kamran-sadeghpour/", "/network/resolutions/", "/newsletter/issues/")
OG_LOCALE = {"en": "en_US", "fa": "fa_IR"}


def head_tags(page):
    return page.evaluate("""() => {
        const tags = {};
        for (const m of document.head.querySelectorAll('meta[property], meta[name]')) {
            const key = m.getAttribute('property') || m.getAttribute('name');
            (tags[key] = tags[key] || []).push(m.getAttribute('content'));
        }
        const canonical = document.head.querySelector('link[rel=canonical]');
        tags.canonical = canonical ? [canonical.href] : [];
        return tags;
    }""")


def test_every_public_page_has_complete_link_preview_tags_in_both_languages(live, demo, browsing):
    page = browsing.new_page(javascript=True)
    missing = {}
    for language in LANGUAGES:
        for path in PAGES:
            url = f"/{language}{path}"
            assert page.goto(url).ok, url
            tags = head_tags(page)
            wanted = ["og:title", "og:description", "og:image", "og:image:alt", "og:locale", "og:locale:alternate",
                      "twitter:card", "canonical"]
            lacking = [name for name in wanted if not any((value or "").strip() for value in tags.get(name, []))]
            if lacking:
                missing[url] = lacking
                continue
            assert tags["og:locale"] == [OG_LOCALE[language]], url
            assert tags["og:locale:alternate"] == [OG_LOCALE["fa" if language == "en" else "en"]], url
            assert tags["twitter:card"] == ["summary_large_image"], url
            image = tags["og:image"][0]
            assert image.startswith(browsing.base_url.replace("127.0.0.1", "localhost")) or image.startswith(
                browsing.base_url), (url, image)
    assert missing == {}


def test_the_case_page_links_to_the_action_about_the_person(live, demo, browsing):
    for language in LANGUAGES:
        page = browsing.new_page(javascript=False, viewport={"width": 390, "height": 844})
        page.goto(f"/{language}/cases/kamran-sadeghpour/")
        link = page.locator(".case-actions a").first
        assert link.get_attribute("href") == f"/{language}/campaigns/{ACTION}/"
        assert page.locator(".case-photo img").get_attribute("alt").strip()
        if language == "fa":
            keep(page, "case-fa")
        page.close()
