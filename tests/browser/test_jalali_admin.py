"""In Chromium, a staff member who works in Persian records a case event known only as "Mordad 1402"
(a Jalali month) and schedules a page with a Jalali date and time: the calendar follows what was
typed, both calendars show under the fields, Wagtail's picker leaves the typed text alone, and
the public page and the database hold the right period and instant. Screenshots at desktop and
phone widths go to var/screenshots/ (and to SCREENSHOTS_COPY_TO when set)."""

import datetime
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .fixtures import csp_violations, screenshot

pytestmark = pytest.mark.browser

# Also copied here when set, for a person to look at (var/screenshots/ keeps them anyway).
SHOTS = os.environ.get("SCREENSHOTS_COPY_TO", "")
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def keep(page, name):
    path = screenshot(page, name)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / f"{name}.png")


@pytest.fixture
def tehran(settings):
    settings.TIME_ZONE = "Asia/Tehran"


@pytest.fixture
def records(live, tehran, make_staff):
    # Made before the browser starts: Playwright's event loop would give Django other connections.
    from solidarity.cases.models import Case
    from solidarity.publishing import factories

    home = factories.make_site()
    news = factories.make_article_index(home)
    article = factories.make_article(news, title="Bus drivers win their appeal", publish_now=False)
    case = Case.objects.create(name_latin="Reza Example", name_fa="رضا نمونه", is_public=True)
    make_staff("editor", "Editors", language="fa")
    return {"case": case, "article": article}


def add_the_mordad_event(page, case, width):
    page.goto(f"/admin/snippets/cases/case/edit/{case.pk}/")
    page.get_by_role("tab", name="گاه‌شمار").click()
    page.locator("#id_events-ADD").click()
    page.locator("#id_events-0-kind").select_option("hunger_strike")
    page.locator("#id_events-0-date_precision").select_option("month")
    # Typed in Persian digits: a Jalali month, so the calendar beside it turns Jalali.
    page.locator("#id_events-0-date").fill("۱۴۰۲/۵")
    expect(page.locator("#id_events-0-date_calendar")).to_have_value("jalali")
    box = page.locator(".both-calendars").filter(has=page.locator("#id_events-0-date"))
    expect(box.locator(".both-calendars__both")).to_contain_text("۱ مرداد ۱۴۰۲")
    page.locator("#id_events-0-is_public").check()
    page.locator("#id_events-0-date").scroll_into_view_if_needed()
    keep(page, f"jalali-case-event-admin-{width}")


