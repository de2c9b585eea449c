import datetime

import pytest
from django.utils import translation

from solidarity.cases.models import CaseEvent

MARCH_12 = datetime.date(2023, 3, 12)


@pytest.mark.parametrize(
    ("precision", "english", "persian"),
    [
        ("year", "2023", "۱۴۰۱–۱۴۰۲ (۲۰۲۳)"),
        ("month", "March 2023", "اسفند ۱۴۰۱–فروردین ۱۴۰۲ (مارس ۲۰۲۳)"),
        ("day", "12 March 2023", "۲۱ اسفند ۱۴۰۱ (۱۲ مارس ۲۰۲۳)"),
    ],
)
def test_a_date_is_shown_at_its_precision_in_both_languages(precision, english, persian):
    event = CaseEvent(kind="arrest", date=MARCH_12, date_precision=precision)
    with translation.override("en"):
        assert event.date_text() == english
    with translation.override("fa"):
        assert event.date_text() == persian


def test_the_machine_readable_date_claims_no_more_than_is_known():
    with translation.override("en"):
        assert 'datetime="2023"' in CaseEvent(kind="arrest", date=MARCH_12, date_precision="year").date_html()
        assert 'datetime="2023-03"' in CaseEvent(kind="arrest", date=MARCH_12, date_precision="month").date_html()
        assert 'datetime="2023-03-12"' in CaseEvent(kind="arrest", date=MARCH_12, date_precision="day").date_html()


def test_a_month_ends_on_its_last_day_also_in_a_leap_february():
    assert CaseEvent(kind="arrest", date=datetime.date(2024, 2, 10), date_precision="month").end == datetime.date(2024, 2, 29)
    assert CaseEvent(kind="arrest", date=datetime.date(2023, 12, 5), date_precision="month").end == datetime.date(2023, 12, 31)
    assert CaseEvent(kind="arrest", date=datetime.date(2023, 12, 5), date_precision="year").end == datetime.date(2023, 12, 31)


@pytest.mark.django_db
def test_a_partial_date_is_stored_as_the_first_day_of_its_period(make_case):
    case = make_case(events=[{"kind": "arrest", "date": "2023-03-12", "date_precision": "month"}])
    assert case.events.get().date == datetime.date(2023, 3, 1)


def test_the_jalali_month_range_has_no_separator_that_reads_as_a_persian_zero():
    june = CaseEvent(kind="arrest", date=datetime.date(2010, 6, 1), date_precision="month")
    with translation.override("fa"):
        text = june.date_text()
    assert text == "خرداد–تیر ۱۳۸۹ (ژوئن ۲۰۱۰)"
    assert "." not in text and "·" not in text and "\u2013" in text


@pytest.mark.parametrize(("precision", "calendar", "first", "last"), [
    ("year", "gregorian", datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
    ("month", "gregorian", datetime.date(2023, 3, 1), datetime.date(2023, 3, 31)),
    ("day", "gregorian", MARCH_12, MARCH_12),
    # 21 Esfand 1401: Esfand runs from 20 February to 20 March 2023, the year 1401 from
    # 21 March 2022 to 20 March 2023.
    ("month", "jalali", datetime.date(2023, 2, 20), datetime.date(2023, 3, 20)),
    ("year", "jalali", datetime.date(2022, 3, 21), datetime.date(2023, 3, 20)),
    ("day", "jalali", MARCH_12, MARCH_12),
])
def test_any_day_of_a_period_stands_for_the_whole_period_in_its_calendar(precision, calendar, first, last):
    from solidarity.cases import partialdates

    assert partialdates.start_of(MARCH_12, precision, calendar) == first
    assert partialdates.end_of(MARCH_12, precision, calendar) == last


@pytest.mark.parametrize(("precision", "calendar", "html"), [
    ("month", "gregorian", '<time datetime="2023-03">March 2023</time>'),
    ("year", "gregorian", '<time datetime="2023">2023</time>'),
    ("day", "jalali", '<time datetime="2023-03-12">12 March 2023</time>'),
    ("month", "jalali", '<span class="partial-date">Esfand 1401 (<time datetime="2023-02">February</time>–'
                        '<time datetime="2023-03">March 2023</time>)</span>'),
])
def test_a_partial_date_is_drawn_exactly_with_its_machine_readable_dates(precision, calendar, html):
    from solidarity.cases import partialdates

    with translation.override("en"):
        assert str(partialdates.as_html(MARCH_12, precision, "en", calendar)) == html
