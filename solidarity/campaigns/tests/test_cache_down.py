"""Signing and confirming while the shared cache (Redis) does not answer: a restart in a surge."""

from datetime import timedelta

import pytest

from solidarity.campaigns import services
from solidarity.campaigns.models import Signature

from .conftest import link_in, path_of, signing_data

# Nothing listens on port 1: every connection is refused, as while Redis restarts.
REDIS_DOWN = {"BACKEND": "solidarity.core.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}


@pytest.fixture
def redis_down(settings):
    """Makes the shared cache unreachable; calling what it returns brings it back."""
    working = settings.CACHES
    settings.CACHES = {"default": REDIS_DOWN}
    return lambda: setattr(settings, "CACHES", working)


def test_a_signature_is_stored_and_thanked_while_the_cache_does_not_answer_and_its_email_goes_out_after(
        client, campaign, smtp_server, after_commit, redis_down):
    with after_commit():
        response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())

    assert response.status_code == 302
    assert response["Location"] == f"/en/campaigns/{campaign.slug}/thanks/"
    assert Signature.objects.get().status == Signature.Status.PENDING
    assert smtp_server.messages == []  # its task could not be queued: the queue's key is in the cache

    redis_down()  # back: the sweeper (resend_lost_confirmations) sends what was left waiting
    with after_commit():
        assert services.resend_lost_confirmations(older_than=timedelta(0)) == 1
    (message,) = smtp_server.messages
    assert message["To"] == "jane@union.example"


def test_a_signature_is_confirmed_while_the_cache_does_not_answer(client, campaign, smtp_server, after_commit,
                                                                 settings):
    with after_commit():
        client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())
    path = path_of(link_in(smtp_server.messages[-1], "/confirm/"))

    settings.CACHES = {"default": REDIS_DOWN}
    assert "Confirm my signature" in client.get(path).content.decode()
    with after_commit():
        response = client.post(path)

    assert response.status_code == 303
    page = client.get(response["Location"])
    assert "1 person has signed so far" in page.content.decode()  # counted from the database
    assert Signature.objects.get().status == Signature.Status.CONFIRMED
