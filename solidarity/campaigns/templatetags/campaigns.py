from django import template

from solidarity.core.bilingual import in_language
from solidarity.core.countries import country_name
from solidarity.core.i18n import is_persian
from solidarity.core.text import to_persian_digits

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
    if is_persian():
        return to_persian_digits(text.replace(",", "٬"))
    return text


@register.filter
def paragraphs(text):
    """Paragraphs that keep the text's language (core.bilingual.Text), for `lang_attrs`."""
    language = getattr(text, "language", None)
    parts = [part.strip() for part in (text or "").split("\n\n") if part.strip()]
    return [in_language(part, language) for part in parts] if language else parts


@register.filter
def country(code):
    return country_name(code)
