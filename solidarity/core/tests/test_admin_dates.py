"""Staff type dates in the Jalali or the Gregorian calendar, in either digit set; the admin stores
the Gregorian date as before and shows both calendars."""

import datetime

import pytest

from solidarity.core.admin_dates import BothCalendarsDateInput, both_calendars, parse

MORDAD_12_1402 = datetime.date(2023, 8, 3)


@pytest.mark.parametrize("typed", ["1402/5/12", "۱۴۰۲/۰۵/۱۲", "١٤٠٢/٥/١٢", "1402-05-12", " 1402 / 5 / 12 ", "2023-08-03"])
def test_a_date_typed_in_either_calendar_and_digit_set_is_the_same_day(typed):
    assert parse(typed) == MORDAD_12_1402


def test_a_month_or_a_year_is_a_date_only_where_a_partial_date_is_allowed():
    assert parse("1402/5") is None
    assert parse("1402/5", partial=True) == datetime.date(2023, 7, 23)  # 1 Mordad 1402
    assert parse("1402", partial=True) == datetime.date(2023, 3, 21)  # 1 Farvardin 1402
    assert parse("2023-03", partial=True) == datetime.date(2023, 3, 1)


@pytest.mark.parametrize("typed", ["1402/13/1", "1402/12/31", "2023-02-30", "yesterday", ""])
def test_what_is_not_a_day_is_not_read_as_one(typed):
    assert parse(typed) is None  # 1402 is not a leap year: Esfand has 29 days


def test_the_field_shows_the_day_in_both_calendars_in_the_admins_language():
    from django.utils import translation

    with translation.override("fa"):
        assert both_calendars(MORDAD_12_1402) == "۱۲ مرداد ۱۴۰۲ (۳ اوت ۲۰۲۳)"
    with translation.override("en"):
        assert both_calendars(MORDAD_12_1402) == "3 August 2023 (۱۲ مرداد ۱۴۰۲)"


@pytest.mark.django_db
def test_an_event_form_stores_a_jalali_date_as_gregorian_and_keeps_a_bad_one_as_typed():
    from solidarity.network.models import Event

    form_class = Event.snippet_viewset.get_edit_handler().get_form_class()
    form = form_class(data={"start_date": "۱۴۰۲/۰۵/۱۲", "end_date": "1402/5/14"}, instance=Event())
    form.is_valid()
    assert form.cleaned_data["start_date"] == MORDAD_12_1402
    assert form.cleaned_data["end_date"] == datetime.date(2023, 8, 5)
    assert isinstance(form.fields["start_date"].widget, BothCalendarsDateInput)

    form = form_class(data={"start_date": "1402/12/31"}, instance=Event())
    assert not form.is_valid() and "start_date" in form.errors
    assert 'value="1402/12/31"' in str(form["start_date"])


@pytest.mark.django_db
def test_a_case_events_date_takes_a_jalali_month_or_year():
    from solidarity.cases.models import Case

    form = Case.snippet_viewset.get_edit_handler().get_form_class()(instance=Case())
    widget = form.formsets["events"].empty_form.fields["date"].widget
    assert isinstance(widget, BothCalendarsDateInput) and widget.partial
    assert widget.value_from_datadict({"date": "۱۴۰۲/۵"}, {}, "date") == "2023-07-23"
    assert widget.value_from_datadict({"date": "1402"}, {}, "date") == "2023-03-21"
