"""A send interrupted (a crash in the worker, the SMTP server going away, a killed worker
process) carries on when resumed: every reader gets the issue exactly once."""

import collections
import os
import signal
import subprocess
import sys
import time

import pytest

from solidarity.newsletter import sending, services
from solidarity.newsletter.models import Delivery, Send
from tests.mailserver import LocalSMTPServer
from tests.processes import process_env

from .conftest import make_list, make_pair, make_subscriber, run_send

READERS = 30


def received_counts(smtp_server):
    return collections.Counter(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes)


def readers(count=READERS):
    newsletter = make_list()
    emails = [f"reader{number:02d}@example.org" for number in range(count)]
    for email in emails:
        make_subscriber(email, lists=[newsletter])
    return newsletter, emails


def assert_each_once(smtp_server, emails):
    counts = received_counts(smtp_server)
    assert sorted(counts) == sorted(emails)
    assert set(counts.values()) == {1}


def test_an_exception_in_the_middle_of_a_batch_is_resumed_without_duplicates_or_gaps(db, smtp_server, settings,
                                                                                     monkeypatch):
    settings.NEWSLETTER_BATCH_SIZE = 20
    en, _fa = make_pair()
    newsletter, emails = readers()
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    real_transmit = sending.transmit
    calls = []

    def crash_at_the_eighth(*args, **kwargs):
        calls.append(1)
        if len(calls) == 8:
            raise RuntimeError("the worker crashed")
        return real_transmit(*args, **kwargs)

    monkeypatch.setattr(sending, "transmit", crash_at_the_eighth)
    with pytest.raises(RuntimeError):
        services.process_send(send=send)

    assert len(smtp_server.messages) == 7
    # The worker survived its exception: it gave its batch back to the queue on the way out.
    assert Delivery.objects.filter(state=Delivery.State.SENDING).count() == 0
    assert Delivery.objects.filter(state=Delivery.State.QUEUED).count() == READERS - 7
    monkeypatch.setattr(sending, "transmit", real_transmit)

    result = services.process_send(send=send)

    assert result.sent == READERS - 7
    assert_each_once(smtp_server, emails)
    send.refresh_from_db()
    assert send.status == Send.Status.SENT


def test_the_smtp_server_going_down_after_some_messages_stops_the_run_and_resuming_sends_the_rest_once(
        db, smtp_server, monkeypatch):
    en, _fa = make_pair()
    newsletter, emails = readers()
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    real_mark_sent = sending.mark_sent
    marked = []

    def server_goes_down_after_twelve(*args, **kwargs):
        real_mark_sent(*args, **kwargs)
        marked.append(1)
        if len(marked) == 12:
            smtp_server.down()

    monkeypatch.setattr(sending, "mark_sent", server_goes_down_after_twelve)
    result = services.process_send(send=send)

    assert result.outcome == "server-unavailable"
    assert len(smtp_server.messages) == 12
    assert send.progress()["remaining"] == READERS - 12
    assert Delivery.objects.filter(state=Delivery.State.SENDING).count() == 0

    smtp_server.up()
    result = services.process_send(send=send)

    assert result.sent == READERS - 12
    assert_each_once(smtp_server, emails)


def test_a_server_refusing_mail_for_now_leaves_the_messages_queued_for_later(db, smtp_server):
    en, _fa = make_pair()
    newsletter, emails = readers(5)
    smtp_server.reject = True

    result = run_send(services.create_send(issue=en, lists=[newsletter]))

    assert result.outcome == "server-unavailable"
    assert smtp_server.messages == []
    assert Delivery.objects.filter(state=Delivery.State.QUEUED).count() == 5
    assert set(Delivery.objects.filter(attempts=1).values_list("email", flat=True)) == set(emails[:3])
    smtp_server.reject = False
    services.process_send(send=Send.objects.get())
    assert_each_once(smtp_server, emails)


class HoldingSMTPServer(LocalSMTPServer):
    """Answers RCPT for the first `release_after` messages, then keeps the next one waiting
    (before its DATA) until `release()`: a worker can be killed mid-conversation."""

    def __init__(self, release_after):
        super().__init__()
        self.release_after = release_after
        self.held = False
        self.released = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        import asyncio

        if len(self.messages) >= self.release_after:
            self.held = True
            while not self.released:
                await asyncio.sleep(0.02)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def release(self):
        self.released = True


def test_a_killed_worker_process_leaves_no_reader_twice_and_none_out_once_its_claim_expires(
        committed_db, settings):
    en, _fa = make_pair()
    newsletter, emails = readers()
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    server = HoldingSMTPServer(release_after=11)
    server.up()
    try:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "send_newsletter", str(send.pk)], cwd=settings.BASE_DIR,
            env=process_env(EMAIL_HOST=server.host, EMAIL_PORT=str(server.port), SITE_URL=settings.SITE_URL),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while not server.held and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.05)
        assert server.held, worker.stderr.read() if worker.poll() is not None else "worker never reached the 12th"
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        server.release()
        time.sleep(0.2)

        assert len(server.messages) == 11
        assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 11
        assert Delivery.objects.filter(state=Delivery.State.SENDING).count() == READERS - 11
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        # A worker that died is known only by its silence: until the lease is over its rows wait.
        assert services.process_send(send=send).sent == 0
        settings.NEWSLETTER_CLAIM_LEASE_SECONDS = 0

        result = services.process_send(send=send)
    finally:
        server.release()
        server.down()

    assert result.sent == READERS - 11
    assert_each_once(server, emails)
    send.refresh_from_db()
    assert send.status == Send.Status.SENT


