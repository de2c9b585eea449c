"""Cleaning text taken from the old website: pages converted to text, PDFs, scrapers' output.

Pure functions, no database. The result is a list of blocks (paragraphs and list items) in
reading order, plus what was removed and what was lost (e.g. obfuscated e-mail addresses).
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

# Menu items and footers of the old sites, in both languages. Repetition across pages of one
# site finds the others (see repeated_lines).
NAVIGATION = {
    "about us", "our objectives", "contact us", "home", "news", "links", "archive", "search", "english", "farsi",
    "persian", "newsletter", "statements", "resolutions", "campaigns", "donate", "subscribe", "back", "top",
    "back to top", "print", "print this page", "next", "previous", "main page",
    "درباره ما", "اهداف ما", "تماس با ما", "صفحه اصلی", "خانه", "اخبار", "بایگانی", "جستجو", "انگلیسی", "فارسی",
    "خبرنامه", "بیانیه‌ها", "قطعنامه‌ها",
}
SITE_TITLES = [
    re.compile(r"^international alliance in support of workers in iran(\s*\(iaswi\))?$", re.I),
    re.compile(r"^اتحاد بین[\u200c ]?المللی در حمایت از کارگران در ایران$"),
]
COPYRIGHT = re.compile(r"^(©|\(c\)|copyright\b|all rights reserved|کلیه حقوق)", re.I)
LOST_ADDRESS = re.compile(r"\[\s*email(?:&#160;|\s|\u00a0)*protected\s*\]", re.I)
BULLET = re.compile(r"^\s*(?:[·•▪◦●■\-\*–]|o(?=\s{2,}))\s*")
# Left halves that make compounds: "anti-\nimperialist" is "anti-imperialist", not "antiimperialist".
COMPOUND_LEFT = {
    "anti", "neo", "ever", "broad", "non", "pro", "self", "co", "ex", "post", "pre", "multi", "inter", "well",
    "long", "worker", "workers", "world", "semi", "counter", "cross", "full", "part", "short", "high", "low",
    "mid", "pan", "ultra", "so", "would", "all", "one", "two", "three", "four", "five", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "union", "labour", "labor", "state", "trade",
    "middle", "far", "hard", "year", "day", "life", "under", "over", "law", "man", "woman",
}
TERMINAL = ".!?:;\"”)»؟"
# Lines that stand alone even when a PDF's text has no empty line around them: the parts of a
# letter and of a resolution.
STANDALONE = re.compile(
    r"^(?:(?:dear|to whom)\b.{0,60}[,;:!]|(?:in solidarity|with solidarity|yours|sincerely|"
    r"regards|best wishes|long live|fraternally)\b.{0,60}|(?:submitted|moved|proposed) by\b.*|resolution no\.?\s*\d+|"
    r".{2,80}\bwill:)$",
    re.I,
)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass
class Block:
    kind: str  # "p" or "li"
    text: str
    gap: int = 1  # empty lines before it in the original: a wider gap separates groups of a list

    def as_dict(self):
        return {"kind": self.kind, "text": self.text, "gap": self.gap}


@dataclass
class Cleaned:
    blocks: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    lost_addresses: int = 0

    @property
    def text(self):
        return "\n\n".join(block.text for block in self.blocks)

    def paragraphs(self):
        return [block.text for block in self.blocks]


def normalise_space(text):
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def is_boilerplate(line, *, repeated=frozenset()):
    stripped = line.strip().strip("|").strip()
    key = stripped.lower().rstrip(":")
    if not stripped:
        return False
    if key in NAVIGATION or stripped in repeated:
        return True
    if COPYRIGHT.match(stripped):
        return True
    # "About Us | Our objectives | Contact Us" on one line.
    parts = [p.strip().lower() for p in re.split(r"\s*[|/•·]\s*", stripped) if p.strip()]
    return len(parts) > 1 and all(p in NAVIGATION for p in parts)


def repeated_lines(texts, *, share=0.5, minimum=3):
    """Lines that appear on at least `share` of the pages of one site (and on `minimum` pages):
    menus, headers and footers the old site printed on every page."""
    if len(texts) < minimum:
        return frozenset()
    counts = Counter()
    for text in texts:
        counts.update({line.strip() for line in normalise_space(text).split("\n") if 0 < len(line.strip()) < 80})
    floor = max(minimum, int(len(texts) * share))
    return frozenset(line for line, count in counts.items() if count >= floor)


def _is_double_spaced(lines):
    """A PDF converted to text with an empty line after every line: single empty lines are not breaks."""
    singles = total = 0
    for i, line in enumerate(lines[:-2]):
        if line:
            total += 1
            if lines[i + 1] == "" and lines[i + 2]:
                singles += 1
    unterminated = sum(1 for line in lines if line and line[-1] not in TERMINAL)
    nonempty = sum(1 for line in lines if line)
    return total > 4 and singles / total > 0.4 and unterminated / max(nonempty, 1) > 0.5


def join_hyphenated(left_text, right_text, vocabulary):
    """Joins `left-` at a line's end with the next line: keeps the hyphen of a real compound."""
    left_word = re.search(r"([^\W\d_]+)-$", left_text)
    right_word = re.match(r"([^\W\d_]+)", right_text)
    if not left_word or not right_word:
        return left_text + right_text
    left, right = left_word.group(1), right_word.group(1)
    keep = f"{left}-{right}".lower() in vocabulary["compounds"]
    if not keep and f"{left}{right}".lower() in vocabulary["words"]:
        return left_text[:-1] + right_text
    if not keep:
        keep = (
            right[0].isupper()
            or left.lower() in COMPOUND_LEFT
            or (len(left) >= 3 and len(right) >= 3 and left.lower() in vocabulary["words"]
                and right.lower() in vocabulary["words"])
        )
    return left_text + right_text if keep else left_text[:-1] + right_text


