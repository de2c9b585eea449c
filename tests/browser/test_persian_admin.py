"""Each role's main task in the admin in Persian, in Chromium: a translator translates a page in
wagtail-localize's editor (whose words its script writes), a coordinator records an event with
dates typed and picked in the Jalali calendar, and a campaigner approves an endorsement. What they
see holds no English the walk (tests/test_admin_in_persian.py) would not allow."""

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.test_admin_in_persian import english_words, stored_words

from .fixtures import screenshot

pytestmark = pytest.mark.browser

# Also copied here when set, for a person to look at (var/screenshots/ keeps them anyway).
SHOTS = os.environ.get("SCREENSHOTS_COPY_TO", "")
FA_TITLE = "رانندگان اتوبوس تهران در دادگاه تجدیدنظر بر اخراج پیروز شدند"


def keep(page, name):
    """A screenshot in var/screenshots/, and a copy in SCREENSHOTS_COPY_TO when set."""
    path = screenshot(page, name)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / f"{name}.png")


def persian_staff(browsing, make_staff, username, group):
    make_staff(username, group, language="fa")
    page = browsing.signed_in_page(username, viewport={"width": 1280, "height": 900})
    assert page.locator("html").get_attribute("lang") == "fa"
    return page


def english_seen(page):
    """Visible English in the page, past what the database holds (names staff typed)."""
    texts = page.evaluate("""() => {
        const out = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, element = node.parentElement;
            if (!element || element.closest('script,style,textarea,[lang=en],[hidden],template')) continue;
            if (!element.getClientRects().length) continue;
            const text = node.nodeValue.trim();
            if (text) out.push(text);
        }
        document.querySelectorAll('button[aria-label],[title]').forEach((e) => {
            if (e.getClientRects().length) out.push(e.getAttribute('aria-label') || e.getAttribute('title'));
        });
        return out;
    }""")
    data = stored_words()
    return sorted({text for text in texts if english_words(text, data)})


def test_a_translator_translates_a_page_in_the_persian_admin(bilingual_site, browsing, make_staff):
    from wagtail.models import Locale
    from wagtail_localize.operations import translate_object

    from solidarity.publishing import factories

    article = factories.make_article(bilingual_site["news"], title="Tehran bus drivers win their appeal")
    translator_user = make_staff("translator", "Translators", language="fa")
    translate_object(article, [Locale.objects.get(language_code="fa")], user=translator_user)
    draft = article.get_translation(Locale.objects.get(language_code="fa"))
    page = browsing.signed_in_page("translator", viewport={"width": 1280, "height": 900})

    page.goto(f"/admin/pages/{draft.pk}/edit/")
    expect(page.get_by_text("ترجمه از انگلیسی به فارسی").first).to_be_visible()
    expect(page.get_by_role("button", name="انتشار به فارسی")).to_be_visible()
    page.get_by_role("button", name="ترجمه", exact=True).first.click()
    page.locator("main textarea").fill(FA_TITLE)
    with page.expect_response(lambda response: "/admin/localize/translate/" in response.url) as saved:
        page.get_by_role("button", name="ذخیره", exact=True).click()
    assert saved.value.ok
    keep(page, "translation-editor-fa")
    assert english_seen(page) == []

    page.get_by_role("button", name="انتشار به فارسی").click()
    page.wait_for_load_state()
    draft.refresh_from_db()
    assert draft.live and draft.title == FA_TITLE


