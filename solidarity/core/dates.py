"""Dates shown in both calendars: Jalali beside Gregorian on Persian pages."""

import datetime

import jdatetime
from django.utils import formats, translation

from .i18n import is_persian
from .text import to_persian_digits

JALALI_MONTHS = [
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
]
# Gregorian month names as Persian readers write them.
GREGORIAN_MONTHS_FA = [
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
]


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def jalali(value: datetime.date) -> str:
    """'۳ خرداد ۱۳۹۱' for 2012-05-23."""
    value = _as_date(value)
    j = jdatetime.date.fromgregorian(date=value)
    return to_persian_digits(f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}")


def gregorian_fa(value: datetime.date) -> str:
    """'۲۳ مه ۲۰۱۲' for 2012-05-23."""
    value = _as_date(value)
    return to_persian_digits(f"{value.day} {GREGORIAN_MONTHS_FA[value.month - 1]} {value.year}")


def _month(day, language):
    if is_persian(language):
        return GREGORIAN_MONTHS_FA[day.month - 1]
    with translation.override(language):
        return formats.date_format(day, "F")


def date_range_text(start, end=None, language=None):
    """'23–26 May 2012', '30 May – 2 June 2012', or one day, in Latin digits."""
    language = language or translation.get_language() or "en"
    language = "fa" if is_persian(language) else language
    if not end or end == start:
        return f"{start.day} {_month(start, language)} {start.year}"
    if start.year != end.year:
        return f"{start.day} {_month(start, language)} {start.year} – {end.day} {_month(end, language)} {end.year}"
    if start.month != end.month:
        return f"{start.day} {_month(start, language)} – {end.day} {_month(end, language)} {end.year}"
    return f"{start.day}–{end.day} {_month(start, language)} {start.year}"


# Between two numbers on a Persian page: an en dash, never a dot or a middle dot, which read as
# the Persian zero (۰) beside Persian digits.
RANGE_DASH = "\u2013"


def jalali_years(year: int) -> str:
    """The Jalali years a Gregorian year overlaps: '۱۳۹۰–۱۳۹۱' for 2012 (it starts in 1390 and
    ends in 1391)."""
    first = jdatetime.date.fromgregorian(date=datetime.date(year, 1, 1)).year
    last = jdatetime.date.fromgregorian(date=datetime.date(year, 12, 31)).year
    return to_persian_digits(f"{first}{RANGE_DASH}{last}" if first != last else str(first))


def jalali_month_range(value: datetime.date) -> str:
    """The Jalali months a Gregorian month overlaps: 'خرداد–تیر ۱۳۸۹' for June 2010,
    'اسفند ۱۴۰۱–فروردین ۱۴۰۲' for March 2023."""
    first_day = _as_date(value).replace(day=1)
    last_day = (first_day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    start = jdatetime.date.fromgregorian(date=first_day)
    end = jdatetime.date.fromgregorian(date=last_day)
    start_month, end_month = JALALI_MONTHS[start.month - 1], JALALI_MONTHS[end.month - 1]
    if start.year != end.year:
        return to_persian_digits(f"{start_month} {start.year}{RANGE_DASH}{end_month} {end.year}")
    if start.month == end.month:
        return to_persian_digits(f"{start_month} {start.year}")
    return to_persian_digits(f"{start_month}{RANGE_DASH}{end_month} {start.year}")
