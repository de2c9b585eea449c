"""Dates known to a year, a month or a day, shown at that precision in both languages.

A partial date is stored as the first day of its period ("March 2023" as 2023-03-01) with its
precision. In Persian the Jalali date comes first with the Gregorian one (Persian month names and
digits) beside it: for a month or a year, the Jalali months or years it straddles ("خرداد–تیر
۱۳۸۹ (ژوئن ۲۰۱۰)" for June 2010), since any single Jalali month or year would claim more than is known.
"""

import datetime

from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from solidarity.core import dates
from solidarity.core.i18n import is_persian
from solidarity.core.text import to_persian_digits

YEAR, MONTH, DAY = "year", "month", "day"
PRECISION_CHOICES = [(YEAR, _("Year")), (MONTH, _("Month")), (DAY, _("Day"))]
# Less precise dates rank lower.
RANK = {YEAR: 0, MONTH: 1, DAY: 2}


def start_of(value: datetime.date, precision: str) -> datetime.date:
    """The first day of the period the date stands for."""
    if precision == YEAR:
        return value.replace(month=1, day=1)
    if precision == MONTH:
        return value.replace(day=1)
    return value


def end_of(value: datetime.date, precision: str) -> datetime.date:
    """The last day of the period the date stands for."""
    if precision == YEAR:
        return value.replace(month=12, day=31)
    if precision == MONTH:
        following = (value.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return following - datetime.timedelta(days=1)
    return value


def as_text(value: datetime.date, precision: str, language=None) -> str:
    """'2023', 'March 2023', '12 March 2023'; in Persian '۱۴۰۱–۱۴۰۲ (۲۰۲۳)',
    'اسفند ۱۴۰۱–فروردین ۱۴۰۲ (مارس ۲۰۲۳)', '۲۱ اسفند ۱۴۰۱ (۱۲ مارس ۲۰۲۳)'."""
    if is_persian(language):
        # Jalali first and the Gregorian in brackets, as for a full day.
        if precision == YEAR:
            return f"{dates.jalali_years(value.year)} ({to_persian_digits(str(value.year))})"
        if precision == MONTH:
            gregorian = to_persian_digits(f"{dates.GREGORIAN_MONTHS_FA[value.month - 1]} {value.year}")
            return f"{dates.jalali_month_range(value)} ({gregorian})"
        return f"{dates.jalali(value)} ({dates.gregorian_fa(value)})"
    if precision == YEAR:
        return str(value.year)
    if precision == MONTH:
        return formats.date_format(value, "F Y")
    return formats.date_format(value, "j F Y")


def as_html(value: datetime.date, precision: str, language=None):
    """A <time> element whose machine-readable value has the same precision as the text."""
    machine = {YEAR: "%Y", MONTH: "%Y-%m", DAY: "%Y-%m-%d"}[precision]
    return format_html('<time datetime="{}">{}</time>', value.strftime(machine), as_text(value, precision, language))