def test_a_coordinator_types_and_picks_jalali_dates_for_an_event(live, browsing, make_staff):
    from solidarity.network.models import Event

    page = persian_staff(browsing, make_staff, "coordinator", "Editors")
    page.goto("/admin/snippets/network/event/add/")
    page.locator("#id_title_en").fill("Asian Conference")
    page.locator("#id_title_fa").fill("کنفرانس آسیایی")
    # Typed in Persian digits in the Jalali calendar: both calendars show under the field.
    page.locator("#id_start_date").fill("۱۳۸۶/۱۰/۲۹")
    box = page.locator(".both-calendars").filter(has=page.locator("#id_start_date"))
    expect(box.locator(".both-calendars__both")).to_have_text("۲۹ دی ۱۳۸۶ (۱۹ ژانویهٔ ۲۰۰۸)")
    # Picked from the Jalali month shown: the last day of the conference, 1 Bahman 1386.
    end = page.locator(".both-calendars").filter(has=page.locator("#id_end_date"))
    page.locator("#id_end_date").fill("1386/10/29")
    end.get_by_role("button", name="تقویم").click()
    expect(end.locator(".both-calendars__month")).to_have_text(re.compile("دی ۱۳۸۶"))
    end.get_by_role("button", name="ماه بعد").click()
    expect(end.locator(".both-calendars__month")).to_have_text(re.compile("بهمن ۱۳۸۶"))
    keep(page, "jalali-picker-fa")
    end.get_by_role("button", name="۱ بهمن ۱۳۸۶", exact=True).click()
    expect(page.locator("#id_end_date")).to_have_value("2008-01-21")
    assert english_seen(page) == []
    page.locator("#id_kind").select_option(index=1)
    page.get_by_role("button", name="ذخیره", exact=True).first.click()
    page.wait_for_load_state()

    event = Event.objects.get(title_en="Asian Conference")
    assert (event.start_date.isoformat(), event.end_date.isoformat()) == ("2008-01-19", "2008-01-21")


def test_a_campaigner_approves_an_endorsement_from_the_persian_dashboard(live, browsing, make_staff):
    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Campaign, Endorsement

    campaign = make_campaign()
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.ACTIVE)
    endorsement = Endorsement.objects.create(
        campaign=campaign, organisation_name="Local 12 of the bus drivers", representative_name="Ana Rep",
        representative_role="Secretary", email="rep@local12.example", country="GB")
    page = persian_staff(browsing, make_staff, "campaigner", "Campaigners")

    panel = page.locator("#panel-endorsements")
    expect(panel.get_by_role("heading")).to_have_text("پشتیبانی‌های در انتظار بررسی")
    keep(page, "dashboard-fa")
    panel.get_by_role("link", name=re.compile("Local 12 of the bus drivers")).click()
    page.get_by_role("button", name="پذیرفتن").first.click()
    page.wait_for_load_state()

    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.APPROVED


def test_a_coordinator_records_a_resolution_and_reads_the_manual_in_persian(live, browsing, make_staff):
    from solidarity.network import legacy

    resolution = legacy.cupe_resolution_21()
    page = persian_staff(browsing, make_staff, "coordinator", "Editors")
    page.goto(f"/admin/snippets/network/resolution/edit/{resolution.pk}/")
    # The Persian side of a clause is typed right to left, the English side left to right.
    assert page.locator("textarea[name$='-text_fa']").first.get_attribute("dir") == "rtl"
    assert page.locator("textarea[name$='-text_en']").first.get_attribute("dir") == "ltr"
    page.locator(".snippet-chooser").first.wait_for()
    assert english_seen(page) == []
    # Persian is never slanted (faux italics): the admin's style turns the browser's off.
    assert page.evaluate("getComputedStyle(document.documentElement).fontSynthesisStyle") == "none"
    keep(page, "resolution-form-fa")
    page.locator("#id_title_fa").fill("قطعنامهٔ شمارهٔ ۲۱ در همبستگی با کارگران ایران")
    page.get_by_role("button", name="ذخیره", exact=True).first.click()
    page.wait_for_load_state()
    resolution.refresh_from_db()
    assert resolution.title_fa == "قطعنامهٔ شمارهٔ ۲۱ در همبستگی با کارگران ایران"

    page.goto("/admin/manual/")
    page.get_by_role("link", name="هماهنگ‌کنندگان").first.click()
    expect(page.locator("#header-title")).to_have_text(re.compile("هماهنگ‌کنندگان: شبکه"))
    expect(page.get_by_role("heading", name="قطعنامه با تعهدها و ملاحظات")).to_be_visible()
    keep(page, "manual-fa")
