"""In Chromium: a supporter signs in Persian without JavaScript and confirms from the e-mail;
with JavaScript, the browser solves the proof of work by itself."""

import pytest
from playwright.sync_api import expect

from solidarity.campaigns.factories import make_campaign
from solidarity.campaigns.models import Signature

from .conftest import link_in

pytestmark = pytest.mark.browser


def test_a_supporter_signs_in_persian_without_javascript_and_confirms_from_the_email(browsing, smtp_server):
    from solidarity.publishing import factories

    factories.make_site()
    campaign = make_campaign(pow_enabled=True)
    page = browsing.new_page(javascript=False)

    page.goto(f"/fa/campaigns/{campaign.slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("h1")).to_have_text("رانندگان اتوبوس را آزاد کنید")
    page.get_by_label("نام شما").fill("مریم رضایی‌نژاد")
    assert not page.get_by_label("بدون نام شمرده شوم").is_checked()  # asked, not chosen for her
    page.get_by_label("بدون نام شمرده شوم").check()
    page.get_by_label("نشانی ایمیل شما").fill("maryam@union.example")
    page.get_by_label("کشور شما").select_option("IR")
    assert not page.get_by_label("خبرهای این کارزار را برایم بفرستید").is_checked()
    page.get_by_label("خبرهای این کارزار را برایم بفرستید").check()
    page.get_by_role("button", name="امضا می‌کنم").click()

    expect(page.locator("h1")).to_have_text("لطفاً ایمیل خود را ببینید")
    (message,) = smtp_server.wait_for(1)
    stored = Signature.objects.get()
    assert (stored.status, stored.language, stored.proof_of_work, stored.wants_updates) == ("pending", "fa", False, True)
    assert stored.name_shown == "count"

    page.goto(link_in(message, "/confirm/"))
    assert Signature.objects.get().status == "pending"  # opening the link confirms nothing
    page.get_by_role("button", name="امضایم را تأیید کن").click()

    expect(page.locator("h1")).to_have_text("امضای شما به حساب آمد")
    expect(page.locator("main")).to_contain_text("۱ نفر")
    assert Signature.objects.get().status == "confirmed"


def test_with_javascript_the_browser_solves_the_proof_of_work(browsing, smtp_server, settings):
    from solidarity.publishing import factories

    settings.CAMPAIGN_POW_BITS = 10
    factories.make_site()
    campaign = make_campaign(pow_enabled=True)
    page = browsing.new_page(javascript=True)

    page.goto(f"/en/campaigns/{campaign.slug}/")
    page.get_by_label("Your name").fill("Jane Worker")
    page.get_by_label("Show only my initials").check()
    page.get_by_label("Your e-mail address").fill("Jane@Union.example")
    page.get_by_label("Your country").select_option("GB")
    page.get_by_role("button", name="Sign").click()

    expect(page.locator("h1")).to_have_text("Please check your e-mail")
    assert Signature.objects.get().proof_of_work is True


@pytest.mark.parametrize("javascript", [True, False])
def test_after_confirming_the_signer_finds_their_own_letter_on_the_shared_page(browsing, smtp_server, javascript):
    from solidarity.publishing import factories

    factories.make_site()
    campaign = make_campaign(letter_enabled=True)
    page = browsing.new_page(javascript=javascript)
    page.goto(f"/fa/campaigns/{campaign.slug}/")
    page.get_by_label("نام شما").fill("مریم رضایی")
    page.get_by_label("بدون نام شمرده شوم").check()
    page.get_by_label("نشانی ایمیل شما").fill("maryam@union.example")
    page.get_by_label("کشور شما").select_option("IR")
    page.get_by_role("button", name="امضا می‌کنم").click()
    (message,) = smtp_server.wait_for(1)

    page.goto(link_in(message, "/confirm/"))
    page.get_by_role("button", name="امضایم را تأیید کن").click()

    expect(page.locator("h1")).to_have_text("امضای شما به حساب آمد")
    letter = page.get_by_role("link", name="نامه شما برای چاپ، پست یا فکس (PDF)")
    if javascript:
        # The link from the address's fragment, which leaves the address bar.
        expect(letter).to_be_visible()
        assert letter.get_attribute("href").startswith("/fa/campaigns/letter/")
        assert "#" not in page.url
        assert page.request.get(letter.get_attribute("href")).headers["content-type"] == "application/pdf"
    else:
        expect(letter).to_be_hidden()
        expect(page.locator("main")).to_contain_text("در ایمیلی است که برایتان فرستادیم")
