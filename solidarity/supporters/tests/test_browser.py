"""In Chromium without JavaScript: a Persian reader subscribes, confirms from the e-mail the
mail server received, and later leaves with the unsubscribe link."""

import re

import pytest
from playwright.sync_api import expect

from solidarity.supporters import services
from solidarity.supporters.models import Subscriber

from .conftest import links_in

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live):
    from solidarity.publishing import factories

    home = factories.make_site()
    factories.translate(home, "fa", title="اتحاد بین‌المللی در حمایت از کارگران در ایران")
    return home


@pytest.fixture
def page(site, smtp_server, browsing):
    """A Persian reader's page without JavaScript, once the site exists."""
    return browsing.new_page(javascript=False, locale="fa-IR")


def test_a_persian_reader_subscribes_and_confirms_from_the_email(page, smtp_server):
    page.goto("/fa/newsletter/subscribe/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_label("خبرنامه به فارسی").is_checked()
    page.get_by_label("نشانی ایمیل شما").fill("reader@example.org")
    page.get_by_label("نام شما (اختیاری)").fill("مریم کارگر")
    page.locator("main").get_by_role("button", name="اشتراک").click()

    expect(page.get_by_role("heading", name="لطفاً صندوق نامه‌های خود را ببینید.")).to_be_visible()
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "reader@example.org"
    assert "مریم کارگر" in mail.get_body(preferencelist=("plain",)).get_content()
    link = links_in(mail)[0]
    assert re.search(r"/fa/newsletter/confirm/[\w-]+/$", link)

    page.goto(link)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # opening the link confirms nothing
    page.get_by_role("button", name="اشتراکم را تأیید می‌کنم").click()

    expect(page.get_by_role("heading", name="اشتراک شما تأیید شد")).to_be_visible()
    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.language, subscriber.name) == ("active", "fa", "مریم کارگر")
    assert list(subscriber.lists.values_list("slug", flat=True)) == ["newsletter-fa"]

    page.goto(services.unsubscribe_url(subscriber))
    page.get_by_role("button", name="لغو اشتراک").click()

    expect(page.get_by_role("heading", name="اشتراک شما لغو شد")).to_be_visible()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
