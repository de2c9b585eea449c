"""An issue as e-mail: HTML (inline styles, right-to-left in Persian, nothing fetched from
anywhere) and plain text.

The body is the same for every reader of a language, so it is rendered once per issue and the
per-reader parts (unsubscribe and preferences links) are markers replaced by plain string
joins: 100,000 messages cost 100,000 joins, not 100,000 template renders.
"""

import html
import re
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.rich_text import expand_db_html

from solidarity.core.i18n import is_persian, is_rtl
from solidarity.core.text import clean_line, to_persian_digits

# Markers that HTML escaping, wrapping and the text conversion all leave alone.
UNSUBSCRIBE = "NLMARKunsubscribeNL"
PREFERENCES = "NLMARKpreferencesNL"
_MARKERS = re.compile(f"({UNSUBSCRIBE}|{PREFERENCES})")

# RFC 5321 allows 998 octets a line; we stay well under it so a link put in a line still fits.
MAX_LINE_BYTES = 800
TEXT_WIDTH = 76


def absolute(url):
    """Links in mail must work outside the site: "/en/..." becomes SITE_URL + "/en/..."."""
    if url and url.startswith("/") and not url.startswith("//"):
        return settings.SITE_URL + url
    return url


_RELATIVE_LINK = re.compile(r'(href|src)="(/(?!/)[^"]*)"')


def rich_text_html(value):
    """Stored rich text as HTML with every link absolute."""
    if not value:
        return ""
    return _RELATIVE_LINK.sub(lambda m: f'{m.group(1)}="{settings.SITE_URL}{m.group(2)}"', expand_db_html(value))


class _TextConverter(HTMLParser):
    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self.current = []
        self.href = None

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "br":
            self.flush()
        elif tag == "li":
            self.flush()
            self.current.append("- ")
        elif tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS or tag == "li":
            self.flush()
        elif tag == "a" and self.href:
            if self.href.startswith(("http://", "https://", "mailto:")):
                self.current.append(f" <{self.href}>")
            self.href = None

    def handle_data(self, data):
        self.current.append(data)


def html_to_text(markup):
    """Rich text as wrapped plain-text paragraphs, links written out after their words."""
    converter = _TextConverter()
    converter.feed(markup or "")
    converter.close()
    converter.flush()
    return "\n\n".join(wrap(paragraph) for paragraph in converter.paragraphs)


def wrap(text, width=TEXT_WIDTH):
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)) or text


def fold_long_lines(text, limit=MAX_LINE_BYTES):
    """Break lines longer than `limit` bytes at spaces (where HTML and text read the same)."""
    lines = []
    for line in text.splitlines():
        if len(line.encode()) <= limit:
            lines.append(line)
            continue
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and len(candidate.encode()) > limit:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return "\n".join(lines)


def join_short_lines(markup, limit=MAX_LINE_BYTES):
    """HTML reads the same with its lines joined: fewer, longer lines (up to `limit` bytes) make
    a message that every SMTP server on the way handles line by line cheaper to carry."""
    lines, current = [], ""
    for line in fold_long_lines(markup, limit).splitlines():
        line = line.strip()
        if not line:
            continue
        candidate = f"{current} {line}" if current else line
        if current and len(candidate.encode()) > limit:
            lines.append(current)
            current = line
        else:
            current = candidate
    lines.append(current)
    return "\n".join(lines)


@dataclass
class RenderedIssue:
    """One issue in one language, ready to be personalised for each reader."""

    language: str
    subject: str
    list_name: str
    html_parts: list
    text_parts: list

    def personalise(self, *, unsubscribe_url, preferences_url):
        links = {UNSUBSCRIBE: html.escape(unsubscribe_url), PREFERENCES: html.escape(preferences_url)}
        plain = {UNSUBSCRIBE: unsubscribe_url, PREFERENCES: preferences_url}
        return (
            "".join(links.get(part, part) for part in self.html_parts),
            "".join(plain.get(part, part) for part in self.text_parts),
        )


def issue_context(issue, *, web=False):
    items = list(issue.items.all())
    for item in items:
        item.body_html = rich_text_html(item.body)
    return {
        "issue": issue,
        "items": items,
        "contents": [item for item in items if item.title],
        "introduction": rich_text_html(issue.introduction),
        "rtl": is_rtl(issue.language),
        "web": web,
        "site_url": settings.SITE_URL,
    }


def subject_for(issue):
    """Plain text on one line: never HTML-escaped, no line break or hidden control in a header."""
    digits = to_persian_digits if is_persian(issue.language) else str
    with translation.override(issue.language):
        return clean_line(translation.gettext("%(title)s — Volume %(volume)s, Number %(number)s") % {
            "title": issue.display_title, "volume": digits(issue.volume), "number": digits(issue.number),
        })


def render_issue(issue):
    """The issue's e-mail in its own language, with markers where each reader's links go."""
    with translation.override(issue.language):
        context = {
            **issue_context(issue),
            "unsubscribe_url": UNSUBSCRIBE,
            "preferences_url": PREFERENCES,
            "subject": subject_for(issue),
        }
        markup = join_short_lines(render_to_string("newsletter/email/issue.html", context))
        context["introduction_text"] = html_to_text(context["introduction"])
        for item in context["items"]:
            item.body_text = html_to_text(item.body_html)
        text = render_to_string("newsletter/email/issue.txt", context)
        text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return RenderedIssue(
        language=issue.language,
        subject=context["subject"],
        list_name=issue.display_title,
        html_parts=_MARKERS.split(markup),
        text_parts=_MARKERS.split(fold_long_lines(text)),
    )
