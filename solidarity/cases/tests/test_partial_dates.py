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
