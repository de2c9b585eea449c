"""After signing, the thanks page asks the signer to pass the action on: plain share links with
the words prefilled in the signer's language (nothing loaded from another host, before or
after), the address to copy with or without JavaScript, the newsletter and the other actions."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .campaign_site import ACTION, LANGUAGES, OTHER_ACTION, TITLE, WIDTHS, keep, phone_or_desktop
from .fixtures import axe_violations

pytestmark = pytest.mark.browser

SHARE_WORDS = {"en": "I signed “{title}”. Please sign too:", "fa": "من «{title}» را امضا کردم. شما هم امضا کنید:"}


def sign(page, language, email):
    page.goto(f"/{language}/campaigns/{ACTION}/")
    form = page.locator("#sign form")
    form.locator("input[name=name]").fill("Leyla Example")
    form.locator("input[name=email]").fill(email)
    form.locator("select[name=country]").select_option("CA")
    form.locator("input[name=name_shown][value=initials]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{language}/campaigns/{ACTION}/thanks/(#sign)?$"))


def test_the_thanks_page_offers_plain_share_links_in_the_signers_language(live, demo, browsing):
    for language in LANGUAGES:
        for width in WIDTHS:
            page = phone_or_desktop(browsing, width, javascript=False)
            sign(page, language, f"leyla-{language}-{width}@example.org")
            words = SHARE_WORDS[language].format(title=TITLE[language])
            address = f"{browsing.base_url}/{language}/campaigns/{ACTION}/"
            links = {key: page.locator(f".share-links a.share-{key}").get_attribute("href")
                     for key in ("email", "telegram", "whatsapp", "x", "mastodon")}
            telegram = urlsplit(links["telegram"])
            assert (telegram.scheme, telegram.netloc, telegram.path) == ("https", "t.me", "/share/url")
            assert parse_qs(telegram.query) == {"url": [address], "text": [words]}
            assert links["whatsapp"].startswith("https://wa.me/?")
            assert parse_qs(urlsplit(links["whatsapp"]).query) == {"text": [f"{words} {address}"]}
            x = urlsplit(links["x"])
            assert (x.netloc, x.path) == ("x.com", "/intent/post")
            assert parse_qs(x.query) == {"text": [words], "url": [address]}
            assert parse_qs(urlsplit(links["mastodon"]).query) == {"text": [f"{words} {address}"]}
            mail = urlsplit(links["email"])
            assert mail.scheme == "mailto" and parse_qs(mail.query)["body"] == [f"{words} {address}"]
            # Without JavaScript: the address in a read-only field, and no copy button that cannot work.
            field = page.locator("#share-address")
            expect(field).to_have_value(address)
            expect(field).to_have_attribute("readonly", "")
            expect(page.locator(".copy-button")).to_be_hidden()
            expect(page.locator(".next-newsletter a")).to_have_attribute("href", f"/{language}/newsletter/subscribe/")
            expect(page.locator(".other-actions .campaign-card a").first).to_have_attribute(
                "href", f"/{language}/campaigns/{OTHER_ACTION}/")
            # Only this site was asked for anything, and no script came from elsewhere.
            assert all(src.startswith("/") for src in page.locator("script[src]").evaluate_all("s => s.map(x => x.getAttribute('src'))"))
            assert browsing.other_hosts() == []
            if language == "fa" and width == 390:
                keep(page, "thanks-fa")
            page.close()


def test_with_javascript_the_copy_button_copies_the_address(live, demo, browsing):
    page = browsing.new_page(watch_csp=True)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign(page, "fa", "copy@example.org")
    button = page.locator(".copy-button")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("کپی شد")
    assert page.evaluate("navigator.clipboard.readText()") == f"{browsing.base_url}/fa/campaigns/{ACTION}/"
    assert page.evaluate("window.__cspViolations") == []


def test_the_thanks_page_has_no_serious_accessibility_problem_in_either_language(live, demo, browsing):
    page = browsing.new_page(bypass_csp=True)
    found = {}
    for language in LANGUAGES:
        sign(page, language, f"axe-{language}@example.org")
        found[language] = axe_violations(page)
    assert found == {"en": [], "fa": []}
