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


# The Persian alphabet in its dictionary order. Sorting by code point puts پ چ ژ گ ک ی after
# every Arabic letter ("پاکستان" after "یونان"); Arabic forms of ک and ی sort as the Persian ones.
PERSIAN_ORDER = {letter: rank for rank, letter in enumerate("آاأإبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ")}
PERSIAN_ORDER.update({"ك": PERSIAN_ORDER["ک"], "ي": PERSIAN_ORDER["ی"], "ى": PERSIAN_ORDER["ی"], "ة": PERSIAN_ORDER["ه"],
                      "ؤ": PERSIAN_ORDER["و"]})


def sort_key(text, language=None):
    """A key that sorts `text` as a reader of `language` expects: Persian in its alphabet's
    order (letters it does not know after the alphabet, spaces and ZWNJ first), other text
    case-insensitively."""
    if not is_persian(language):
        return text.casefold()
    return tuple(PERSIAN_ORDER.get(ch, -1 if ch in " \u200c" else 100 + ord(ch)) for ch in text)
