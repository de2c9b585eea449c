"""A staff member who works in Persian records a case event known to a Jalali month or year: the
calendar follows what was typed, the event is stored from the first day of the Jalali period, and
a date that cannot be right gets an error that says why, with what was typed kept."""

import datetime

import pytest

from solidarity.cases.models import Case

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/cases/case/add/"
FIELDS = ["kind", "date", "date_precision", "date_calendar", "place_en", "place_fa", "description_en",
          "description_fa", "sources", "verification", "prison_years", "prison_months", "lashes", "fine_amount",
          "fine_currency", "ban_en", "ban_fa", "bail_amount", "bail_currency"]


def form(*events):
    data = {
        "name_latin": "Reza Example", "name_fa": "رضا نمونه", "slug": "", "occupation_en": "", "occupation_fa": "",
        "affiliations_text_en": "", "affiliations_text_fa": "", "city_en": "", "city_fa": "", "summary_en": "",
        "summary_fa": "", "photo": "", "is_public": "on",
        "events-TOTAL_FORMS": str(len(events)), "events-INITIAL_FORMS": "0", "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "1000",
    }
    for i, event in enumerate(events):
        data |= {f"events-{i}-{name}": "" for name in FIELDS}
        # What a browser sends for a new row: the calendar choice as it was first drawn.
        data |= {f"events-{i}-id": "", f"events-{i}-ORDER": str(i + 1), f"events-{i}-DELETE": "",
                 f"events-{i}-verification": "unverified", f"events-{i}-date_precision": "day",
                 f"events-{i}-date_calendar": "gregorian", f"events-{i}-is_public": "on"}
        data |= {f"events-{i}-{name}": value for name, value in event.items()}
    return data


@pytest.fixture
def persian_editor(client, make_staff):
    client.force_login(make_staff("editor", "Editors", language="fa"))
    return client


def test_a_jalali_month_typed_in_persian_digits_is_stored_as_that_jalali_month(persian_editor):
    response = persian_editor.post(ADD, form(
        {"kind": "arrest", "date": "۱۴۰۲/۵", "date_precision": "month"},
        {"kind": "summons", "date": "1401", "date_precision": "year"},
    ))
    assert response.status_code == 302, response.content.decode()[-3000:]
    case = Case.objects.get()
    summons, arrest = case.timeline()
    assert (arrest.date, arrest.date_precision, arrest.date_calendar) == (datetime.date(2023, 7, 23), "month", "jalali")
    assert (summons.date, summons.date_precision, summons.date_calendar) == (datetime.date(2022, 3, 21), "year", "jalali")
    assert arrest.date_text("fa") == "مرداد ۱۴۰۲ (ژوئیه–اوت ۲۰۲۳)"
    assert arrest.date_text("en") == "Mordad 1402 (July–August 2023)"
    assert persian_editor.get("/fa/cases/reza-example/").content.decode().count("مرداد ۱۴۰۲ (") == 1


def test_a_gregorian_month_typed_is_gregorian_whatever_the_choice_said(persian_editor):
    response = persian_editor.post(ADD, form(
        {"kind": "arrest", "date": "2023-07", "date_precision": "month", "date_calendar": "jalali"},
    ))
    assert response.status_code == 302, response.content.decode()[-3000:]
    arrest = Case.objects.get().events.get()
    assert (arrest.date, arrest.date_calendar) == (datetime.date(2023, 7, 1), "gregorian")


def test_a_stored_day_shown_again_keeps_the_calendar_chosen_beside_it(persian_editor):
    # The field shows a stored date as 2023-07-23: a full Gregorian day says nothing of the calendar.
    response = persian_editor.post(ADD, form(
        {"kind": "arrest", "date": "2023-07-23", "date_precision": "month", "date_calendar": "jalali"},
    ))
    assert response.status_code == 302, response.content.decode()[-3000:]
    arrest = Case.objects.get().events.get()
    assert (arrest.date, arrest.date_calendar) == (datetime.date(2023, 7, 23), "jalali")


@pytest.mark.parametrize(("typed", "precision", "message"), [
    ("1402/13", "month", "ماه ۱۳ وجود ندارد: ماه‌ها از ۱ تا ۱۲ هستند."),
    ("0", "year", "سال ۰ درست نیست: سال را کامل بنویسید"),
    ("1402/12/30", "day", "آن ماه روز ۳۰ ندارد: ۲۹ روز دارد."),
    ("", "month", "تاریخ را بنویسید: روز (۱۴۰۲/۵/۱۲)، ماه (۱۴۰۲/۵) یا سال (۱۴۰۲)"),
])
def test_a_date_that_cannot_be_right_gets_an_error_that_says_why_and_keeps_what_was_typed(
    persian_editor, typed, precision, message,
):
    response = persian_editor.post(ADD, form(
        {"kind": "arrest", "date": typed, "date_precision": precision, "place_en": "Evin Prison"},
    ))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert f'name="events-0-date" value="{typed}"' in content or (not typed and 'name="events-0-date"' in content)
    assert "Evin Prison" in content
    assert not Case.objects.exists()


def test_the_calendar_choice_sits_beside_the_date_and_names_it(persian_editor):
    content = persian_editor.get(ADD).content.decode()
    assert 'name="__prefix__-date_calendar"' in content or 'events-__prefix__-date_calendar' in content
    assert 'data-calendar-of="events-__prefix__-date"' in content
    assert "خورشیدی" in content and "میلادی" in content
