"""The staff manual (docs/manual/<language>/*.md), served inside the admin so that a site
without internet access has it too. Markdown is rendered with raw HTML turned off: a manual
page can hold text, links and the screenshots next to it (docs/manual/images/<language>/), no
markup of its own. bin/manual-screenshots takes the screenshots from the real admin."""

import re
from pathlib import Path

from django.conf import settings
from django.http import Http404
from markdown_it import MarkdownIt

MANUAL = Path(settings.BASE_DIR) / "docs" / "manual"
LANGUAGES = ("en", "fa")
PAGE = re.compile(r"[a-z][a-z-]*")
IMAGE = re.compile(r"[a-z][a-z0-9-]*\.png")

_renderer = MarkdownIt("commonmark", {"html": False}).enable("table")


def language_of(language):
    return "fa" if (language or "").startswith("fa") else "en"


def page_path(language, name):
    if language not in LANGUAGES or not PAGE.fullmatch(name):
        raise Http404
    path = MANUAL / language / f"{name}.md"
    if not path.is_file():
        raise Http404
    return path


def render(language, name):
    """(title, html) of a manual page; links to the other pages and images stay relative."""
    text = page_path(language, name).read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), name)
    return title, _renderer.render(text)


def pages(language):
    """[(name, title)] of the manual in this language, the index first."""
    found = []
    for path in sorted((MANUAL / language).glob("*.md")):
        first = next((line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.startswith("# ")), path.stem)
        found.append((path.stem, first))
    return sorted(found, key=lambda page: page[0] != "index")


def image_path(language, filename):
    if language not in LANGUAGES or not IMAGE.fullmatch(filename):
        raise Http404
    path = MANUAL / "images" / language / filename
    if not path.is_file():
        raise Http404
    return path
