"""Dates in the admin typed and picked in either calendar, stored as Gregorian as before.

Sources from Iran give Jalali dates. Every date field of the admin (Wagtail's model forms) takes
"1402/5/12", "۱۴۰۲/۰۵/۱۲" or "2023-08-03" alike: a year before 1700 is Jalali (jdatetime does
the conversion), a later one Gregorian. The field shows the date in both calendars under it and
offers a month picker in the admin's calendar (static/core/dates.js: the browser's own Persian
calendar, Intl, so nothing is fetched from elsewhere). A field of a date known only to a month or
a year (case events) takes "1402/5" or "1402" as well; that stands for the first day of that
Jalali month or year, and the event's precision says how much of it is known. Its calendar
(`CalendarOfDateSelect`) follows what was typed: a Jalali date makes it Jalali, a Gregorian month or
year Gregorian; a full Gregorian day (as the field shows a stored date) leaves the choice as it is.

Date-times (Wagtail's publishing schedule, the newsletter's sending time) take "1402/5/12 14:30" as
well, through `BothCalendarsDateTimeField`: Wagtail gives every DateTimeField of its model forms
this field (registered once, `install`), and the field puts the both-calendars input in place of
Wagtail's own AdminDateTimeInput even where a panel names that widget (the schedule dialog), so
Wagtail's picker stays beside ours. The moment is read in the current time zone, as before.

What cannot be read gets an error that says why (no month 13, no year 0, that month's days) and
the field keeps what was typed.
"""

import calendar
import datetime
import re

import jdatetime
from django import forms
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.widgets import AdminDateTimeInput

from .dates import GREGORIAN, JALALI, gregorian_fa, jalali
from .i18n import is_persian
from .templatetags.solidarity import localdigits
from .text import to_latin_digits, to_persian_digits

FIRST_GREGORIAN_YEAR = 1700  # a year before this is a Jalali year (1402 is 2023)
DATE = re.compile(r"(\d{3,4})(?:\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?)?")
# Hyphens and dashes a date may be pasted with (the Persian hints use non-breaking ones).
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def _normal(text):
    """Latin digits, ASCII hyphens, '/' for the Persian decimal separator, and ordinary spaces."""
    return " ".join(to_latin_digits(text or "").translate(DASHES).replace("٫", "/").split())


def parse(text, *, partial=False):
    """The Gregorian date a person typed in either calendar, or None when it is not a date.
    Without `partial`, the day and month must be given."""
    match = DATE.fullmatch(_normal(text))
    if not match or (not partial and match[3] is None):
        return None
    year, month, day = int(match[1]), int(match[2] or 1), int(match[3] or 1)
    try:
        if year < FIRST_GREGORIAN_YEAR:
            return jdatetime.date(year, month, day).togregorian()
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _looks_like_a_date(text):
    """The year, month and day typed (numbers, None when left out), or None when the text is
    not shaped like a date at all."""
    match = re.fullmatch(r"(\d{1,6})(?:\s*[-/.]\s*(\d{1,4})(?:\s*[-/.]\s*(\d{1,4}))?)?",
                         _normal(text))
    if not match:
        return None
    return tuple(int(part) if part is not None else None for part in match.groups())


def typed_calendar(text):
    """The calendar a date was typed in when the text says so: 'jalali' for any Jalali date,
    'gregorian' for a Gregorian month or year ('2023-07', '2023'); None for a full Gregorian day,
    which is also how the field shows a stored date, and for what is not a date."""
    typed = _looks_like_a_date(text)
    if not typed or typed[0] == 0:
        return None
    if typed[0] < FIRST_GREGORIAN_YEAR:
        return JALALI
    return GREGORIAN if typed[2] is None else None


def _digits(number):
    return localdigits(str(number))


def explain(text, *, partial=False):
    """Why the text is not a date, in words a person can act on."""
    typed = _looks_like_a_date(text)
    if not typed:
        if partial:
            return gettext("Type a date such as 1402/5/12 or 2023-08-03, a month (1402/5) or a year (1402).")
        return gettext("Type a date such as 1402/5/12 or 2023-08-03.")
    year, month, day = typed
    if year < 100 or year > 9999:
        return gettext("There is no year %(year)s here: type the year in full, such as 1402 or 2023.") % {
            "year": _digits(year)}
    if month is not None and not 1 <= month <= 12:
        return gettext("There is no month %(month)s: months run from 1 to 12.") % {"month": _digits(month)}
    if day is None and not partial:
        return gettext("Give the day as well: 1402/5/12 or 2023-08-03.")
    if day is not None:
        if year < FIRST_GREGORIAN_YEAR:
            days = 31 if month <= 6 else 30 if month <= 11 else 30 if jdatetime.date(year, 1, 1).isleap() else 29
        else:
            days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return gettext("There is no day %(day)s in that month: it has %(days)s days.") % {
                "day": _digits(day), "days": _digits(days)}
    return gettext("Type a date such as 1402/5/12 or 2023-08-03.")


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


