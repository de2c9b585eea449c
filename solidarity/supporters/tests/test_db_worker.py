"""The signup e-mails through the real background worker (`manage.py db_worker`)."""

from django_tasks_db.models import DBTaskResult

from solidarity.supporters import services, tasks
from solidarity.supporters.models import MailingList, Subscriber, SubscriptionRequest


def test_a_poisoned_confirmation_between_good_ones_fails_alone_in_the_worker(
    committed_db, smtp_server, settings, db_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    newsletter = MailingList.objects.get(slug="newsletter-en")
    first = services.request_subscription(email="first@example.org", lists=[newsletter])
    # Stored before addresses were checked: a right-to-left override inside the domain.
    hidden = Subscriber.objects.create(email="a@ex\u202eample.org")
    poisoned = SubscriptionRequest.objects.create(subscriber=hidden, source=services.SIGNUP_SOURCE)
    tasks.send_confirmation.enqueue(request_id=poisoned.pk)
    services.request_subscription(email="last@example.org", lists=[newsletter])
    assert first is not None and DBTaskResult.objects.filter(status="READY").count() == 3

    worker = db_worker()

    assert worker.returncode == 0, worker.stderr
    mails = smtp_server.wait_for(2)
    assert sorted(mail["To"] for mail in mails) == ["first@example.org", "last@example.org"]
    poisoned.refresh_from_db()
    assert poisoned.mail_attempts == tasks.MAIL_ATTEMPTS
    assert "hidden or invisible character" in poisoned.mail_error
    # Nothing waits to try it again.
    assert not DBTaskResult.objects.filter(status="READY").exists()
