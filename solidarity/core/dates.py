"""Dates shown in both calendars: Jalali beside Gregorian on Persian pages."""

import datetime

import jdatetime
from django.utils import formats, translation
from django.utils.translation import pgettext_lazy

from .i18n import is_persian
from .text import to_persian_digits

# The calendars a date may be known in (CaseEvent.date_calendar, what a person typed).
GREGORIAN, JALALI = "gregorian", "jalali"

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


# The Jalali months in English, transliterated as English-language sources on Iran write them.
JALALI_MONTHS_EN = [
    pgettext_lazy("Jalali month", "Farvardin"), pgettext_lazy("Jalali month", "Ordibehesht"),
    pgettext_lazy("Jalali month", "Khordad"), pgettext_lazy("Jalali month", "Tir"),
    pgettext_lazy("Jalali month", "Mordad"), pgettext_lazy("Jalali month", "Shahrivar"),
    pgettext_lazy("Jalali month", "Mehr"), pgettext_lazy("Jalali month", "Aban"),
    pgettext_lazy("Jalali month", "Azar"), pgettext_lazy("Jalali month", "Dey"),
    pgettext_lazy("Jalali month", "Bahman"), pgettext_lazy("Jalali month", "Esfand"),
]


def jalali_month_name(month: int, language=None) -> str:
    """'مرداد' on a Persian page, 'Mordad' on an English one."""
    if is_persian(language or translation.get_language()):
        return JALALI_MONTHS[month - 1]
    return str(JALALI_MONTHS_EN[month - 1])


def gregorian_months_between(first: datetime.date, last: datetime.date, language=None):
    """The Gregorian months from `first` to `last` as (machine value, words) pieces, the year
    written once when both are in one year: [('2023-07', 'July'), ('2023-08', 'August 2023')];
    in Persian [('2023-07', 'ژوئیه'), ('2023-08', 'اوت ۲۰۲۳')]."""
    language = language or translation.get_language() or "en"
    persian = is_persian(language)

    def words(day, with_year):
        text = f"{_month(day, 'fa' if persian else language)} {day.year}" if with_year else _month(
            day, "fa" if persian else language)
        return to_persian_digits(text) if persian else text

    if (first.year, first.month) == (last.year, last.month):
        return [(f"{first:%Y-%m}", words(first, True))]
    return [(f"{first:%Y-%m}", words(first, first.year != last.year)), (f"{last:%Y-%m}", words(last, True))]


def gregorian_years_between(first: datetime.date, last: datetime.date, language=None):
    """The Gregorian years from `first` to `last` as (machine value, words) pieces:
    [('2023', '2023'), ('2024', '2024')], in Persian digits on a Persian page."""
    persian = is_persian(language or translation.get_language())
    years = [first.year] if first.year == last.year else [first.year, last.year]
    return [(str(year), to_persian_digits(str(year)) if persian else str(year)) for year in years]
