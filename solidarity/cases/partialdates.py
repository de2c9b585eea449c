"""Dates known to a year, a month or a day, in the Gregorian or the Jalali calendar, shown at
that precision in both languages.

A partial date is stored as the first day of its period, in the calendar the source gave it in:
"March 2023" as 2023-03-01, "Mordad 1402" (a Jalali month) as 2023-07-23, its first day. The
precision and the calendar say which period the stored day begins, so that start_of and end_of
(what timelines sort and filter by) are those of that period.

A Gregorian month or year is shown in Persian with the Jalali months or years it straddles first
and the Gregorian one in brackets ("خرداد–تیر ۱۳۸۹ (ژوئن ۲۰۱۰)" for June 2010), since any single
Jalali month or year would claim more than is known. A Jalali month or year is shown the other
way round: the Jalali period, then the Gregorian months or years it straddles, in both
languages ("مرداد ۱۴۰۲ (ژوئیه–اوت ۲۰۲۳)", "Mordad 1402 (July–August 2023)").

Machine-readable values (`as_html`) never claim more than is known: a Jalali month is not any
one Gregorian month, so each Gregorian month (or year) it straddles is its own <time>, around
the words that name it.
"""

import datetime

import jdatetime
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from solidarity.core import dates
from solidarity.core.i18n import is_persian
from solidarity.core.text import to_persian_digits

YEAR, MONTH, DAY = "year", "month", "day"
PRECISION_CHOICES = [(YEAR, _("Year")), (MONTH, _("Month")), (DAY, _("Day"))]
# Less precise dates rank lower.
RANK = {YEAR: 0, MONTH: 1, DAY: 2}

GREGORIAN, JALALI = dates.GREGORIAN, dates.JALALI
CALENDAR_CHOICES = [(GREGORIAN, _("Gregorian")), (JALALI, _("Jalali"))]
ONE_DAY = datetime.timedelta(days=1)


def _jalali_start(value: datetime.date, precision: str) -> jdatetime.date:
    day = jdatetime.date.fromgregorian(date=value)
    return jdatetime.date(day.year, 1 if precision == YEAR else day.month, 1)


def start_of(value: datetime.date, precision: str, calendar: str = GREGORIAN) -> datetime.date:
    """The first day of the period the date stands for, in its calendar."""
    if precision == DAY:
        return value
    if calendar == JALALI:
        return _jalali_start(value, precision).togregorian()
    if precision == YEAR:
        return value.replace(month=1, day=1)
    return value.replace(day=1)


def end_of(value: datetime.date, precision: str, calendar: str = GREGORIAN) -> datetime.date:
    """The last day of the period the date stands for, in its calendar."""
    if precision == DAY:
        return value
    if calendar == JALALI:
        start = _jalali_start(value, precision)
        if precision == YEAR:
            following = jdatetime.date(start.year + 1, 1, 1)
        else:
            following = jdatetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following.togregorian() - ONE_DAY
    if precision == YEAR:
        return value.replace(month=12, day=31)
    following = (value.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - ONE_DAY


def _jalali_parts(value, precision, language):
    """A Jalali month or year: its words, and the Gregorian months or years it straddles as
    (machine value, words) pieces."""
    first, last = start_of(value, precision, JALALI), end_of(value, precision, JALALI)
    start = jdatetime.date.fromgregorian(date=first)
    if precision == YEAR:
        if is_persian(language):
            words = to_persian_digits(str(start.year))
        else:
            words = gettext("Jalali year %(year)s") % {"year": start.year}
        return words, dates.gregorian_years_between(first, last, language)
    words = f"{dates.jalali_month_name(start.month, language)} {start.year}"
    if is_persian(language):
        words = to_persian_digits(words)
    return words, dates.gregorian_months_between(first, last, language)


def as_text(value: datetime.date, precision: str, language=None, calendar: str = GREGORIAN) -> str:
    """'2023', 'March 2023', '12 March 2023'; in Persian '۱۴۰۱–۱۴۰۲ (۲۰۲۳)',
    'اسفند ۱۴۰۱–فروردین ۱۴۰۲ (مارس ۲۰۲۳)', '۲۱ اسفند ۱۴۰۱ (۱۲ مارس ۲۰۲۳)'. A Jalali month:
    'Mordad 1402 (July–August 2023)', 'مرداد ۱۴۰۲ (ژوئیه–اوت ۲۰۲۳)'; a Jalali year:
    'Jalali year 1402 (2023–2024)', '۱۴۰۲ (۲۰۲۳–۲۰۲۴)'. A day is a day in either calendar."""
    if calendar == JALALI and precision != DAY:
        words, pieces = _jalali_parts(value, precision, language)
        return f"{words} ({dates.RANGE_DASH.join(text for _machine, text in pieces)})"
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


def as_html(value: datetime.date, precision: str, language=None, calendar: str = GREGORIAN):
    """A <time> element whose machine-readable value has the same precision as the text. A
    Jalali month or year straddles two Gregorian months or years: each of them named in the
    brackets is a <time> of its own, and the Jalali words are plain text."""
    if calendar == JALALI and precision != DAY:
        words, pieces = _jalali_parts(value, precision, language)
        times = format_html_join(dates.RANGE_DASH, '<time datetime="{}">{}</time>', pieces)
        return format_html('<span class="partial-date">{} ({})</span>', words, times)
    machine = {YEAR: "%Y", MONTH: "%Y-%m", DAY: "%Y-%m-%d"}[precision]
    return format_html('<time datetime="{}">{}</time>', value.strftime(machine), as_text(value, precision, language))
