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

ORDER = ["index", "editors", "translators", "campaigners", "coordinators", "administrators"]

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
    """(title, html) of a manual page, the title apart; links to the other pages and images
    stay relative."""
    lines = page_path(language, name).read_text(encoding="utf-8").splitlines()
    first = next((index for index, line in enumerate(lines) if line.startswith("# ")), None)
    if first is None:
        return name, _renderer.render("\n".join(lines))
    # The title goes in the admin's header; the page's body starts after it.
    return lines[first][2:].strip(), _renderer.render("\n".join(lines[:first] + lines[first + 1:]))


def pages(language):
    """[(name, title)] of the manual in this language, the index first."""
    found = []
    for path in sorted((MANUAL / language).glob("*.md")):
        first = next((line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines()
                      if line.startswith("# ")), path.stem)
        found.append((path.stem, first))
    return sorted(found, key=lambda page: (ORDER.index(page[0]) if page[0] in ORDER else len(ORDER), page[0]))


def image_path(language, filename):
    if language not in LANGUAGES or not IMAGE.fullmatch(filename):
        raise Http404
    path = MANUAL / "images" / language / filename
    if not path.is_file():
        raise Http404
    return path
