import pytest

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign


@pytest.fixture(autouse=True)
def _own_cache(private_cache):
    """Rate-limit counters and cached counts start empty in every test."""
    services.forget_access_rules()


@pytest.fixture
def campaign(db):
    return make_campaign()


def signing_data(**overrides):
    return {
        "name": "Jane Worker",
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
