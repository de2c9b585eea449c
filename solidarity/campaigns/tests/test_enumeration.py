"""Nobody learns from our answers who signed or endorsed: the answer to signing (with or
without a protest message and a letter) and to endorsing is the same for a new address and
one we already hold, from a connection within its limits and from one past them, and both
leave the e-mail to the worker."""

import re

import pytest

from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Endorsement, Signature

from .conftest import signing_data

KNOWN = "known@union.example"


@pytest.fixture
def campaign(db):
    return make_campaign(protest_enabled=True, letter_enabled=True, endorsement_enabled=True)


def sign_url(campaign):
    return f"/en/campaigns/{campaign.slug}/sign/"


def answer(response, address):
    """What the visitor sees: the status, where it leads and the page, with the address they
    typed and the form's one-time values set aside."""
    body = response.content.decode().replace(address, "ADDRESS")
    body = re.sub(r'name="pow_challenge" value="[^"]*"', "", body)
    return response.status_code, response.get("Location"), body


@pytest.mark.parametrize("confirmed", [False, True])
def test_signing_with_a_known_address_is_answered_exactly_like_a_new_one(client, campaign, confirmed):
    make_signature(campaign, email=KNOWN, confirmed=confirmed)

    new = client.post(sign_url(campaign), signing_data(email="new@union.example"), REMOTE_ADDR="198.51.100.1")
    known = client.post(sign_url(campaign), signing_data(email=KNOWN), REMOTE_ADDR="198.51.100.2")

    assert answer(new, "new@union.example") == answer(known, KNOWN)
    assert new.status_code == 302
    assert "letter" not in new["Location"]


def test_a_limited_connection_is_refused_the_same_way_whether_the_address_is_known_or_new(client, campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 1
    make_signature(campaign, email=KNOWN)
    client.post(sign_url(campaign), signing_data(email="first@union.example"), REMOTE_ADDR="198.51.100.7")

    known = client.post(sign_url(campaign), signing_data(email=KNOWN), REMOTE_ADDR="198.51.100.7")
    new = client.post(sign_url(campaign), signing_data(email="new@union.example"), REMOTE_ADDR="198.51.100.7")

    assert answer(known, KNOWN) == answer(new, "new@union.example")
    assert known.status_code == 429
    assert Signature.objects.count() == 2


def test_a_known_address_and_a_new_one_both_leave_their_e_mail_to_the_worker(client, campaign, smtp_server,
                                                                              django_capture_on_commit_callbacks):
    make_signature(campaign, email=KNOWN)

    with django_capture_on_commit_callbacks() as new_tasks:
        client.post(sign_url(campaign), signing_data(email="new@union.example"), REMOTE_ADDR="198.51.100.1")
    with django_capture_on_commit_callbacks() as known_tasks:
        client.post(sign_url(campaign), signing_data(email=KNOWN), REMOTE_ADDR="198.51.100.2")

    assert (len(new_tasks), len(known_tasks)) == (1, 1)
    assert smtp_server.messages == []  # nothing sent while the visitor waits


def endorsement_data(email):
    return {"organisation_name": "Local 1", "representative_name": "Sam Rivera", "representative_role": "Chair",
            "email": email, "country": "CA", "website": ""}


@pytest.mark.parametrize("confirmed", [False, True])
def test_endorsing_with_a_known_address_is_answered_exactly_like_a_new_one(client, campaign, confirmed,
                                                                           django_capture_on_commit_callbacks):
    Endorsement.objects.create(campaign=campaign, organisation_name="Local 1", representative_name="Sam",
                               representative_role="Chair", email=KNOWN, country="CA",
                               confirmed_at="2026-01-01T00:00:00Z" if confirmed else None)
    url = f"/en/campaigns/{campaign.slug}/endorse/"

    with django_capture_on_commit_callbacks() as new_tasks:
        new = client.post(url, endorsement_data("new@union.example"), REMOTE_ADDR="198.51.100.1")
    with django_capture_on_commit_callbacks() as known_tasks:
        known = client.post(url, endorsement_data(KNOWN), REMOTE_ADDR="198.51.100.2")

    assert answer(new, "new@union.example") == answer(known, KNOWN)
    assert new.status_code == 302
    assert (len(new_tasks), len(known_tasks)) == (1, 1)
