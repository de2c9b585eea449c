"""What a letter asks for, in English or Persian, in the subject or the first lines:

- "latest" (آخرین, تازه‌ترین...): the newest article;
- an article's number ("42", "#42", "article 42", "مقاله ۴۲" in any digits);
- an article's address, from any copy of the site ("https://…/fa/news/…/", a mirror's
  "…/en/news/slug/index.html", or the path alone);
- "help" (راهنما): the help message;
- any other words: a search, the best match is sent.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from solidarity.core.text import normalise_for_search, to_latin_digits

LATEST = {"latest", "last", "newest", "new", "recent", "news", "آخرین", "اخرین", "تازه", "تازه‌ترین", "تازهترین",
          "جدید", "جدیدترین", "اخبار", "خبر"}
HELP = {"help", "info", "راهنما", "کمک", "راهنمایی"}
# Words around a request that change nothing ("send me the latest article please", greetings).
FILLER = {"hello", "hi", "dear", "thanks", "thank", "you", "سلام", "درود", "با", "ممنون", "مرسی", "سپاس", "و",
          "the", "a", "an", "article", "articles", "send", "me", "please", "give", "mail", "مقاله", "لطفا", "لطفاً",
          "را", "بفرستید", "بفرست", "برایم", "برای", "من", "ترین"}
NUMBER = re.compile(r"^(?:(?:no|number|article|nr|شماره|مقاله|خبر)\s*)*(\d{1,9})$")
ADDRESS = re.compile(r"(?:https?://\S+|(?:^|\s)/?(?:en|fa)/\S+)", re.IGNORECASE)
PERSIAN_LETTER = re.compile(r"[\u0600-\u06FF]")
# The keywords folded as the reader's words are (Arabic letter forms, zero-width non-joiners).
LATEST, HELP, FILLER = ({normalise_for_search(word) for word in words} for words in (LATEST, HELP, FILLER))
# Words of a search: letters and digits, at most this many.
SEARCH_WORDS = 8


@dataclass(frozen=True)
class Ask:
    kind: str  # "latest" | "number" | "address" | "search" | "help"
    value: str = ""
    language: str = "en"  # the language the reader wrote in


def language_of(text):
    return "fa" if PERSIAN_LETTER.search(text or "") else "en"


def understand(words):
    """What each line of a letter's words asks (its subject first, then its first lines), in
    order; the help when nothing is asked."""
    language = language_of(words)
    lines = [line.strip() for line in (words or "").splitlines() if line.strip()]
    asks = [ask for ask in (_understand_line(line, language) for line in lines) if ask is not None]
    return asks or [Ask("help", language=language)]


def _understand_line(line, language):
    folded = to_latin_digits(line).strip().strip(".!؟?،,;:").strip()
    lowered = folded.lower()
    if not lowered:
        return None
    address = ADDRESS.search(folded)
    if address:
        path = _path_of(address.group(0).strip())
        if path:
            return Ask("address", path, language)
    words = normalise_for_search(folded).split()
    number = NUMBER.match(" ".join(words))
    if number:
        return Ask("number", str(int(number.group(1))), language)
    for kind, names in (("help", HELP), ("latest", LATEST)):
        if set(words) & names and set(words) <= names | FILLER:
            return Ask(kind, language=language)
    # A search for the words that are not keywords or greetings: "news about the strike" is "strike".
    kept = [word for word in re.sub(r"[^\w\u200c]+", " ", folded).split()
            if normalise_for_search(word) not in FILLER | LATEST | HELP]
    if kept:
        return Ask("search", " ".join(kept[:SEARCH_WORDS]), language)
    return None


def _path_of(address):
    """The site path ("/en/news/slug/") in an address from any copy of the site."""
    path = urlsplit(address).path if "://" in address else address
    path = unquote(path)
    match = re.search(r"/?((?:en|fa)/.*)$", path)
    if not match:
        return ""
    path = "/" + match.group(1)
    for ending in ("index.html", ".html"):
        if path.endswith(ending):
            path = path[: -len(ending)]
    return path if path.endswith("/") else path + "/"
