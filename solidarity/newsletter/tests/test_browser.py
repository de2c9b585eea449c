"""In Chromium without JavaScript: a Persian reader opens the archive and reads an issue, and
an editor watches a send's progress page refresh itself."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from solidarity.newsletter import services
from solidarity.publishing import factories

from .conftest import make_list, make_pair, make_subscriber

pytestmark = pytest.mark.browser


def test_a_persian_reader_finds_an_issue_in_the_archive_and_follows_in_this_issue(browsing):
    home = factories.make_site()
    factories.translate(home, "fa", title="اتحاد بین‌المللی")
    _en, fa = make_pair()
    fa.published_at = timezone.now()
    fa.save(update_fields=["published_at"])
    page = browsing.new_page(javascript=False)

    page.goto("/fa/newsletter/issues/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="مبارزات کارگران در ایران").click()

    assert page.url.endswith("/fa/newsletter/issues/3/7/")
    expect(page.get_by_role("heading", name="در این شماره")).to_be_visible()
    page.get_by_role("link", name="کارزار دوباره برای فعالان زندانی").first.click()
    assert page.url.endswith("#item-1")


def test_the_progress_page_refreshes_itself_while_a_send_is_scheduled(browsing, make_staff, settings):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    send = services.create_send(issue=en, lists=[newsletter],
                                scheduled_at=timezone.now() + timezone.timedelta(days=1))
    make_staff("editor", "Editors")
    page = browsing.signed_in_page("editor", javascript=False)
    page.goto(f"/admin/newsletter/sends/{send.pk}/")
    assert page.locator("#send-status").inner_text() == "Scheduled"

    services.pause_send(send=send)
    # No JavaScript: the meta refresh alone brings the new state within a few seconds.
    page.locator("#send-status", has_text="Paused").wait_for(timeout=15_000)
