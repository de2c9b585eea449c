"""Staff in the Wagtail admin: an editor writes and publishes an article, a translator
translates it into Persian with wagtail-localize and publishes the translation."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Tehran bus drivers win their appeal against dismissal"
FA_TITLE = "رانندگان اتوبوس تهران در دادگاه تجدیدنظر بر اخراج پیروز شدند"
SUMMARY = "The court overturned the dismissals of twelve drivers of the Vahed syndicate."
FA_SUMMARY = "دادگاه حکم اخراج دوازده راننده عضو سندیکای واحد را لغو کرد."
BODY = "The drivers' syndicate thanked every union that wrote to the court."
FA_BODY = "سندیکای رانندگان از همهٔ سندیکاهایی که به دادگاه نامه نوشتند سپاسگزاری کرد."

# Set when Wagtail's unsaved-changes watcher has taken the form's unedited state.
WATCH_EDITS = """document.addEventListener("w-unsaved:watch-edits", () => {
    document.documentElement.dataset.watchingEdits = "";
});"""


@pytest.fixture
def staff(bilingual_site):
    from django.contrib.auth.models import Group, User

    editor = User.objects.create_user("editor", "editor@example.org", "a long editor password")
    editor.groups.add(Group.objects.get(name="Editors"))
    translator = User.objects.create_user("translator", "translator@example.org", "a long translator password")
    translator.groups.add(Group.objects.get(name="Translators"))
    return {"editor": (editor, "a long editor password"), "translator": (translator, "a long translator password")}


def log_in(browsing, user, password):
    return browsing.signed_in_page(user.username, password, viewport={"width": 1280, "height": 900})


def test_an_editor_publishes_an_article_and_a_translator_publishes_it_in_persian(bilingual_site, staff, browsing):
    from solidarity.publishing.models import ArticlePage

    # The editor writes the article under News and publishes it.
    editor = log_in(browsing, *staff["editor"])
    editor.goto(f"/admin/pages/{bilingual_site['news'].pk}/")
    # Wagtail takes the form as it stands two seconds after it loads as the unedited state
    # and autosaves only changes made after that (a script types faster than a person):
    # start writing once it watches for edits.
    editor.add_init_script(WATCH_EDITS)
    editor.get_by_role("link", name="Add child page").first.click()
    editor.locator("html[data-watching-edits]").wait_for(state="attached")
    editor.locator("#id_title").fill(TITLE)
    editor.locator("#id_article_type").select_option("news")
    editor.locator("#id_date").fill("2026-05-01")
    editor.locator("#id_summary").fill(SUMMARY)
    body = editor.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").click()
    editor.get_by_role("option", name="Text").click()
    body.locator("[contenteditable=true]").click()
    editor.keyboard.type(BODY)
    # Wagtail saves a draft as the editor types. The first autosave creates the page and points
    # the form at it, so publish once that one has succeeded (publishing then sends the whole
    # form; a later autosave may hold only part of what was typed).
    editor.locator("#w-autosave-indicator .w-autosave-indicator__state--saved").wait_for()
    # Draftail copies what is typed into the form's hidden field only a moment later (a slow
    # machine once published the article with an empty paragraph): publish once it holds it all.
    expect(body.locator("input[name$='-value']")).to_have_value(re.compile("wrote to the court"))
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish", exact=True).click()
    editor.wait_for_load_state()
    assert f"Page '{TITLE}' has been published." in editor.locator(".messages").inner_text()

    article = ArticlePage.objects.get(title=TITLE)
    assert article.live and article.locale.language_code == "en"
    assert article.get_parent().specific == bilingual_site["news"]
    visitor = browsing.new_page()
    visitor.goto("/en/")
    visitor.get_by_role("link", name=TITLE).click()
    assert visitor.get_by_role("heading", level=1).inner_text() == TITLE
    expect(visitor.get_by_text(BODY)).to_be_visible()

    # The translator translates it into Persian, segment by segment, and publishes.
    translator = log_in(browsing, *staff["translator"])
    translator.goto(f"/admin/pages/{bilingual_site['news'].pk}/")
    row = translator.get_by_role("row").filter(has_text=TITLE)
    row.get_by_role("button", name="More options").first.click()
    row.get_by_role("link", name="Translate this page").click()
    translator.get_by_label("Persian").check()
    translator.locator("main form [type=submit]").last.click()
    translator.wait_for_load_state()
    expect(translator.locator(".messages")).to_contain_text("successfully submitted for translation into Persian")

    for text in (FA_TITLE, FA_SUMMARY, FA_BODY):
        translator.get_by_role("button", name="Translate", exact=True).first.click()
        translator.locator("main textarea").fill(text)
        with translator.expect_response(lambda response: "/admin/localize/translate/" in response.url) as saved:
            translator.get_by_role("button", name="Save", exact=True).click()
        assert saved.value.ok
    translator.get_by_role("button", name="Publish in Persian").click()
    translator.wait_for_load_state()
    assert f"Published '{FA_TITLE}' in Persian" in translator.locator(".messages").inner_text()

    fa_article = ArticlePage.objects.get(translation_key=article.translation_key, locale__language_code="fa")
    assert fa_article.live and fa_article.title == FA_TITLE
    visitor.goto(article.url)
    visitor.get_by_role("link", name="فارسی").click()
    assert visitor.locator("html").get_attribute("dir") == "rtl"
    assert visitor.get_by_role("heading", level=1).inner_text() == FA_TITLE
    expect(visitor.get_by_text(FA_SUMMARY)).to_be_visible()
    expect(visitor.get_by_text(FA_BODY)).to_be_visible()
