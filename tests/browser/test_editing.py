"""Editors and translators in the Wagtail admin, in Chromium, under the admin's
Content-Security-Policy (no inline script runs without the response's nonce)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # make_staff's
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
});
"""


def staff_page(browsing, username):
    page = browsing.new_page()
    page.context.add_init_script(WATCH_CSP)
    page.goto(reverse("wagtailadmin_login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def violations(page):
    return page.evaluate("window.__cspViolations")


def test_the_admin_screens_run_under_the_content_security_policy(bilingual_site, browsing, make_staff):
    make_staff("administrator", "Administrators")
    page = staff_page(browsing, "administrator")
    article = bilingual_site["article"]
    fa_article = bilingual_site["fa_article"]
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[bilingual_site["news"].pk]),
        reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", bilingual_site["news"].pk]),
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:edit", args=[fa_article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtail_localize:submit_page_translation", args=[bilingual_site["about"].pk]),
    ]
    for url in screens:
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], url
    assert [e for e in browsing.console_errors if "Content Security Policy" in e] == []


def test_an_editor_writes_and_publishes_an_article_in_the_browser(bilingual_site, browsing, make_staff):
    make_staff("editor", "Editors")
    page = staff_page(browsing, "editor")
    page.goto(reverse("wagtailadmin_pages:add", args=["publishing", "articlepage", bilingual_site["news"].pk]))
    page.fill("#id_title", "Solidarity message to the All Pakistan Trade Union Federation")
    page.fill("#id_date", "2008-01-14")
    page.keyboard.press("Escape")  # closes the date picker
    page.fill("#id_summary", "The alliance could not send a representative to the Asian Conference in Mumbai.")
    # The body: add a text block and type into Wagtail's rich text editor.
    page.locator("#panel-child-content-body-section button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Text").first.click()
    editor = page.locator("#panel-child-content-body-section [role=textbox]").first
    editor.click()
    editor.type("Dear sisters and brothers, we send you our greetings.")
    # The inline panel's script (nonce) lets the editor add an attachment row.
    page.get_by_role("button", name=re.compile("Add attachment", re.I)).click()
    assert page.locator("#id_attachments-0-title").count() == 1
    # ... and remove it again, as no booklet is chosen.
    page.locator("#id_attachments-0-DELETE-button, [id^=id_attachments-0] button[title='Delete']").first.click()

    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name=re.compile("^Publish", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))
    assert violations(page) == []

    page.goto("/en/news/")
    page.get_by_role("link", name="Solidarity message to the All Pakistan Trade Union Federation").click()
    assert "we send you our greetings" in page.locator("main").inner_text()


def test_a_translator_translates_an_article_into_persian_in_the_browser(bilingual_site, browsing, make_staff):
    from solidarity.publishing import factories

    article = factories.make_article(
        bilingual_site["news"], title="Convention adopts Resolution No. 21", slug="resolution-21",
        summary="Resolution No. 21 in solidarity with workers in Iran.",
        body=[("paragraph", "<p>CUPE Ontario will build worker-to-worker support.</p>")],
    )
    make_staff("translator", "Translators")
    page = staff_page(browsing, "translator")
    page.goto(reverse("wagtail_localize:submit_page_translation", args=[article.pk]))
    page.get_by_label(re.compile("Persian")).check()
    page.locator("main button[type=submit], main input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))

    persian = {
        "Convention adopts Resolution No. 21": "کنگره قطعنامه شماره ۲۱ را تصویب کرد",
        "Resolution No. 21 in solidarity with workers in Iran.": "قطعنامه شماره ۲۱ در همبستگی با کارگران ایران.",
        "CUPE Ontario will build worker-to-worker support.": "سوپ انتاریو همبستگی کارگر با کارگر را گسترش می‌دهد.",
        "resolution-21": "resolution-21",
    }
    for english, translated in persian.items():
        segment = page.locator("li.segment, [class*=segment]").filter(has_text=english).first
        segment.get_by_role("button", name=re.compile("Translate|Edit", re.I)).first.click()
        segment.locator("textarea").fill(translated)
        segment.get_by_role("button", name=re.compile("Save", re.I)).click()
        segment.get_by_role("button", name=re.compile("Edit", re.I)).first.wait_for()

    page.get_by_role("button", name=re.compile("Publish", re.I)).first.click()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []

    page.goto("/fa/")
    fa_article = article.get_translation(bilingual_site["fa_home"].locale)
    page.goto(fa_article.url)
    assert "کنگره قطعنامه شماره ۲۱ را تصویب کرد" in page.locator("main").inner_text()
    assert page.locator("html").get_attribute("dir") == "rtl"
