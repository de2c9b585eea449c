import pytest

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign
from tests.messages import html_part as html_text  # noqa: F401 (for the tests here)
from tests.messages import link_in, path_of  # noqa: F401
from tests.messages import text_part as plain_text  # noqa: F401


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


