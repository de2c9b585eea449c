"""Share links that are plain addresses: nothing is loaded from another host, and nothing is
asked of it until the reader clicks (no share buttons' scripts, no counters, no pixels)."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    href: str


def share_links(*, url, text, subject=""):
    """The share links for `url` with `text` prefilled, in the current language: e-mail,
    Telegram, WhatsApp, X and Mastodon (mastodon.social's share page lets a reader on another
    server go on to their own)."""
    message = f"{text} {url}"
    mail_query = urlencode({"subject": subject or text, "body": message}, quote_via=quote)
    return [
        ShareLink("email", _("E-mail"), f"mailto:?{mail_query}"),
        ShareLink("telegram", _("Telegram"), "https://t.me/share/url?" + urlencode({"url": url, "text": text}, quote_via=quote)),
        ShareLink("whatsapp", _("WhatsApp"), "https://wa.me/?" + urlencode({"text": message}, quote_via=quote)),
        ShareLink("x", _("X (Twitter)"), "https://x.com/intent/post?" + urlencode({"text": text, "url": url}, quote_via=quote)),
        ShareLink("mastodon", _("Mastodon"), "https://mastodon.social/share?" + urlencode({"text": message}, quote_via=quote)),
    ]


def absolute_url(request, path):
    """`path` on this site's own address, as its pages' canonical links give it (the site's
    root URL, not the Host header a request happened to carry)."""
    if path.startswith(("http://", "https://")):
        return path
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site:
        # The request's Site: on the onion host, a copy with the onion's root URL (core/onion.py).
        return site.root_url.rstrip("/") + path
    return request.build_absolute_uri(path)
