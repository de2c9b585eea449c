from django import template
from django.utils import formats
from django.utils.html import conditional_escape, format_html

from solidarity.core import dates
from solidarity.core.i18n import direction, is_persian
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


def _foreign_language(value):
    """The language of `value` when it is a Text in the other language than the page's."""
    language = getattr(value, "language", None)
    if language and is_persian(language) != is_persian():
        return language
    return None


@register.filter
def bidi(value):
    """Text shown inside a line of the page, set apart so it cannot reorder the line around it.

    A value that says its language (a bilingual field: core.bilingual.Text) and is not in the
    page's language, as English not yet translated on a Persian page, is marked with its lang
    and dir; any other value (a name, an address, a number) is isolated in <bdi>, so a full
    stop or colon next to it stays where the sentence puts it."""
    if value is None or value == "":
        return ""
    language = _foreign_language(value)
    if language:
        return format_html('<span lang="{}" dir="{}">{}</span>', language, direction(language), value)
    if hasattr(value, "language"):
        return conditional_escape(value)
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def lang_attrs(value):
    """` lang=".." dir=".."` for an element that holds `value` when it is in the other language
    than the page's (a paragraph or list item of English on a Persian page), else nothing."""
    language = _foreign_language(value)
    if not language:
        return ""
    return format_html(' lang="{}" dir="{}"', language, direction(language))


# What separates facts in a line ("date · country"): a middle dot in English; in Persian the
# Persian comma, since a dot beside Persian digits reads as a zero (۰).
SEPARATORS = {"en": " · ", "fa": "، "}


def separator(language=None):
    return SEPARATORS["fa" if is_persian(language) else "en"]


@register.simple_tag
def sep():
    """The separator between facts in a line, in the page's language (see SEPARATORS)."""
    return separator()
