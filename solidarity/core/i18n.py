"""The site's two languages: English, and Persian, its one right-to-left language."""

from django.utils.translation import get_language


def is_persian(language=None):
    """Whether `language` (the current language when not given) is Persian."""
    return (language or get_language() or "").startswith("fa")


def is_rtl(language=None):
    """Whether `language` is written right to left: Persian is the only such language here."""
    return is_persian(language)


def direction(language=None):
    """The `dir` attribute for text in `language`: "rtl" or "ltr"."""
    return "rtl" if is_rtl(language) else "ltr"


def site_language(language=None):
    """"fa" or "en": the language code the site's records and catalogues use."""
    return "fa" if is_persian(language) else "en"
