"""Persian and Arabic text helpers shared by every app.

Search, de-duplication and display all need the same view of Persian text: Arabic and
Persian letter forms, zero-width non-joiners, diacritics and the three digit sets are
written differently by different keyboards but mean the same thing.
"""

import re
import unicodedata

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN_DIGITS = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

# Letter forms folded to one Persian form for searching.
_LETTER_FOLDS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # alef maksura
        "ئ": "ی",
        "ك": "ک",  # Arabic kaf
        "ة": "ه",  # teh marbuta
        "ۀ": "ه",
        "ە": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ـ": None,  # tatweel (kashida)
    }
)
# Zero-width joiners and non-joiners, the bidi marks and the soft hyphen.
_INVISIBLES = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]")
_SPACES = re.compile(r"\s+")


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN_DIGITS)


def to_persian_digits(text: str) -> str:
    return str(text).translate(_TO_PERSIAN_DIGITS)


def strip_diacritics(text: str) -> str:
    # Decompose, then drop combining marks: Arabic harakat and Latin accents alike.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_for_search(text: str) -> str:
    """Fold text so that the ways people type the same Persian word compare equal."""
    if not text:
        return ""
    text = _INVISIBLES.sub("", text)
    text = strip_diacritics(text)
    text = text.translate(_LETTER_FOLDS)
    text = to_latin_digits(text)
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", text).strip()
