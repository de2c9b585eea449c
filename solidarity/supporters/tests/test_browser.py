"""In Chromium without JavaScript: a Persian reader subscribes, confirms from the e-mail the
mail server received, and later leaves with the unsubscribe link."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from solidarity.supporters import services
from solidarity.supporters.models import Subscriber

from .conftest import links_in

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture
def live(committed_db, live_server, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "supporters-browser"}}
    settings.SITE_URL = live_server.url
    return live_server


@pytest.fixture
def page(live, smtp_server):
    from solidarity.publishing import factories

    home = factories.make_site()
    factories.translate(home, "fa", title="اتحاد بین‌المللی در حمایت از کارگران در ایران")
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
        context = browser.new_context(base_url=live.url, java_script_enabled=False, locale="fa-IR")
        context.set_default_timeout(60_000)  # the machine is shared and often busy
        context.route("**/*", route)
        yield context.new_page()
        context.close()
        browser.close()
    assert other_hosts == []


def test_a_persian_reader_subscribes_and_confirms_from_the_email(page, smtp_server):
    page.goto("/fa/newsletter/subscribe/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_label("خبرنامه به فارسی").is_checked()
    page.get_by_label("نشانی ایمیل شما").fill("reader@example.org")
    page.get_by_label("نام شما (اختیاری)").fill("مریم کارگر")
    page.locator("main").get_by_role("button", name="اشتراک").click()

    assert page.get_by_role("heading", name="لطفاً صندوق نامه‌های خود را ببینید.").is_visible()
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "reader@example.org"
    assert "مریم کارگر" in mail.get_body(preferencelist=("plain",)).get_content()
    link = links_in(mail)[0]
    assert re.search(r"/fa/newsletter/confirm/[\w-]+/$", link)

    page.goto(link)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # opening the link confirms nothing
    page.get_by_role("button", name="اشتراکم را تأیید می‌کنم").click()

    assert page.get_by_role("heading", name="اشتراک شما تأیید شد").is_visible()
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language, subscriber.name) == ("active", "fa", "مریم کارگر")
    assert list(subscriber.lists.values_list("slug", flat=True)) == ["newsletter-fa"]

    page.goto(services.unsubscribe_url(subscriber))
    page.get_by_role("button", name="لغو اشتراک").click()

    assert page.get_by_role("heading", name="اشتراک شما لغو شد").is_visible()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
