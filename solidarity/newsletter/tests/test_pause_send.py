"""Pausing a send stops the workers; resuming carries on where it stopped."""

from solidarity.newsletter import sending, services
from solidarity.newsletter.models import Delivery, Issue, Send

from .conftest import make_list, make_pair, make_subscriber


def test_a_paused_send_stops_within_its_batch_and_sends_nothing_more_until_resumed(
        db, smtp_server, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(sending, "PAUSE_CHECK_SECONDS", 0)
    en, _fa = make_pair()
    newsletter = make_list()
    for number in range(12):
        make_subscriber(f"reader{number}@example.org", lists=[newsletter])
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    real_mark_sent = sending.mark_sent
    marked = []

    def pause_after_five(*args, **kwargs):
        real_mark_sent(*args, **kwargs)
        marked.append(1)
        if len(marked) == 5:
            services.pause_send(send=Send.objects.get(pk=send.pk))

    monkeypatch.setattr(sending, "mark_sent", pause_after_five)
    result = services.process_send(send=send)

    assert result.outcome == "paused"
    assert len(smtp_server.messages) == 5
    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert Issue.objects.get(pk=en.pk).status == Issue.Status.PAUSED
    assert Delivery.objects.filter(state=Delivery.State.QUEUED).count() == 7
    # A worker picking the send up while paused sends nothing.
    assert services.process_send(send=send).sent == 0
    assert len(smtp_server.messages) == 5

    monkeypatch.setattr(sending, "mark_sent", real_mark_sent)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resume_send(send=send)  # tasks run at once in tests: the send finishes

    send.refresh_from_db()
    assert send.status == Send.Status.SENT
    assert len(smtp_server.messages) == 12
    assert len({envelope.rcpt_tos[0] for envelope in smtp_server.envelopes}) == 12


def test_a_scheduled_send_paused_before_its_time_does_not_start(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    from datetime import timedelta

    from django.utils import timezone

    send = services.create_send(issue=en, lists=[newsletter], scheduled_at=timezone.now() + timedelta(hours=2))
    services.pause_send(send=send)

    services.start_send(send=send)

    send.refresh_from_db()
    assert send.status == Send.Status.PAUSED
    assert send.deliveries.count() == 0
    assert smtp_server.messages == []


def test_waking_the_workers_of_a_stalled_send_finishes_it(db, smtp_server, django_capture_on_commit_callbacks):
    en, _fa = make_pair()
    newsletter = make_list()
    for number in range(3):
        make_subscriber(f"reader{number}@example.org", lists=[newsletter])
    # Started, but its worker died before sending anything.
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.resume_send(send=send)

    send.refresh_from_db()
    assert send.status == Send.Status.SENT
    assert len(smtp_server.messages) == 3
