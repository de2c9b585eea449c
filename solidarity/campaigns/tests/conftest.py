import pytest

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign


@pytest.fixture(autouse=True)
def _own_cache(private_cache):
    """Rate-limit counters, cached counts and campaigns start afresh in every test."""
    services.forget_access_rules()
    services.forget_signing_campaigns()


@pytest.fixture
def campaign(db):
    return make_campaign()


def signing_data(**overrides):
    return {
        "name": "Jane Worker",
        "name_shown": "full",
        "email": "jane@union.example",
        "country": "GB",
        "organisation": "Local 4400",
        "website": "",
        **overrides,
    }


def sign(campaign, **overrides):
    """A signature through the service, as the signing form would pass it on."""
    fields = {
        "name": "Jane Worker",
        "email": "jane@union.example",
        "country": "GB",
        "language": "en",
        "ip": "203.0.113.7",
        **overrides,
    }
    return services.sign(campaign, **fields)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """`with after_commit():` runs what would run once the transaction commits (the e-mail queue)."""
    from functools import partial

    return partial(django_capture_on_commit_callbacks, execute=True)


def plain_text(message):
    return message.get_body(("plain",)).get_content()


def html_text(message):
    return message.get_body(("html",)).get_content()


def link_in(message, fragment):
    """The first address in a received e-mail's plain text that contains `fragment`."""
    import re

    for url in re.findall(r"https?://\S+", plain_text(message)):
        if fragment in url:
            return url
    raise AssertionError(f"No link with {fragment!r} in:\n{plain_text(message)}")


def path_of(url):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
