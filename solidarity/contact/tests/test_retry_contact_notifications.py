from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from solidarity.contact.models import MAX_NOTIFICATION_ATTEMPTS, ContactMessage, NotificationStatus

from .conftest import receive


def retry(*args):
    out = StringIO()
    call_command("retry_contact_notifications", *args, stdout=out)
    return out.getvalue()


def test_a_message_is_kept_as_failed_when_the_mail_server_is_down_and_the_command_delivers_it_later(
    smtp_server, settings, django_capture_on_commit_callbacks, db
):
    settings.CONTACT_NOTIFY_EMAILS = ["staff@alliance.example"]
    smtp_server.down()

    with django_capture_on_commit_callbacks(execute=True):
        message = receive()

    message.refresh_from_db()
    assert message.notification_status == NotificationStatus.FAILED
    assert message.notification_attempts == 1
    assert "ConnectionRefusedError" in message.notification_error
    assert ContactMessage.objects.filter(subject="Solidarity").count() == 1

    smtp_server.up()
    with django_capture_on_commit_callbacks(execute=True):
        output = retry()

    assert "Queued 1 contact notification(s) again." in output
    message.refresh_from_db()
    assert message.notification_status == NotificationStatus.SENT
    assert message.notification_attempts == 2
    assert message.notification_error == ""
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Contact form: Solidarity"
    assert "Greetings from Local 4400." in mail.get_content()


def test_a_server_that_refuses_the_mail_leaves_the_message_failed_with_the_reason(
    smtp_server, django_capture_on_commit_callbacks, db
):
    smtp_server.reject = True

    with django_capture_on_commit_callbacks(execute=True):
        message = receive()

    message.refresh_from_db()
    assert message.notification_status == NotificationStatus.FAILED
    assert "451" in message.notification_error
    assert smtp_server.messages == []


def test_messages_already_notified_are_not_sent_again(smtp_server, django_capture_on_commit_callbacks, db):
    with django_capture_on_commit_callbacks(execute=True):
        receive()
        output = retry()

    assert "Queued 0" in output
    assert len(smtp_server.messages) == 1


def test_a_notification_no_worker_sent_in_time_is_queued_again(smtp_server, django_capture_on_commit_callbacks, db):
    message = receive()  # committed callbacks never run: as if the worker was stopped
    ContactMessage.objects.filter(pk=message.pk).update(notification_updated=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        output = retry("--stale-minutes", "30")

    assert "Queued 1" in output
    message.refresh_from_db()
    assert message.notification_status == NotificationStatus.SENT
    assert len(smtp_server.messages) == 1


def test_a_recent_pending_notification_is_left_to_the_worker(db):
    receive()

    assert "Queued 0" in retry()


def test_messages_from_robots_are_never_notified(smtp_server, django_capture_on_commit_callbacks, db):
    message = receive(is_spam=True)
    ContactMessage.objects.filter(pk=message.pk).update(notification_updated=timezone.now() - timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 0" in retry()

    assert smtp_server.messages == []


def test_a_message_whose_address_smtp_cannot_carry_fails_alone_and_is_not_retried(
    smtp_server, settings, django_capture_on_commit_callbacks, db
):
    settings.CONTACT_NOTIFY_EMAILS = ["staff@alliance.example"]
    first = receive(subject="First", email="first@union.example")
    # Stored before addresses were checked: a right-to-left override inside the domain.
    poisoned = receive(subject="Poisoned", email="a@ex\u202eample.org")
    last = receive(subject="Last", email="last@union.example")
    ContactMessage.objects.update(notification_status=NotificationStatus.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 3" in retry()

    assert sorted(mail["Subject"] for mail in smtp_server.messages) == ["Contact form: First", "Contact form: Last"]
    for message in (first, last):
        message.refresh_from_db()
        assert message.notification_status == NotificationStatus.SENT
    poisoned.refresh_from_db()
    assert poisoned.notification_status == NotificationStatus.FAILED
    assert "address refused before sending" in poisoned.notification_error

    with django_capture_on_commit_callbacks(execute=True):
        assert "Queued 0" in retry()
    assert len(smtp_server.messages) == 2


def test_a_notification_that_keeps_failing_is_retried_a_bounded_number_of_times(smtp_server, db):
    message = receive()
    ContactMessage.objects.filter(pk=message.pk).update(notification_status=NotificationStatus.FAILED,
                                                        notification_attempts=MAX_NOTIFICATION_ATTEMPTS)

    assert "Queued 0" in retry()


def test_the_subject_is_plain_text(smtp_server, settings, django_capture_on_commit_callbacks, db):
    settings.CONTACT_NOTIFY_EMAILS = ["staff@alliance.example"]

    with django_capture_on_commit_callbacks(execute=True):
        receive(subject="<Workers'> & \"unions\"")
        receive(subject="همبستگی با کارگران «هفت‌تپه»", email="sara@union.example")

    # (The parser keeps the space before an encoded word.)
    assert sorted(str(mail["Subject"]).strip() for mail in smtp_server.messages) == [
        "Contact form: <Workers'> & \"unions\"", "Contact form: همبستگی با کارگران «هفت‌تپه»"]
