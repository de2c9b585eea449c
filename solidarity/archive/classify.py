"""What kind of document an old page is, and its language. Pure functions on cleaned text."""

import re

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z]")

NEWS, STATEMENT, RESOLUTION, LETTER, NEWSLETTER = "news", "statement", "resolution", "letter", "newsletter"
KINDS = [NEWS, STATEMENT, RESOLUTION, LETTER, NEWSLETTER]

_SIGNS = {
    NEWSLETTER: [r"\bnewsletter\b", r"\bin this issue\b", r"\bvol(?:ume|\.)\s*\d+.{0,20}\b(?:no\.|number|issue)\s*\d+",
                 r"خبرنامه", r"در این شماره"],
    RESOLUTION: [r"\bresolution\s+(?:no\.?|number|#)\s*\d+", r"\bbe it (?:therefore )?resolved\b",
                 r"^[^\n]{0,80}\bwill:\s*$", r"قطعنامه\s*(?:شماره|ی شماره)"],
    LETTER: [r"^(?:dear|to)\s+[^\n]{0,60}[,;:]\s*$", r"^re:\s", r"\bsolidarity message\b", r"^(?:in solidarity|yours|sincerely)\b",
             r"^(?:رفقای|دوستان|همکاران)\s[^\n]{0,40}(?:گرامی|عزیز)", r"پیام همبستگی"],
    STATEMENT: [r"\bstatement\b", r"\bwe (?:strongly )?condemn\b", r"\bwe demand\b", r"\bwe call (?:on|upon)\b",
                r"بیانیه", r"محکوم می‌?کنیم"],
}


def detect_language(text):
    """Persian when most letters are in Arabic script."""
    persian = len(ARABIC_SCRIPT.findall(text))
    latin = len(LATIN.findall(text))
    return "fa" if persian > latin else "en"


def scores(text):
    return {
        # How many different signs, not how often one repeats.
        kind: sum(1 for pattern in patterns if re.search(pattern, text, re.I | re.M))
        for kind, patterns in _SIGNS.items()
    }


def classify(text, *, title=""):
    """(kind, confidence) where confidence is "sure" or "unsure"."""
    found = scores(f"{title}\n{text}")
    head = f"{title}\n{text[:400]}"
    if found[NEWSLETTER] and re.search(r"newsletter|خبرنامه|in this issue|در این شماره", head, re.I):
        return NEWSLETTER, "sure"
    if found[LETTER] >= 2:
        return LETTER, "sure"
    if found[RESOLUTION]:
        return RESOLUTION, "sure" if found[RESOLUTION] >= 2 else "unsure"
    # One sign alone ("a solidarity message was sent") makes a letter only if it opens like one.
    if found[LETTER] and re.search(_SIGNS[LETTER][0] + "|" + _SIGNS[LETTER][1] + "|" + _SIGNS[LETTER][4], text,
                                   re.I | re.M):
        return LETTER, "unsure"
    if found[STATEMENT]:
        return STATEMENT, "sure" if found[STATEMENT] >= 2 or re.search(r"statement|بیانیه", head, re.I) else "unsure"
    return NEWS, "sure" if len(text) > 200 else "unsure"