def test_a_worker_whose_claim_was_taken_back_stops_before_sending_anything_twice(db, smtp_server, settings,
                                                                                 monkeypatch):
    settings.NEWSLETTER_BATCH_SIZE = 10
    en, _fa = make_pair()
    newsletter, emails = readers(10)
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    real_mark_sent = sending.mark_sent
    marked = []

    def slow_worker_loses_its_claim(*args, **kwargs):
        marked.append(1)
        if len(marked) == 4:
            # This worker stalled past the lease: another one took its rows back.
            sending.release_stale_claims(send.pk, lease_seconds=0)
        real_mark_sent(*args, **kwargs)

    monkeypatch.setattr(sending, "mark_sent", slow_worker_loses_its_claim)
    result = services.process_send(send=send)

    assert result.outcome == "claim-lost"
    assert len(smtp_server.messages) == 4
    monkeypatch.setattr(sending, "mark_sent", real_mark_sent)
    services.process_send(send=send)
    # The fourth had its 250 when the claim went: the one message at-least-once may repeat.
    counts = received_counts(smtp_server)
    assert sorted(counts) == sorted(emails)
    assert [email for email, count in counts.items() if count > 1] == [emails[3]]


def test_a_worker_whose_claim_was_taken_back_cannot_fail_a_reader_another_worker_now_holds(db):
    en, _fa = make_pair()
    newsletter, _emails = readers(1)
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    stalled, fresh = "a" * 32, "b" * 32
    (delivery_id,) = sending.claim_batch(send.pk, size=10, token=stalled)
    sending.release_stale_claims(send.pk, lease_seconds=-1)
    sending.claim_batch(send.pk, size=10, token=fresh)

    sending.mark_failed(delivery_id, stalled, "550 5.1.1 No such mailbox", permanent=True)

    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.claim, delivery.attempts, delivery.error) == (
        Delivery.State.SENDING, fresh, 0, "")


def test_a_worker_giving_its_batch_back_leaves_the_rows_of_another_worker_alone(db, settings):
    settings.NEWSLETTER_BATCH_SIZE = 2
    en, _fa = make_pair()
    newsletter, _emails = readers(4)
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    mine = sending.claim_batch(send.pk, size=2, token="a" * 32)
    theirs = sending.claim_batch(send.pk, size=2, token="b" * 32)

    sending.release_claim("a" * 32)

    assert set(Delivery.objects.filter(state=Delivery.State.QUEUED).values_list("pk", flat=True)) == set(mine)
    assert set(Delivery.objects.filter(state=Delivery.State.SENDING, claim="b" * 32).values_list("pk", flat=True)) == set(
        theirs)


class GreylistingSMTPServer(LocalSMTPServer):
    """Refuses the readers in `greylisted` for now (451 at RCPT), as a greylisting server does
    with a sender it has not seen for a while."""

    def __init__(self, greylisted):
        super().__init__()
        self.greylisted = set(greylisted)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.greylisted:
            return "451 4.7.1 Greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_reader_refused_for_now_is_tried_again_by_a_later_run_and_given_up_after_five(db, settings):
    server = GreylistingSMTPServer(["grey@example.org", "never@example.org"])
    server.up()
    try:
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        en, _fa = make_pair()
        newsletter = make_list()
        for email in ("first@example.org", "grey@example.org", "never@example.org", "last@example.org"):
            make_subscriber(email, lists=[newsletter])
        send = services.create_send(issue=en, lists=[newsletter])

        first = run_send(send)

        assert first.outcome == "server-unavailable"  # the worker's task comes back later
        assert sorted(received_counts(server)) == ["first@example.org", "last@example.org"]
        assert dict(Delivery.objects.filter(state=Delivery.State.QUEUED).values_list("email", "attempts")) == {
            "grey@example.org": 1, "never@example.org": 1}

        server.greylisted.discard("grey@example.org")
        runs = [services.process_send(send=send) for _ in range(sending.MAX_ATTEMPTS - 1)]
    finally:
        server.down()

    assert received_counts(server) == {"first@example.org": 1, "last@example.org": 1, "grey@example.org": 1}
    never = Delivery.objects.get(email="never@example.org")
    assert never.state == Delivery.State.FAILED and never.attempts == sending.MAX_ATTEMPTS
    assert runs[-1].outcome == "done"
    assert Send.objects.get().status == Send.Status.SENT
