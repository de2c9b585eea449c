"""The notification goes out through the real background worker (`manage.py db_worker`)."""

from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from solidarity.contact.models import ContactMessage, NotificationStatus

from .conftest import message_data

STAFF = "staff@alliance.example"


def test_the_background_worker_sends_the_notification_of_a_message_queued_in_the_database(
    committed_contact_page, smtp_server, settings, db_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    response = Client().post(committed_contact_page.url, message_data())

    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.notification_status == NotificationStatus.PENDING
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert smtp_server.messages == []

    worker = db_worker(CONTACT_NOTIFY_EMAILS=STAFF)

    assert worker.returncode == 0, worker.stderr
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "staff@alliance.example"
    assert mail["Subject"] == "Contact form: Solidarity from Local 4400"
    assert "Our local adopted a resolution in support of workers in Iran." in mail.get_content()
    message.refresh_from_db()
    assert message.notification_status == NotificationStatus.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_message_stays_stored_when_the_worker_finds_the_mail_server_down(
    committed_contact_page, smtp_server, settings, db_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Client().post(committed_contact_page.url, message_data())
    smtp_server.down()

    worker = db_worker(CONTACT_NOTIFY_EMAILS=STAFF)

    assert worker.returncode == 0, worker.stderr
    message = ContactMessage.objects.get()
    assert message.notification_status == NotificationStatus.FAILED
    assert "ConnectionRefusedError" in message.notification_error
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    # Tried again by itself in two minutes, without waiting for the retry command.
    assert retry.status == "READY"
    assert 60 < (retry.run_after - timezone.now()).total_seconds() <= 120


def test_the_worker_delivers_a_notification_it_failed_once_the_mail_server_is_back(
    committed_contact_page, smtp_server, settings, db_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Client().post(committed_contact_page.url, message_data())
    smtp_server.down()
    db_worker(CONTACT_NOTIFY_EMAILS=STAFF)
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    smtp_server.up()

    worker = db_worker(CONTACT_NOTIFY_EMAILS=STAFF)

    assert worker.returncode == 0, worker.stderr
    assert len(smtp_server.wait_for(1)) == 1
    message = ContactMessage.objects.get()
    assert (message.notification_status, message.notification_attempts) == (NotificationStatus.SENT, 2)
