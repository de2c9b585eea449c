from django import template
from django.utils.translation import get_language

from solidarity.core.text import to_persian_digits
from solidarity.network.countries import country_name

register = template.Library()


@register.filter
def tr(record, field):
    """A bilingual field in the reader's language: {{ campaign|tr:"title" }}."""
    return record.translated(field) if record is not None else ""


@register.filter
def number(value):
    """A count with thousands grouped, in Persian digits and separators on Persian pages."""
    try:
        text = f"{int(value):,}"
    except (TypeError, ValueError):
        return value
    if (get_language() or "").startswith("fa"):
        return to_persian_digits(text.replace(",", "٬"))
    return text


@register.filter
def paragraphs(text):
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


@register.filter
def country(code):
    return country_name(code)
