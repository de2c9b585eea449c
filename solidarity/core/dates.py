"""Dates shown in both calendars: Jalali beside Gregorian on Persian pages."""

import datetime

import jdatetime

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
