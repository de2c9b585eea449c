"""A rendered page made fit for a static copy: every link to the live site becomes a relative
link to the baked file, forms (which need the live site) become a box saying where to act,
scripts go (the site works without them, and a copy must not call anywhere)."""

import re

from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .links import relative_link

# Attributes that hold one address, by element.
LINK_ATTRIBUTES = {
    "a": "href", "area": "href", "link": "href", "img": "src", "source": "src", "script": "src",
    "iframe": "src", "embed": "src", "object": "data", "audio": "src", "video": "src", "track": "src",
}
SRCSET_ELEMENTS = ("img", "source")
# The <meta> properties that carry the live page's own address (no use on a copy).
ADDRESS_META = ("og:url", "og:image", "twitter:image")  # and og:image:alt, ...
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def page_links(markup):
    """Every address a page refers to (links, pictures, styles, form targets)."""
    soup = BeautifulSoup(markup, "html.parser")
    found = []
    for tag in soup.find_all(True):
        names = {LINK_ATTRIBUTES.get(tag.name)}
        if tag.name in ("a", "image", "use"):
            # SVG's links (the network map) and pictures, in either spelling.
            names |= {"href", "xlink:href"}
        found.extend(tag[name] for name in names if name and tag.get(name))
        if tag.name in SRCSET_ELEMENTS and tag.get("srcset"):
            found.extend(_srcset_urls(tag["srcset"]))
    return found


def css_links(text):
    return [match.group(2) for match in CSS_URL.finditer(text)]


def _srcset_urls(srcset):
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


class PageRewriter:
    """Rewrites one page (`file`, relative to the folder's root) with `resolve(link)`, which
    gives the baked file a link on this page names, None when the link names the live site but
    nothing was baked for it, or False when it names somewhere else (left alone)."""

    def __init__(self, *, file, page_path, resolve, language, live_base, onion_base="", sign_by_email=""):
        self.file = file
        self.page_path = page_path
        self.resolve = resolve
        self.language = language
        self.live_base = live_base.rstrip("/")
        self.onion_base = onion_base.rstrip("/")
        self.sign_by_email = sign_by_email

    def rewrite_html(self, markup):
        soup = BeautifulSoup(markup, "html.parser")
        for script in soup.find_all("script"):
            script.decompose()
        for form in soup.find_all("form"):
            form.replace_with(self._box_for(form))
        for meta in soup.find_all("meta"):
            if (meta.get("property") or meta.get("name") or "").startswith(ADDRESS_META):
                meta.decompose()
        for tag in soup.find_all(True):
            self._rewrite_tag(tag)
        return str(soup)

    def rewrite_css(self, text):
        def replace(match):
            target = self.resolve(match.group(2))
            if not target:
                return match.group(0)
            return f'url("{relative_link(self.file, target[0], target[1])}")'

        return CSS_URL.sub(replace, text)

    def _rewrite_tag(self, tag):
        attributes = [LINK_ATTRIBUTES.get(tag.name)]
        if tag.name in ("a", "image", "use"):
            attributes += ["href", "xlink:href"]
        for attribute in {name for name in attributes if name}:
            value = tag.get(attribute)
            if not value:
                continue
            target = self.resolve(value)
            if target is False:
                continue
            if target is None:
                self._unlink(tag, attribute)
                return
            tag[attribute] = relative_link(self.file, target[0], target[1])
        if tag.name in SRCSET_ELEMENTS and tag.get("srcset"):
            candidates = []
            for candidate in tag["srcset"].split(","):
                parts = candidate.split()
                if not parts:
                    continue
                target = self.resolve(parts[0])
                if target is None:
                    continue
                if target:
                    parts[0] = relative_link(self.file, target[0])
                candidates.append(" ".join(parts))
            if candidates:
                tag["srcset"] = ", ".join(candidates)
            else:
                del tag["srcset"]

    def _unlink(self, tag, attribute):
        # A link to something the copy does not hold (a search, a page removed meanwhile): the
        # words stay, the link goes; a stylesheet or feed that is not there goes altogether.
        if tag.name in ("a", "area"):
            del tag[attribute]
        else:
            tag.decompose()

    def _box_for(self, form):
        action = form.get("action") or self.page_path
        method = (form.get("method") or "get").lower()
        if "/sign/" in action:
            kind = "sign"
        elif "/endorse/" in action:
            kind = "endorse"
        elif "/newsletter/" in action:
            kind = "subscribe"
        elif method == "get":
            kind = "search"
        else:
            kind = "write"
        # Where to go instead: the page that holds the form, or the subscription or search page
        # itself; named in words, not linked, since the live site may be what is blocked.
        where = self.page_path
        if kind in ("subscribe", "search") and action.startswith("/"):
            where = action.split("?")[0].split("#")[0]
        with translation.override(self.language):
            markup = render_to_string("mirrors/includes/act_elsewhere.html", {
                "kind": kind,
                "live_url": self.live_base + where,
                "onion_url": (self.onion_base + where) if self.onion_base else "",
                "sign_by_email": self.sign_by_email if kind == "sign" else "",
                "compact": form.get("role") == "search" or kind == "search",
                "site_name": settings.WAGTAIL_SITE_NAME,
            })
        box = BeautifulSoup(markup, "html.parser")
        if form.get("id"):
            box.find("div")["id"] = form["id"]
        return box
