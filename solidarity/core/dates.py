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
