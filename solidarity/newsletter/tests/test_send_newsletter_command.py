"""`manage.py send_newsletter`: operators send, resume or start due sends by hand or from cron."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from solidarity.newsletter import services
from solidarity.newsletter.models import Delivery, Send

from .conftest import make_list, make_pair, make_subscriber


def test_due_starts_and_sends_scheduled_sends_whose_time_has_come(db, smtp_server, capsys):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    due = services.create_send(issue=en, lists=[newsletter], scheduled_at=timezone.now() + timedelta(hours=1))
    later = services.create_send(issue=en, lists=[newsletter], scheduled_at=timezone.now() + timedelta(days=2))
    Send.objects.filter(pk=due.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))

    call_command("send_newsletter", "--due")

    assert Send.objects.get(pk=due.pk).status == Send.Status.SENT
    assert Send.objects.get(pk=later.pk).status == Send.Status.SCHEDULED
    assert len(smtp_server.messages) == 1
    assert "1 sent, 0 failed, 0 skipped" in capsys.readouterr().out


def test_release_claims_gives_back_a_dead_workers_rows_at_once(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    for number in range(3):
        make_subscriber(f"reader{number}@example.org", lists=[newsletter])
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    Delivery.objects.update(state=Delivery.State.SENDING, claim="dead-worker", claimed_at=timezone.now())

    call_command("send_newsletter", str(send.pk))
    assert smtp_server.messages == []

    call_command("send_newsletter", str(send.pk), "--release-claims")
    assert len(smtp_server.messages) == 3


def test_an_unknown_send_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("send_newsletter", "12345")
