from django import template
from django.utils import formats, translation
from django.utils.html import format_html

from solidarity.core.dates import GREGORIAN_MONTHS_FA, jalali
from solidarity.core.text import to_persian_digits

from ..countries import country_name

register = template.Library()


def _month(day, language):
    if language == "fa":
        return GREGORIAN_MONTHS_FA[day.month - 1]
    with translation.override(language):
        return formats.date_format(day, "F")


def date_range_text(start, end=None, language=None):
    """'23–26 May 2012', '30 May – 2 June 2012', or one day, in Latin digits."""
    language = language or translation.get_language() or "en"
    language = "fa" if language.startswith("fa") else language
    if not end or end == start:
        return f"{start.day} {_month(start, language)} {start.year}"
    if start.year != end.year:
        return f"{start.day} {_month(start, language)} {start.year} – {end.day} {_month(end, language)} {end.year}"
    if start.month != end.month:
        return f"{start.day} {_month(start, language)} – {end.day} {_month(end, language)} {end.year}"
    return f"{start.day}–{end.day} {_month(start, language)} {start.year}"


@register.simple_tag
def date_range(start, end=None):
    """A date or a range inside <time> elements; Persian pages add the Jalali dates."""
    language = translation.get_language() or "en"
    if language.startswith("fa"):
        text = to_persian_digits(date_range_text(start, end, "fa"))
        jalali_text = jalali(start) if not end or end == start else f"{jalali(start)} – {jalali(end)}"
        return format_html('<time datetime="{}">{}</time> <span class="jalali">({})</span>',
                           start.isoformat(), text, jalali_text)
    return format_html('<time datetime="{}">{}</time>', start.isoformat(), date_range_text(start, end, language))


@register.filter
def country(code):
    return country_name(code)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (and the page reset)."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value in ("", None):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
