"""In Chromium without JavaScript: a Persian reader opens a case page and filters the list."""

import pytest

from solidarity.cases.models import Case, CaseEvent

pytestmark = pytest.mark.browser


@pytest.fixture
def cases(live):
    # Made before the browser starts: Playwright's event loop would give Django other connections.
    from solidarity.publishing import factories

    factories.make_site()
    case = Case(name_latin="Kamran Example", name_fa="کامران نمونه", occupation_fa="راننده اتوبوس",
                city_en="Tehran", city_fa="تهران", is_public=True, show_occupation=True, show_city=True,
                show_event_details=True, summary_fa="پس از مطالبهٔ دستمزد بازداشت شد.")
    events = [
        {"kind": "arrest", "date": "2022-05-12", "date_precision": "day", "place_fa": "زندان اوین"},
        {"kind": "bail", "date": "2022-08-01", "date_precision": "month", "bail_amount": 10_000_000_000,
         "bail_currency": "IRR"},
        {"kind": "sentence", "date": "2023-01-01", "date_precision": "year", "prison_years": 5},
    ]
    for order, event in enumerate(events):
        case.events.add(CaseEvent(sort_order=order, is_public=True, **event))
    case.save()
    Case.objects.create(name_latin="Teacher Example", name_fa="آموزگار نمونه", city_en="Sanandaj",
                        city_fa="سنندج", is_public=True, show_city=True)
    return case


def test_a_persian_reader_opens_a_case_without_javascript(cases, browsing):
    page = browsing.new_page(javascript=False, locale="fa-IR")
    page.goto("/fa/cases/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".case-list").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator(".case-summary h3").all_inner_texts() == ["کامران نمونه (Kamran Example)",
                                                                    "آموزگار نمونه (Teacher Example)"]
    # The filter form is a plain GET form.
    page.get_by_label("شهر").select_option("تهران")
    page.get_by_role("button", name="نمایش").click()
    page.wait_for_url("**/fa/cases/?*city=*")
    assert page.locator(".case-summary h3").all_inner_texts() == ["کامران نمونه (Kamran Example)"]

    page.get_by_role("link", name="کامران نمونه").click()
    page.wait_for_url("**/fa/cases/kamran-example/")
    assert page.title().startswith("کامران نمونه")
    assert page.locator(".case-status").inner_text() == "محکوم‌شده، بیرون از زندان"
    assert page.locator(".event-when").all_inner_texts() == [
        "۲۲ اردیبهشت ۱۴۰۱ (۱۲ مه ۲۰۲۲)", "مرداد–شهریور ۱۴۰۱ (اوت ۲۰۲۲)", "۱۴۰۱–۱۴۰۲ (۲۰۲۳)",
    ]
    assert page.locator(".event-what").all_inner_texts() == [
        "دستگیری، زندان اوین", "آزادی با وثیقه", "صدور حکم",
    ]
    assert page.locator(".event-terms").all_inner_texts() == ["وثیقهٔ ۱۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال", "۵ سال زندان"]
    assert page.locator(".timeline").evaluate("e => getComputedStyle(e).direction") == "rtl"
