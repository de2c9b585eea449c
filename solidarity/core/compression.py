"""Pages compressed by the application when no proxy in front compresses them.

Brotli when the browser accepts it, else gzip. Behind nginx with `gzip on` (deploy/), set
COMPRESS_RESPONSES=false and let the proxy do it.

BREACH: a compressed response's length tells an attacker who can make the victim's browser
send many requests whether a guess of a secret in the body matches text they reflected into
it. We never compress a response that carries a CSRF token (every page with a form that
posts: signing, contact, the admin), whether or not it reflects input, since what a page
reflects changes more often than this rule would be reviewed; nor any response to a signed-in
person (staff pages hold private records, and the admin's searches reflect their query). Pages
for anonymous readers without a token (articles, lists, search results, which reflect the
query) hold no secret and are compressed.

A page from the anonymous page cache is the same bytes for everyone: its compressed forms are
kept per process by its ETag, so a surge compresses each page once, not once a request.
"""

import gzip
import re
from collections import OrderedDict

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers

# Below this a compressed body saves less than its headers cost.
MIN_BYTES = 512
COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript|manifest\+json)|image/svg\+xml)")
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
SUFFIX = {"br": "-br", "gzip": "-gz"}
# Compressed bodies of cached pages, by (ETag, encoding), in this process.
MAX_KEPT = 256
_kept = OrderedDict()


def accepted_encoding(header):
    """"br", "gzip" or None: what this Accept-Encoding takes, brotli first."""
    accepted = set()
    for part in (header or "").lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = params.strip()
        if quality.startswith("q=") and quality[2:].strip() in ("0", "0.0", "0.00", "0.000"):
            continue
        accepted.add(name.strip())
    if "br" in accepted:
        return "br"
    if "gzip" in accepted or "*" in accepted:
        return "gzip"
    return None


def compress(content, encoding):
    if encoding == "br":
        # Quality 5: most of brotli's gain at a small part of the cost of its maximum (11).
        return brotli.compress(content, quality=5)
    return gzip.compress(content, compresslevel=6, mtime=0)


def compressible(response):
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and COMPRESSIBLE.match(response.get("Content-Type", ""))
        and len(response.content) >= MIN_BYTES
        and CSRF_FIELD not in response.content
    )


def _signed_in(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _compressed(content, encoding, etag):
    if not etag:
        return compress(content, encoding)
    key = (etag, encoding)
    body = _kept.get(key)
    if body is None:
        body = _kept[key] = compress(content, encoding)
        if len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return body


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.COMPRESS_RESPONSES:
            return self.get_response(request)
        # The ETag we sent named the encoding; the page cache compares the page's own ETag.
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match:
            for suffix in SUFFIX.values():
                if_none_match = if_none_match.replace(f'{suffix}"', '"')
            request.META["HTTP_IF_NONE_MATCH"] = if_none_match
        response = self.get_response(request)
        if response.status_code == 304:
            self._rename_etag(request, response)
            return response
        if not compressible(response) or _signed_in(request):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        encoding = accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING"))
        if encoding is None:
            return response
        body = _compressed(response.content, encoding, response.get("ETag"))
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = encoding
        self._rename_etag(request, response, encoding)
        return response

    @staticmethod
    def _rename_etag(request, response, encoding=None):
        """A compressed body is other bytes than the page: its ETag says which encoding."""
        etag = response.get("ETag")
        if encoding is None:
            encoding = accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING"))
            if encoding is None or not etag:
                return
        if etag and etag.endswith('"'):
            response["ETag"] = f'{etag[:-1]}{SUFFIX[encoding]}"'
