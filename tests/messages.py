"""Reading the e-mails a test received from the real SMTP server (the root conftest's
`smtp_server`): their parts and the links in them."""

import re
from urllib.parse import urlsplit

LINK = re.compile(r"https?://[^\s<>\"]+")


def text_part(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message):
    return message.get_body(preferencelist=("html",)).get_content()


def links_in(message):
    """Every address in the plain-text part."""
    return LINK.findall(text_part(message))


def link_in(message, fragment):
    """The first address in the plain-text part that contains `fragment`."""
    for url in links_in(message):
        if fragment in url:
            return url
    raise AssertionError(f"No link with {fragment!r} in:\n{text_part(message)}")


def path_of(url):
    """The path and query of an absolute address, to ask the test client for it."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
