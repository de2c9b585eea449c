import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def rendered_fonts(page, selector):
    """The font families Chromium actually drew the element's text with."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def test_a_visitor_reads_the_home_page_in_english_then_switches_to_persian(bilingual_site, browsing, page):
    page.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_role("heading", level=1).inner_text() == bilingual_site["home"].title
    expect(page.get_by_role("link", name="Haft Tappeh sugar cane workers strike over unpaid wages")).to_be_visible()
    # English pages never download the Persian font.
    assert not [url for url in browsing.requests if ".woff2" in url]

    page.get_by_role("link", name="فارسی").click()
    page.wait_for_load_state()
    page.evaluate("document.fonts.ready.then(() => true)")

    assert page.url.startswith(browsing.base_url + "/fa/")
    assert page.locator("html").get_attribute("lang") == "fa"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "اتحاد بین‌المللی در حمایت از کارگران در ایران"
    expect(page.get_by_role("link", name="اعتصاب کارگران نیشکر هفت‌تپه برای دستمزدهای پرداخت‌نشده")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.body).fontFamily").strip('"').startswith("Vazirmatn")
    assert "Vazirmatn" in rendered_fonts(page, "h1")
    assert [url for url in browsing.requests if url.endswith("/static/fonts/vazirmatn-regular.woff2")]


def test_a_visitor_switches_from_a_persian_article_back_to_its_english_original(bilingual_site, page):
    page.goto(bilingual_site["fa_article"].url)
    assert page.locator("html").get_attribute("dir") == "rtl"

    page.get_by_role("link", name="English").click()

    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_role("heading", level=1).inner_text() == bilingual_site["article"].title


def test_the_language_switcher_says_when_a_page_is_not_translated(bilingual_site, page):
    from solidarity.publishing import factories

    untranslated = factories.make_article(bilingual_site["news"], title="Only in English")
    page.goto(untranslated.url)

    switcher = page.get_by_role("list", name="Languages")
    assert "فارسی" in switcher.inner_text()
    assert switcher.get_by_role("link").count() == 0
