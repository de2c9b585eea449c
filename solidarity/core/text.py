"""Persian and Arabic text helpers shared by every app.

Search, de-duplication and display all need the same view of Persian text: Arabic and
Persian letter forms, zero-width non-joiners, diacritics and the three digit sets are
written differently by different keyboards but mean the same thing.

`normalise_for_search` is the one fold; `search_document` (what is indexed) and
`search_terms` (what is looked up) are both built on it so that a query is always folded
exactly like the text it should find.
"""

import html
import re
import unicodedata

from django.utils.html import strip_tags

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN_DIGITS = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

ZWNJ = "\u200c"

# Letter forms folded to one Persian form for searching. Hamza and madda carried on a
# letter (أ إ آ ؤ ئ ۀ) are split off by the decomposition in strip_diacritics first.
_LETTER_FOLDS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh
        "ى": "ی",  # alef maksura
        "ئ": "ی",
        "ك": "ک",  # Arabic kaf
        "ة": "ه",  # teh marbuta
        "ۀ": "ه",
        "ە": "ه",
        "ہ": "ه",  # heh goal (Urdu keyboards)
        "ھ": "ه",  # heh doachashmee
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ـ": None,  # tatweel (kashida)
        # Apostrophes vanish rather than split a word: "Iran's" is found by "Irans" and "Iran".
        "'": None,
        "\u2019": None,
        "\u02bc": None,
    }
)
# Zero-width joiners and non-joiners, the bidi marks and the soft hyphen.
_INVISIBLES = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff]")
_SPACES = re.compile(r"\s+")

# Persian affixes that some writers join with a ZWNJ, others with nothing, others with a space.
_PERSIAN_PREFIXES = frozenset({"می", "نمی"})
_PERSIAN_SUFFIXES = frozenset({"ها", "های", "هایی", "هاي", "ترین", "تر", "ای", "ام", "اش", "ات"})

# Persian plural endings: a text with "کارگران" or "کتاب‌ها" is also found by "کارگر", "کتاب".
# (Longest first; the shortest stem kept is two letters after ها, three after the others.)
_PERSIAN_PLURALS = (("هایی", 2), ("های", 2), ("ها", 2), ("ان", 3), ("ین", 3), ("ات", 3))

# English words whose final "s" is not a plural.
_NOT_PLURALS = frozenset({"news", "always", "perhaps", "series", "whereas", "towards", "afterwards"})

# At most this many words of a query are looked up; a longer query is cut.
MAX_QUERY_TERMS = 12


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN_DIGITS)


def to_persian_digits(text: str) -> str:
    return str(text).translate(_TO_PERSIAN_DIGITS)


def strip_diacritics(text: str) -> str:
    # Decompose, then drop combining marks: Arabic harakat and Latin accents alike.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _punctuation_to_spaces(text: str) -> str:
    # Punctuation and symbols (Persian ، ؛ ؟ « » included) separate words: both search
    # engines then see the same words, whatever their tokenizer thinks of "،".
    return "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in text)


