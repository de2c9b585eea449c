"""Months and years of case events known in the Jalali calendar, as sources from Iran give them:
stored from the first day of the Jalali period, shown Jalali first with the Gregorian months or
years it straddles, and ordered among Gregorian dates by the days they cover."""

import datetime
import re

import pytest
from django.utils import translation

from solidarity.cases.models import CaseEvent

# Mordad 1402 runs from 23 July to 22 August 2023; 1402 from 21 March 2023 to 19 March 2024.
FIRST_OF_MORDAD_1402 = datetime.date(2023, 7, 23)
MID_MORDAD_1402 = datetime.date(2023, 8, 3)


def jalali(precision, date=MID_MORDAD_1402, **fields):
    return CaseEvent(kind="arrest", date=date, date_precision=precision, date_calendar="jalali", **fields)


def shown(event, language):
    with translation.override(language):
        return event.date_text()


def test_a_jalali_month_is_shown_as_that_month_with_the_gregorian_months_it_straddles_in_both_languages():
    event = jalali("month")
    assert shown(event, "fa") == "مرداد ۱۴۰۲ (ژوئیه–اوت ۲۰۲۳)"
    assert shown(event, "en") == "Mordad 1402 (July–August 2023)"


def test_a_jalali_month_across_the_gregorian_new_year_names_both_years():
    dey = jalali("month", date=datetime.date(2024, 1, 1))
    assert shown(dey, "en") == "Dey 1402 (December 2023–January 2024)"
    assert shown(dey, "fa") == "دی ۱۴۰۲ (دسامبر ۲۰۲۳–ژانویه ۲۰۲۴)"
    assert (dey.start, dey.end) == (datetime.date(2023, 12, 22), datetime.date(2024, 1, 20))


def test_a_jalali_year_is_shown_with_the_two_gregorian_years_it_straddles_in_both_languages():
    event = jalali("year")
    assert shown(event, "fa") == "۱۴۰۲ (۲۰۲۳–۲۰۲۴)"
    assert shown(event, "en") == "Jalali year 1402 (2023–2024)"
    assert (event.start, event.end) == (datetime.date(2023, 3, 21), datetime.date(2024, 3, 19))


def test_a_jalali_month_and_year_end_on_their_last_day_also_in_a_short_esfand():
    assert jalali("month").end == datetime.date(2023, 8, 22)
    # Esfand 1402 has 29 days: 1403 begins on 20 March 2024.
    assert jalali("month", date=datetime.date(2024, 3, 1)).end == datetime.date(2024, 3, 19)


def test_a_jalali_day_is_the_same_day_as_a_gregorian_one():
    assert shown(jalali("day"), "fa") == "۱۲ مرداد ۱۴۰۲ (۳ اوت ۲۰۲۳)"
    assert shown(jalali("day"), "en") == "3 August 2023"


def test_the_machine_readable_value_of_a_jalali_month_claims_no_single_gregorian_month():
    with translation.override("en"):
        html = str(jalali("month").date_html())
    # Each Gregorian month it straddles is named, and marked, on its own.
    assert re.findall(r'datetime="([^"]+)"', html) == ["2023-07", "2023-08"]
    assert '<time datetime="2023-07">July</time>–<time datetime="2023-08">August 2023</time>' in html
    with translation.override("fa"):
        html = str(jalali("year").date_html())
    assert re.findall(r'datetime="([^"]+)"', html) == ["2023", "2024"]


def test_an_existing_event_stays_gregorian():
    event = CaseEvent(kind="arrest", date=MID_MORDAD_1402, date_precision="month")
    assert event.date_calendar == "gregorian"
    assert shown(event, "en") == "August 2023"


@pytest.mark.django_db
def test_a_jalali_month_or_year_is_stored_from_the_first_day_of_the_jalali_period(make_case):
    case = make_case(events=[
        {"kind": "arrest", "date": MID_MORDAD_1402, "date_precision": "month", "date_calendar": "jalali"},
        {"kind": "summons", "date": MID_MORDAD_1402, "date_precision": "year", "date_calendar": "jalali"},
    ])
    month, year = sorted(case.events.all(), key=lambda event: event.kind)
    assert (month.kind, month.date) == ("arrest", FIRST_OF_MORDAD_1402)
    assert (year.kind, year.date) == ("summons", datetime.date(2023, 3, 21))


@pytest.mark.django_db
def test_events_in_both_calendars_are_ordered_by_the_days_they_cover(make_case):
    # Given in the wrong order: Mordad 1402 begins on 23 July, after an arrest on 15 July 2023,
    # and ends on 22 August, before a release in September 2023.
    case = make_case(events=[
        {"kind": "release", "date": "2023-09-01", "date_precision": "month"},
        {"kind": "hunger_strike", "date": MID_MORDAD_1402, "date_precision": "month", "date_calendar": "jalali"},
        {"kind": "arrest", "date": "2023-07-15"},
        {"kind": "summons", "date": datetime.date(2022, 6, 1), "date_precision": "year", "date_calendar": "jalali"},
    ])
    assert [event.kind for event in case.timeline()] == ["summons", "arrest", "hunger_strike", "release"]
    assert case.status == "released"
    # The latest public event begins on the first day of its period, in its calendar.
    assert case.latest_public_date == datetime.date(2023, 9, 1)


@pytest.mark.django_db
def test_the_public_case_page_shows_a_jalali_month_in_both_languages(client, make_case):
    make_case("Reza Example", name_fa="رضا نمونه", events=[
        {"kind": "arrest", "date": "2023-07-15"},
        {"kind": "hunger_strike", "date": MID_MORDAD_1402, "date_precision": "month", "date_calendar": "jalali"},
    ])
    english = client.get("/en/cases/reza-example/").content.decode()
    assert "Mordad 1402 (" in english and "July</time>–<time datetime=\"2023-08\">August 2023</time>)" in english
    assert english.index("15 July 2023") < english.index("Mordad 1402")
    persian = client.get("/fa/cases/reza-example/").content.decode()
    assert "مرداد ۱۴۰۲ (" in persian
    assert '<time datetime="2023-07">ژوئیه</time>–<time datetime="2023-08">اوت ۲۰۲۳</time>' in persian
    assert persian.index("۲۴ تیر ۱۴۰۲") < persian.index("مرداد ۱۴۰۲ (")
