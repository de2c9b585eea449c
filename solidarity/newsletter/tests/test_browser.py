"""In Chromium without JavaScript: a Persian reader opens the archive and reads an issue, and
an editor watches a send's progress page refresh itself."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import sync_playwright

from solidarity.newsletter import services
from solidarity.publishing import factories

from .conftest import make_list, make_pair, make_subscriber

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def live(committed_db, live_server, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return live_server


@pytest.fixture
def open_page(live):
    other_hosts = []
    own = urlsplit(live.url)

    def route(r):
        parts = urlsplit(r.request.url)
        if parts.scheme in ("data", "blob", "about") or (parts.hostname, parts.port) == (own.hostname, own.port):
            r.continue_()
        else:
            other_hosts.append(r.request.url)
            r.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=live.url, java_script_enabled=False)
        context.set_default_timeout(60_000)  # this machine is shared and often busy
        context.route("**/*", route)
        yield context.new_page
        context.close()
        browser.close()
    assert other_hosts == []


def test_a_persian_reader_finds_an_issue_in_the_archive_and_follows_in_this_issue(live, open_page):
    home = factories.make_site()
    factories.translate(home, "fa", title="اتحاد بین‌المللی")
    _en, fa = make_pair()
    fa.published_at = timezone.now()
    fa.save(update_fields=["published_at"])
    page = open_page()

    page.goto("/fa/newsletter/issues/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="مبارزات کارگران در ایران").click()

    assert page.url.endswith("/fa/newsletter/issues/3/7/")
    assert page.get_by_role("heading", name="در این شماره").is_visible()
    page.get_by_role("link", name="کارزار دوباره برای فعالان زندانی").first.click()
    assert page.url.endswith("#item-1")


def test_the_progress_page_refreshes_itself_while_a_send_is_scheduled(live, open_page, make_staff, settings):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    send = services.create_send(issue=en, lists=[newsletter],
                                scheduled_at=timezone.now() + timezone.timedelta(days=1))
    make_staff("editor", "Editors")
    page = open_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    page.goto(f"/admin/newsletter/sends/{send.pk}/")
    assert page.locator("#send-status").inner_text() == "Scheduled"

    services.pause_send(send=send)
    # No JavaScript: the meta refresh alone brings the new state within a few seconds.
    page.locator("#send-status", has_text="Paused").wait_for(timeout=15_000)
