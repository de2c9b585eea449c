from django import template
from django.utils import formats
from django.utils.html import format_html

from solidarity.core import dates
from solidarity.core.i18n import is_persian
from solidarity.core.text import to_persian_digits

register = template.Library()


@register.filter
def localdigits(value):
    """Persian digits on Persian pages, unchanged elsewhere."""
    return to_persian_digits(value) if is_persian() else value


@register.simple_tag
def show_date(value):
    """A <time> element: Jalali beside Gregorian in Persian, the Gregorian date in English."""
    if not value:
        return ""
    if is_persian():
        return format_html(
            '<time datetime="{}">{} <span class="gregorian">({})</span></time>',
            value.isoformat(),
            dates.jalali(value),
            dates.gregorian_fa(value),
        )
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), formats.date_format(value, "j F Y")
    )