def test_a_persian_editor_records_mordad_1402_and_schedules_a_page_in_jalali(records, browsing, settings):
    from solidarity.cases.models import CaseEvent
    from solidarity.publishing.models import ArticlePage

    # Wagtail's autosave sends the form in the background as it changes and then redraws the
    # side panels, the scheduling dialog among them: on a loaded machine it once did so as the
    # test pressed "Save schedule", and no form was sent. This test is about the Jalali
    # schedule; autosave has its own (test_editing.py).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0

    case, article = records["case"], records["article"]
    page = browsing.signed_in_page("editor", viewport=DESKTOP, watch_csp=True)
    assert page.locator("html").get_attribute("lang") == "fa"

    add_the_mordad_event(page, case, 1280)
    page.get_by_role("button", name="ذخیره", exact=True).first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/cases/case/(\?.*)?$"))
    event = CaseEvent.objects.get(case=case)
    assert (event.date, event.date_precision, event.date_calendar) == (datetime.date(2023, 7, 23), "month", "jalali")

    page.goto(f"/fa/cases/{case.slug}/")
    expect(page.locator(".event-when")).to_have_text("مرداد ۱۴۰۲ (ژوئیه–اوت ۲۰۲۳)")
    assert page.locator(".event-when time").evaluate_all("times => times.map(t => t.dateTime)") == ["2023-07", "2023-08"]
    keep(page, "jalali-case-page-1280")
    page.goto(f"/en/cases/{case.slug}/")
    expect(page.locator(".event-when")).to_have_text("Mordad 1402 (July–August 2023)")

    # The page's publishing schedule, typed in the Jalali calendar in Persian digits.
    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator('[data-side-panel-toggle="status"]').first.click()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    go_live = page.locator("#id_go_live_at")
    expect(go_live).to_be_visible()
    go_live.fill("۱۴۱۰/۰۱/۰۱ ۰۹:۰۰")
    box = page.locator(".both-calendars").filter(has=go_live)
    expect(box.locator(".both-calendars__both")).to_contain_text("۱ فروردین ۱۴۱۰، ساعت ۰۹:۰۰ (")
    expect(box.locator(".both-calendars__both")).to_contain_text("مارس ۲۰۳۱")
    # Wagtail's picker is still there, and leaving the field keeps what was typed.
    expect(page.locator(".xdsoft_datetimepicker").first).to_be_attached()
    go_live.press("Tab")
    expect(go_live).to_have_value("۱۴۱۰/۰۱/۰۱ ۰۹:۰۰")
    page.locator("#schedule-publishing-dialog h2, #schedule-publishing-dialog [id$=title]").first.click()
    keep(page, "jalali-schedule-1280")
    assert csp_violations(page) == [] and browsing.console_errors == []
    # "Save schedule" saves a draft with it; "Schedule to publish" makes it take effect.
    with page.expect_navigation():
        page.locator("#schedule-publishing-dialog").get_by_role("button", name="ذخیرهٔ زمان‌بندی").click()
    page.locator('[data-side-panel-toggle="status"]').first.click()
    expect(page.locator(".both-calendars").filter(has=page.locator("#id_go_live_at")).locator(
        ".both-calendars__both")).to_contain_text("۱ فروردین ۱۴۱۰، ساعت ۰۹:۰۰ (", use_inner_text=False)
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=\"action-publish\"]').click()")
    article = ArticlePage.objects.get(pk=article.pk)
    # 1 Farvardin 1410 at 09:00 in Tehran (UTC+3:30).
    assert article.go_live_at == datetime.datetime(2031, 3, 21, 5, 30, tzinfo=datetime.UTC)
    assert not article.live


def test_the_jalali_fields_at_a_phones_width(records, browsing):
    case, article = records["case"], records["article"]
    page = browsing.signed_in_page("editor", viewport=PHONE)
    add_the_mordad_event(page, case, 390)
    page.get_by_role("button", name="ذخیره", exact=True).first.click()
    page.wait_for_url(re.compile(r"/admin/snippets/cases/case/(\?.*)?$"))
    page.goto(f"/fa/cases/{case.slug}/")
    expect(page.locator(".event-when")).to_have_text("مرداد ۱۴۰۲ (ژوئیه–اوت ۲۰۲۳)")
    keep(page, "jalali-case-page-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator('[data-side-panel-toggle="status"]').first.click()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    page.locator("#id_go_live_at").fill("1410/1/1 9:00")
    box = page.locator(".both-calendars").filter(has=page.locator("#id_go_live_at"))
    expect(box.locator(".both-calendars__both")).to_contain_text("۱ فروردین ۱۴۱۰، ساعت ۰۹:۰۰ (")
    keep(page, "jalali-schedule-390")
    # A day picked from the Jalali month keeps the time typed.
    # Leaving the field for the button beside it closes Wagtail's picker.
    page.locator("#id_go_live_at").press("Tab")
    expect(box.get_by_role("button", name="تقویم", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(box.locator(".both-calendars__month")).to_have_text(re.compile("فروردین ۱۴۱۰"))
    box.get_by_role("button", name="ماه بعد").click()
    box.get_by_role("button", name="۱ اردیبهشت ۱۴۱۰", exact=True).click()
    expect(page.locator("#id_go_live_at")).to_have_value("2031-04-21 09:00")
    expect(box.locator(".both-calendars__both")).to_contain_text("۱ اردیبهشت ۱۴۱۰، ساعت ۰۹:۰۰ (")
