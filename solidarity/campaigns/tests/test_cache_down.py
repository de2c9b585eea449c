"""Signing and confirming while Redis (the shared cache, the task queue) does not answer: a restart
in a surge."""

from datetime import timedelta

from solidarity.campaigns import services
from solidarity.campaigns.models import Signature
from tests.redisserver import REFUSED_REDIS_CACHE

from .conftest import link_in, path_of, signing_data


def test_a_signature_is_stored_and_thanked_while_the_cache_does_not_answer_and_its_email_goes_out_after(
        client, campaign, smtp_server, after_commit, settings):
    working = settings.CACHES
    settings.CACHES = {"default": REFUSED_REDIS_CACHE}
    with after_commit():
        response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())

    assert response.status_code == 302
    assert response["Location"] == f"/en/campaigns/{campaign.slug}/thanks/"
    assert Signature.objects.get().status == Signature.Status.PENDING
    assert smtp_server.messages == []  # its task could not be queued: the queue's key is in the cache

    settings.CACHES = working  # Redis back: the sweeper (resend_lost_confirmations) sends what waited
    with after_commit():
        assert services.resend_lost_confirmations(older_than=timedelta(0)) == 1
    (message,) = smtp_server.messages
    assert message["To"] == "jane@union.example"


def test_a_signature_is_confirmed_while_the_cache_does_not_answer(client, campaign, smtp_server, after_commit,
                                                                 settings):
    with after_commit():
        client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())
    path = path_of(link_in(smtp_server.messages[-1], "/confirm/"))

    settings.CACHES = {"default": REFUSED_REDIS_CACHE}
    assert "Confirm my signature" in client.get(path).content.decode()
    with after_commit():
        response = client.post(path)

    assert response.status_code == 303
    page = client.get(response["Location"])
    assert "1 person has signed so far" in page.content.decode()  # counted from the database
    assert Signature.objects.get().status == Signature.Status.CONFIRMED


def test_a_signature_is_thanked_as_stored_when_the_queue_refuses_its_email_task(client, campaign, after_commit,
                                                                               monkeypatch, caplog):
    from solidarity.campaigns import tasks

    def queue_down(task, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(type(tasks.send_waiting_confirmations_task), "enqueue", queue_down)
    with after_commit():
        response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())

    assert response.status_code == 302
    assert response["Location"] == f"/en/campaigns/{campaign.slug}/thanks/"
    assert Signature.objects.get().status == Signature.Status.PENDING  # the sweeper sends its e-mail
    assert "Connection refused" in caplog.text
