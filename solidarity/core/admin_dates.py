"""Dates in the admin typed and picked in either calendar, stored as Gregorian as before.

Sources from Iran give Jalali dates. Every date field of the admin (Wagtail's model forms) takes
"1402/5/12", "۱۴۰۲/۰۵/۱۲" or "2023-08-03" alike: a year before 1700 is Jalali (jdatetime does
the conversion), a later one Gregorian. The field shows the date in both calendars under it and
offers a month picker in the admin's calendar (static/core/dates.js: the browser's own Persian
calendar, Intl, so nothing is fetched from elsewhere). A field of a date known only to a month or
a year (case events) takes "1402/5" or "1402" as well; that stands for the first day of that
Jalali month or year, and the event's precision says how much of it is known.
"""

import datetime
import re

import jdatetime
from django import forms
from django.templatetags.static import static
from django.utils import translation

from .dates import gregorian_fa, jalali
from .i18n import is_persian
from .text import to_latin_digits

FIRST_GREGORIAN_YEAR = 1700  # a year before this is a Jalali year (1402 is 2023)
DATE = re.compile(r"(\d{3,4})(?:\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?)?")


def parse(text, *, partial=False):
    """The Gregorian date a person typed in either calendar, or None when it is not a date.
    Without `partial`, the day and month must be given."""
    match = DATE.fullmatch(to_latin_digits(text or "").strip().replace("٫", "/"))
    if not match or (not partial and match[3] is None):
        return None
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        if year < FIRST_GREGORIAN_YEAR:
            return jdatetime.date(year, month, day).togregorian()
        return datetime.date(year, month, day)
    except ValueError:
        return None


def both_calendars(value, language=None):
    """'۱۲ مرداد ۱۴۰۲ (۳ اوت ۲۰۲۳)' under a field in the Persian admin, '3 August 2023
    (۱۲ مرداد ۱۴۰۲)' in the English one. (No middle dot: in Persian it reads as a zero.)"""
    if not isinstance(value, datetime.date):
        return ""
    english = f"{value.day} {value:%B} {value.year}"
    if is_persian(language or translation.get_language()):
        return f"{jalali(value)} ({gregorian_fa(value)})"
    return f"{english} ({jalali(value)})"


class BothCalendarsDateInput(forms.DateInput):
    """A date typed in either calendar, shown in both, with a month picker."""

    template_name = "core/admin/both_calendars_date.html"

    def __init__(self, attrs=None, *, partial=False):
        super().__init__({"autocomplete": "off", "class": "both-calendars__input", **(attrs or {})}, format="%Y-%m-%d")
        self.partial = partial

    def value_from_datadict(self, data, files, name):
        typed = super().value_from_datadict(data, files, name)
        day = parse(typed, partial=self.partial)
        # What cannot be read goes on as typed, for the field's own error beside it.
        return day.isoformat() if day else typed

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        day = value if isinstance(value, datetime.date) else parse(str(value or ""), partial=self.partial)
        context["widget"].update(
            both=both_calendars(day),
            calendar="persian" if is_persian(translation.get_language()) else "gregory",
            partial=self.partial,
        )
        return context

    @property
    def media(self):
        return forms.Media(js=[static("core/dates.js")])


def install():
    """Every date field of Wagtail's model forms gets this input (times and date-times keep theirs)."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.DateField, override={"widget": BothCalendarsDateInput}, exact_class=True)
