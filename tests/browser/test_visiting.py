"""What a visitor does on the public site, with JavaScript on and, as many readers in Iran
browse with it off or on proxies that strip it, with JavaScript off."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FA_SEARCH_WITH_ARABIC_LETTERS = "كارگران نيشكر"  # Arabic kaf (ك) and yeh (ي), as many keyboards type them


def search_from_the_header(page, words):
    page.locator("header form[role=search] input[name=q]").fill(words)
    page.locator("header form[role=search] input[name=q]").press("Enter")
    page.wait_for_load_state()


def test_a_visitor_searching_with_arabic_letter_forms_finds_the_persian_article(bilingual_site, browsing, page):
    page.goto("/fa/")
    search_from_the_header(page, FA_SEARCH_WITH_ARABIC_LETTERS)

    assert page.url.startswith(browsing.base_url + "/fa/search/?q=")
    results = page.locator(".search-results")
    fa_title = bilingual_site["fa_article"].title
    expect(results.get_by_role("link", name=fa_title)).to_be_visible()

    results.get_by_role("link", name=fa_title).click()
    assert page.get_by_role("heading", level=1).inner_text() == fa_title


def send_the_contact_form(page, *, subject):
    page.get_by_label("Your name").fill("Maryam Rahimi")
    page.get_by_label("Your e-mail address").fill("maryam@example.org")
    page.get_by_label("Subject").fill(subject)
    page.get_by_label("Message").fill("Our union local would like to invite a speaker to our convention.")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_load_state()


def test_a_visitor_sends_the_contact_form_and_is_thanked(bilingual_site, page):
    from solidarity.contact.models import ContactMessage

    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contact Us").click()
    send_the_contact_form(page, subject="A speaker for our convention")

    expect(page.get_by_role("status").get_by_text("Thank you, your message has been received.")).to_be_visible()
    stored = ContactMessage.objects.get(subject="A speaker for our convention")
    assert (stored.name, stored.email, stored.language) == ("Maryam Rahimi", "maryam@example.org", "en")


def test_every_visitor_flow_works_without_javascript(bilingual_site, browsing):
    from solidarity.contact.models import ContactMessage

    page = browsing.new_page(javascript=False)
    assert page.goto("/en/").ok

    # Read the news, filter the list, open an article.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    page.get_by_label("Type").select_option("news")
    page.get_by_role("button", name="Filter").click()
    assert "type=news" in page.url
    page.get_by_role("link", name=bilingual_site["article"].title).click()
    assert page.get_by_role("heading", level=1).inner_text() == bilingual_site["article"].title

    # Switch to Persian: the translation of the same article, right to left.
    page.get_by_role("link", name="فارسی").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == bilingual_site["fa_article"].title

    # Search with Arabic letter forms.
    search_from_the_header(page, FA_SEARCH_WITH_ARABIC_LETTERS)
    expect(page.locator(".search-results").get_by_role("link", name=bilingual_site["fa_article"].title)).to_be_visible()

    # Write to the alliance.
    page.goto(bilingual_site["contact"].url)
    send_the_contact_form(page, subject="Sent without JavaScript")
    expect(page.get_by_text("Thank you, your message has been received.")).to_be_visible()
    assert ContactMessage.objects.filter(subject="Sent without JavaScript").exists()