def _vocabulary(text):
    # The halves of words broken at a line's end are not evidence of anything.
    words = {w.lower() for w in WORD.findall(re.sub(r"[^\W\d_]+-[ \t]*\n\s*[^\W\d_]+", " ", text)) if len(w) > 2}
    compounds = {c.lower() for c in re.findall(r"[^\W\d_]+-[^\W\d_]+", text)}
    return {"words": words, "compounds": compounds}


def _join_lines(lines, vocabulary):
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -"):
            text = join_hyphenated(text, line, vocabulary)
        else:
            text = f"{text} {line}"
    return re.sub(r" {2,}", " ", text).strip()


DATE_LINE = re.compile(
    r"^(?:\w+ \d{1,2},? \d{4}|\d{1,2} \w+,? \d{4}|[۰-۹\d]{1,2} \S+ [۰-۹\d]{4})\.?$"
)


def clean(text, *, repeated=frozenset()):
    """The document's blocks, without navigation, boilerplate and scraping artefacts."""
    result = Cleaned()
    result.lost_addresses = len(LOST_ADDRESS.findall(text))
    text = LOST_ADDRESS.sub("", text)
    raw = normalise_space(text).split("\n")
    dropped = [is_boilerplate(line, repeated=repeated) for line in raw]
    # The site's name is a header at the top and a footer above the copyright, but a letter's
    # signature when a date or nothing but boilerplate follows it at the end.
    filled = [i for i, line in enumerate(raw) if line]
    for position, i in enumerate(filled):
        if any(pattern.match(raw[i]) for pattern in SITE_TITLES):
            after = [j for j in filled[position + 1:] if not dropped[j]]
            before = [j for j in filled[:position] if not dropped[j]]
            if not before or (after == [] and any(dropped[j] for j in filled[position + 1:])):
                dropped[i] = True
    lines = []
    for line, drop in zip(raw, dropped, strict=True):
        if drop:
            result.removed.append(line)
            lines.append("")
        else:
            lines.append(line)
    vocabulary = _vocabulary("\n".join(lines))
    double = _is_double_spaced(lines)
    lengths = [len(line) for line in lines if len(line) > 20]
    width = statistics.median(lengths) if lengths else 80

    paragraphs, current, blanks = [], [], 0

    gaps = []

    def flush():
        if current:
            paragraphs.append(list(current))
            current.clear()

    for line in lines:
        if not line:
            blanks += 1
            continue
        breaks = blanks >= (2 if double else 1)
        gap, blanks = blanks, 0
        previous = current[-1] if current else ""
        if (
            breaks
            or BULLET.match(line) and not previous.endswith("-")
            or (previous and len(previous) < 0.6 * width and previous[-1] in TERMINAL + ",")
            or DATE_LINE.match(line) or (previous and DATE_LINE.match(previous))
            or STANDALONE.match(line) or (previous and STANDALONE.match(previous))
            or re.match(r"^(?:re|subject)\s*:", line, re.I)
            # A short line before a capitalised one ends a heading or paragraph (PDFs without blank lines).
            or (previous and len(previous) < 0.6 * width and not previous.endswith("-") and line[:1].isupper())
        ):
            flush()
        if not current:
            gaps.append(gap)
        current.append(line)
    flush()

    for paragraph, gap in zip(paragraphs, gaps, strict=True):
        kind = "p"
        if BULLET.match(paragraph[0]) and len(paragraph[0]) > 2:
            kind = "li"
            paragraph[0] = BULLET.sub("", paragraph[0], count=1)
        joined = _join_lines(paragraph, vocabulary)
        if joined:
            result.blocks.append(Block(kind, joined, gap))
    return result


REMOVED_TAGS = {"script", "style", "noscript", "nav", "head", "form", "iframe"}
CHROME_CLASS = re.compile(r"\b(nav|menu|footer|header|sidebar)\b", re.I)
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "blockquote", "ul", "ol", "table",
              "section", "article", "header", "footer", "center", "font"}


def strip_html(markup):
    """The text of an old page, one block per line with empty lines between, and its <title>."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    # One walk over the elements: a search per kind of element walked the page five times.
    for element in soup.find_all(True):
        if element.decomposed:  # inside a menu or script already removed
            continue
        if element.name in REMOVED_TAGS or CHROME_CLASS.search(" ".join(element.get("class") or ())):
            element.decompose()
        elif element.name == "br":
            element.replace_with("\n")
        else:
            if element.name == "li":
                element.insert(0, "• ")
            if element.name in BLOCK_TAGS:
                element.insert_before("\n\n")
                element.insert_after("\n\n")
    text = soup.get_text()
    # A <br> inside a paragraph is a line of its own (addresses, signatures), a hard break in the page.
    text = re.sub(r"[ \t]*\n[ \t]*\n(?:[ \t]*\n)+", "\n\n\n", text)
    return title, text