def normalise_for_search(text: str) -> str:
    """Fold text so that the ways people type the same Persian word compare equal."""
    if not text:
        return ""
    text = _INVISIBLES.sub("", str(text))
    text = strip_diacritics(text)
    text = text.translate(_LETTER_FOLDS)
    text = to_latin_digits(text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _punctuation_to_spaces(text)
    return _SPACES.sub(" ", text).strip()


def english_singular(word: str) -> str:
    """The singular of a plain English plural ("workers" -> "worker"); other words unchanged.

    Deliberately small: a full stemmer would also need to be applied identically by both
    databases, and plural/singular is what readers expect to be matched.
    """
    if len(word) <= 3 or not (word.isascii() and word.isalpha()) or word in _NOT_PLURALS:
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _is_persian_word(word: str) -> bool:
    return bool(word) and not word.isascii() and word.isalpha()


def persian_stems(word: str) -> list[str]:
    """The word without a final ی (ezafe, adjective) and without a plural ending.

    "سندیکای" -> ["سندیکا"], "کارگران" -> ["کارگر"], "کارگری" -> ["کارگر"]. Only ever added
    to the indexed text beside the word, never used on queries: a wrong cut ("ایران" -> "ایر")
    then costs nothing but an unlikely extra match.
    """
    stems = []
    if not _is_persian_word(word):
        return stems
    if word.endswith("ی") and len(word) > 3 and not word.endswith(("های", "هایی")):
        word = word[:-1]
        stems.append(word)
    for ending, shortest in _PERSIAN_PLURALS:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            stems.append(word[: -len(ending)])
            break
    return stems


def search_document(text: str) -> str:
    """The words under which a text is indexed.

    The folded words, then the spellings a reader may type for Persian words that carry a
    ZWNJ or a detached affix: "می‌خواهیم" is found by "میخواهیم" and by "می خواهیم", and
    Persian words without their plural or ی ending: "کارگران" and "کارگری" are found by "کارگر".
    """
    words = normalise_for_search(text).split()
    split_words = normalise_for_search(str(text or "").replace(ZWNJ, " ")).split()
    extras = list(split_words)  # repeats of `words` are dropped below
    for before, after in zip(split_words, split_words[1:], strict=False):
        if (before in _PERSIAN_PREFIXES and _is_persian_word(after)) or (
            after in _PERSIAN_SUFFIXES and _is_persian_word(before)
        ):
            extras.append(before + after)
    extras.extend(stem for word in words + extras for stem in persian_stems(word))
    seen = set(words)
    unique_extras = []
    for word in extras:
        if word not in seen:
            seen.add(word)
            unique_extras.append(word)
    return " ".join(english_singular(word) for word in words + unique_extras)


def search_terms(query: str) -> list[str]:
    """The words of a query, folded like `search_document`, without repeats, at most MAX_QUERY_TERMS."""
    terms = []
    for word in normalise_for_search(query).split():
        term = english_singular(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_QUERY_TERMS]


# Characters that change how text is shown without being seen: the bidi embeddings, overrides
# and isolates (U+202E turns "gnp.exe" into "exe.png"), the directional marks, zero-width
# spaces and joiners, the word joiner and the byte-order mark.
_HIDDEN_CONTROLS = frozenset(
    "\u061c\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)


def _is_joining_letter(ch: str) -> bool:
    # The letters a ZWNJ may sit between: Persian and Arabic script, not Latin.
    return bool(ch) and not ch.isascii() and unicodedata.category(ch)[0] in ("L", "M")


def clean_line(text: str) -> str:
    """One line of text as a person meant it: hidden bidi and zero-width controls removed, other
    control characters and line breaks turned into spaces, spaces collapsed.

    A zero-width non-joiner is kept where Persian needs it, between two letters of a joining
    script ("می‌خواهم"); anywhere else it is hidden and removed.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    kept = []
    for index, ch in enumerate(text):
        if ch in _HIDDEN_CONTROLS:
            continue
        if ch == ZWNJ:
            before, after = text[index - 1 : index], text[index + 1 : index + 2]
            if _is_joining_letter(before) and _is_joining_letter(after):
                kept.append(ch)
            continue
        category = unicodedata.category(ch)
        if category == "Cf":  # other invisible format characters (soft hyphen, ...)
            continue
        # Line breaks and other controls become spaces (then collapsed, as the line separators are).
        kept.append(" " if category == "Cc" else ch)
    return _SPACES.sub(" ", "".join(kept)).strip()


def clean_text(text: str) -> str:
    """Several lines of text (a message): like `clean_line` for each line, line breaks kept."""
    if not text:
        return ""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(clean_line(line) for line in lines).strip()


def has_hidden_controls(text: str) -> bool:
    """True when `text` holds a character that `clean_line` would remove or replace."""
    return bool(text) and clean_line(text) != _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


# Block-level tags end a word: "<p>a</p><p>b</p>" is "a b", not "ab".
_BLOCK_TAG = re.compile(r"(</?(?:p|h[1-6]|li|ul|ol|blockquote|div|br|hr|td|th|tr)\b)", re.IGNORECASE)


def html_text(value):
    """The words of an HTML fragment, entities decoded."""
    return html.unescape(strip_tags(_BLOCK_TAG.sub(r" \1", value)))
