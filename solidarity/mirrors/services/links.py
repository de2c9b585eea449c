"""Where each address of the live site lives in a baked folder, and the relative link to it.

A baked folder must work from any static host, from a subfolder and opened from a USB stick
(file://), where no server turns "about-us/" into "about-us/index.html". So every page is a
file named in full and every link names that file, relative to the page that links to it.
"""

import hashlib
import mimetypes
import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

# Extensions for answers at an address ending in "/" that are not HTML (feeds, PDFs).
EXTENSIONS = {
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
    "application/pdf": ".pdf",
    "application/json": ".json",
    "text/plain": ".txt",
    "text/css": ".css",
    "image/svg+xml": ".svg",
}
# The query that asks an article for its self-contained download.
DOWNLOAD_QUERY = "download"
OFFLINE_NAME = "offline.html"
_UNSAFE = re.compile(r"[^\w.-]+")


def content_kind(content_type):
    return (content_type or "").split(";")[0].strip().lower()


def is_html(content_type):
    return content_kind(content_type) in ("text/html", "application/xhtml+xml")


def _query_suffix(query):
    """A file-name-safe, stable rendering of a query: "?year=2012&country=CA" and
    "?country=CA&year=2012" name the same file."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    plain = "_".join(f"{key}-{value}" if value else key for key, value in pairs)
    safe = _UNSAFE.sub("-", plain).strip("-")[:80]
    if safe != plain:
        safe = f"{safe}-{hashlib.sha256(plain.encode()).hexdigest()[:8]}"
    return safe or "q"


def file_for(path, query="", content_type="text/html"):
    """The file, relative to the folder's root and unquoted, for the live address `path`
    (with its `query`) answered with `content_type`."""
    path = unquote(path)
    parts = [part for part in path.split("/") if part not in ("", ".", "..")]
    directory = "/".join(parts)
    html = is_html(content_type)
    pairs = dict(parse_qsl(query, keep_blank_values=True))
    if html and list(pairs) == [DOWNLOAD_QUERY]:
        return posixpath.join(directory, OFFLINE_NAME)
    if html and (path.endswith("/") or not parts):
        name = f"index.{_query_suffix(query)}.html" if query else "index.html"
        return posixpath.join(directory, name)
    if not parts:
        return "index.html"
    extension = EXTENSIONS.get(content_kind(content_type)) or mimetypes.guess_extension(content_kind(content_type)) or ""
    if html:
        extension = ".html"
    if query:
        stem, dot, ext = parts[-1].rpartition(".")
        parts[-1] = f"{stem}.{_query_suffix(query)}.{ext}" if dot else f"{parts[-1]}.{_query_suffix(query)}"
    if path.endswith("/"):
        # "/en/feeds/rss/" answered with a feed: "en/feeds/rss.xml".
        return "/".join(parts) + extension
    name = parts[-1]
    if extension and "." not in name:
        return "/".join(parts) + extension
    return "/".join(parts)


def relative_link(from_file, to_file, fragment=""):
    """The link, percent-encoded, from the page `from_file` to `to_file` (both relative to the
    folder's root)."""
    target = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    link = quote(target, safe="/-._~")
    return f"{link}#{fragment}" if fragment else link


class Origin:
    """The addresses that name the live site: its path-only links, and absolute ones on the
    hosts it answers on (SITE_URL's, the host the bake asked with, the onion address)."""

    def __init__(self, hosts):
        self.hosts = {host.lower() for host in hosts if host}

    def own_path(self, base_path, link):
        """(path, query, fragment) of `link` found on the page at `base_path` if it names the
        live site; None for another host, a mail address, a fragment alone or a data: URI."""
        link = link.strip()
        if not link or link.startswith("#"):
            return None
        parts = urlsplit(link)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc and parts.netloc.lower() not in self.hosts:
            return None
        path = unquote(parts.path)
        if not parts.scheme and not parts.netloc and not path.startswith("/"):
            if not path:
                path = base_path
            else:
                joined = posixpath.normpath(posixpath.join(posixpath.dirname(base_path), path))
                path = joined + ("/" if path.endswith("/") and joined != "/" else "")
        return path or "/", normal_query(parts.query), parts.fragment


def normal_query(query):
    """One spelling of a query: "?b=2&a=1" and "?a=1&b=2" are the same list."""
    return urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


def host_of(url):
    return urlsplit(url).netloc.lower()
