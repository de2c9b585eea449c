"""A staff member sets up two-step sign-in in a real browser, under the admin's
Content-Security-Policy: the password alone leads only to asking for a set-up link, which
arrives by e-mail and opens the set-up in the same signed-in browser."""

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import expect

from tests import STAFF_PASSWORD

from .fixtures import csp_violations

pytestmark = pytest.mark.browser


def settle(page):
    """Lets the page finish loading what it asks for after it shows (the admin's translations
    and icon sprite) before a step that gives the session a new key (opening the e-mailed
    link, setting up or using the second step): a request still under way with the old key
    finds no session, and Django answers it by deleting the session cookie, which signs the
    browser out."""
    page.wait_for_load_state("networkidle")


def test_an_editor_sets_up_two_step_sign_in_through_the_emailed_link_and_reaches_the_admin(
    browsing, make_staff, settings, smtp_server
):
    settings.STAFF_TWO_FACTOR = True
    make_staff("editor", "Editors")
    page = browsing.new_page(watch_csp=True)
    page.goto(reverse("wagtailadmin_login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("button[type=submit]")

    page.wait_for_url(re.compile(r"/admin/two-factor/enrol/"))
    assert page.locator(".two-factor-qr").count() == 0
    page.get_by_role("button", name=re.compile("set-up link", re.I)).click()
    expect(page.locator(".two-factor-sent")).to_be_visible()
    settle(page)
    (mail,) = smtp_server.wait_for(1)
    assert mail["To"] == "editor@example.org"
    link = re.search(r"http\S+/admin/two-factor/enrol/\S+/", mail.get_content()).group(0)

    page.goto(link)
    page.wait_for_url(re.compile(r"/admin/two-factor/set-up/"))
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    key = page.locator("code").first.inner_text().replace(" ", "")
    settle(page)  # the code's check gives the session a new key too
    page.fill("#id_code", f"{totp(base64.b32decode(key + '=' * (-len(key) % 8))):06d}")
    page.click("button[type=submit]")
    page.locator(".two-factor-codes").wait_for()
    assert page.locator(".two-factor-codes li").count() == 10
    page.get_by_role("link", name=re.compile("continue", re.I)).click()

    page.wait_for_url(re.compile(r"/admin/$"))
    assert csp_violations(page) == []


def test_an_editor_sets_up_a_passkey_and_signs_in_with_it_later(browsing, make_staff, settings, smtp_server):
    settings.STAFF_TWO_FACTOR = True
    make_staff("editor", "Editors")
    page = browsing.new_page(watch_csp=True)
    # Chromium's virtual authenticator stands in for a phone or a security key.
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
    }})

    def sign_in_with_password():
        page.goto(reverse("wagtailadmin_login"))
        page.fill("#id_username", "editor")
        page.fill("#id_password", STAFF_PASSWORD)
        page.click("button[type=submit]")

    sign_in_with_password()
    page.wait_for_url(re.compile(r"/admin/two-factor/enrol/"))
    page.get_by_role("button", name=re.compile("set-up link", re.I)).click()
    expect(page.locator(".two-factor-sent")).to_be_visible()
    settle(page)
    (mail,) = smtp_server.wait_for(1)
    page.goto(re.search(r"http\S+/admin/two-factor/enrol/\S+/", mail.get_content()).group(0))
    page.wait_for_url(re.compile(r"/admin/two-factor/set-up/"))
    settle(page)  # so does registering the passkey
    page.get_by_role("button", name=re.compile("Set up a passkey", re.I)).click()
    page.locator(".two-factor-codes").wait_for()
    assert page.locator(".two-factor-codes li").count() == 10
    page.get_by_role("link", name=re.compile("continue", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert csp_violations(page) == []

    page.goto(reverse("wagtailadmin_logout"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/login/"))
    sign_in_with_password()
    page.wait_for_url(re.compile(r"/admin/two-factor/"))
    settle(page)  # and signing in with it
    page.get_by_role("button", name=re.compile("Use your passkey", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert csp_violations(page) == []