class BothCalendarsDateField(forms.DateField):
    """A date in either calendar (through its BothCalendarsDateInput), with an error that says
    what is wrong with what was typed."""

    widget = BothCalendarsDateInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if getattr(self.widget, "partial", False):
            self.error_messages["required"] = gettext_lazy(
                "Give the date: a day (1402/5/12), a month (1402/5) or a year (1402), in either calendar.")

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(explain(value, partial=getattr(self.widget, "partial", False)),
                                  code="invalid") from None


class CalendarOfDateSelect(forms.Select):
    """The calendar of a partial date, beside it: the field `<date field>_calendar` of the same
    form. What was typed in the date decides when it says (see `typed_calendar`); dates.js
    changes the choice as the person types or picks, so that what is saved is what was seen."""

    def date_name(self, name):
        return name.removesuffix("_calendar")

    def value_from_datadict(self, data, files, name):
        # A form sent without the choice (a script, a page from before it existed) means Gregorian,
        # as every date did before.
        return (typed_calendar(data.get(self.date_name(name))) or super().value_from_datadict(data, files, name)
                or GREGORIAN)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-calendar-of"] = self.date_name(name)
        return context


TIME = re.compile(r"(?P<date>.*?)(?:(?:\s*[T,،]\s*|\s+)(?P<time>\d{1,2}\s*:\s*\d{1,2}(?:\s*:\s*\d{1,2})?))?")


def _split_moment(text):
    return TIME.fullmatch(_normal(text))


def parse_datetime(text):
    """The (naive) moment a person typed in either calendar: '1402/5/12 14:30', '۱۴۰۲/۰۵/۱۲ ۱۴:۳۰',
    '2023-08-03 14:30' or '2023-08-03T14:30'; a day alone is its midnight. None when it is not one."""
    match = _split_moment(text)
    day = parse(match["date"]) if match else None
    if day is None:
        return None
    hour, minute, second = ([int(part) for part in match["time"].replace(" ", "").split(":")] + [0])[:3] if (
        match["time"]) else (0, 0, 0)
    try:
        return datetime.datetime.combine(day, datetime.time(hour, minute, second))
    except ValueError:
        return None


def explain_moment(text):
    match = _split_moment(text)
    if match and parse(match["date"]) is not None and match["time"]:
        return gettext("The time %(time)s cannot be right: type it as 14:30, from 00:00 to 23:59.") % {
            "time": match["time"]}
    return explain(match["date"] if match else text)


def both_calendars_moment(value, language=None):
    """'۱۲ مرداد ۱۴۰۲، ساعت ۱۴:۳۰ (۳ اوت ۲۰۲۳)' in the Persian admin, '3 August 2023, 14:30
    (۱۲ مرداد ۱۴۰۲)' in the English one, in the current time zone."""
    if not isinstance(value, datetime.datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    day, time = value.date(), f"{value:%H:%M}"
    if is_persian(language or translation.get_language()):
        return f"{jalali(day)}، ساعت {to_persian_digits(time)} ({gregorian_fa(day)})"
    return f"{day.day} {day:%B} {day.year}, {time} ({jalali(day)})"


class BothCalendarsDateTimeInput(AdminDateTimeInput):
    """Wagtail's date-time input and picker, which also takes a moment typed in the Jalali
    calendar, shows it in both calendars and offers the month picker of the date fields."""

    template_name = "core/admin/both_calendars_datetime.html"

    def get_config(self):
        # Wagtail's picker would replace text it cannot read (a Jalali date) when the field loses
        # focus; the server reads it instead, and says why when it cannot.
        return {**super().get_config(), "validateOnBlur": False}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        moment = value if isinstance(value, datetime.datetime) else parse_datetime(str(value or ""))
        context["widget"].update(
            both=both_calendars_moment(moment),
            calendar="persian" if is_persian(translation.get_language()) else "gregory",
        )
        return context

    @property
    def media(self):
        return super().media + forms.Media(js=[static("core/dates.js")])


class BothCalendarsDateTimeField(forms.DateTimeField):
    """A moment typed in either calendar, in the current time zone (stored as before)."""

    widget = BothCalendarsDateTimeInput

    def __init__(self, *, widget=None, **kwargs):
        # Wagtail's schedule dialog names its own AdminDateTimeInput: ours, with the same options.
        if widget is AdminDateTimeInput or type(widget) is AdminDateTimeInput:
            widget = BothCalendarsDateTimeInput(
                attrs=getattr(widget, "attrs", None),
                js_overlay_parent_selector=getattr(widget, "js_overlay_parent_selector", "body"),
            )
        super().__init__(widget=widget, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and (moment := parse_datetime(value)) is not None:
            value = moment
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(explain_moment(value), code="invalid") from None


def install():
    """Every date and date-time field of Wagtail's model forms takes either calendar (times keep
    Wagtail's input)."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.DateField, override={"widget": BothCalendarsDateInput,
                                                             "form_class": BothCalendarsDateField}, exact_class=True)
    register_form_field_override(models.DateTimeField, override={"widget": BothCalendarsDateTimeInput,
                                                                 "form_class": BothCalendarsDateTimeField})
