"""A send goes out through the real background worker (`manage.py db_worker`)."""

from django.db import transaction

from solidarity.newsletter import services
from solidarity.newsletter.models import Send

from .conftest import make_list, make_pair, make_subscriber


def test_the_background_worker_starts_the_send_and_sends_every_message(committed_db, smtp_server, settings, db_worker):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    en, _fa = make_pair()
    newsletter = make_list()
    for number in range(7):
        make_subscriber(f"reader{number}@example.org", language="fa" if number % 2 else "en", lists=[newsletter])
    with transaction.atomic():
        send = services.create_send(issue=en, lists=[newsletter])
    assert smtp_server.messages == []

    worker = db_worker()

    assert worker.returncode == 0, worker.stderr
    send.refresh_from_db()
    assert send.status == Send.Status.SENT, worker.stderr
    assert sorted(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes) == [
        f"reader{number}@example.org" for number in range(7)]
    assert {mail["Content-Language"] for mail in smtp_server.messages} == {"en", "fa"}
