"""E-mails to supporters, sent by the task worker after the request's data is committed.

Each e-mail is its own task, so one that fails never holds back another person's. A failure is
recorded on what it was for (the signup request, or the subscriber for an "already subscribed"
note) with its reason, shown on the person's page in the admin, and tried again a bounded
number of times; an address our mail server cannot carry (stored before addresses were
checked) is never tried again.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from solidarity.core.validators import validate_deliverable_email

from .models import Subscriber, SubscriptionRequest

# A failed e-mail is tried again after 2, 4 and 8 minutes where the queue can hold a task
# for later (the database worker); the person can also simply sign up again.
AUTOMATIC_ATTEMPTS = 3
# Past this many failures nothing tries again (an undeliverable address counts as all of them).
MAIL_ATTEMPTS = AUTOMATIC_ATTEMPTS + 1


class Undeliverable(Exception):
    """An address our mail server cannot carry: no retry will help."""


def _check_address(email):
    try:
        validate_deliverable_email(email)
    except ValidationError as error:
        raise Undeliverable(f"address refused before sending: {' '.join(error.messages)}") from None


def _record_failure(record, error):
    """The failure and its reason, on the record it was for; True when worth trying again."""
    text = str(error) if isinstance(error, Undeliverable) else f"{type(error).__name__}: {error}"
    attempts = MAIL_ATTEMPTS if isinstance(error, Undeliverable) else F("mail_attempts") + 1
    type(record).objects.filter(pk=record.pk).update(mail_attempts=attempts, mail_error=text[:500])
    record.refresh_from_db(fields=["mail_attempts"])
    return record.mail_attempts < MAIL_ATTEMPTS


def _retry(task_function, attempt, **kwargs):
    if attempt >= AUTOMATIC_ATTEMPTS or not task_function.get_backend().supports_defer:
        return
    run_after = timezone.now() + timedelta(minutes=2 ** (attempt + 1))
    task_function.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)


@task()
def send_confirmation(request_id, attempt=0):
    request = SubscriptionRequest.objects.select_related("subscriber").filter(pk=request_id).first()
    if request is None or request.confirmed_at is not None or request.mail_attempts >= MAIL_ATTEMPTS:
        return "nothing to do"
    from .emails import send_confirmation_email

    try:
        _check_address(request.subscriber.email)
        send_confirmation_email(request)
    except Exception as error:
        if _record_failure(request, error):
            _retry(send_confirmation, attempt, request_id=request_id)
        raise
    return "sent"


@task()
def send_already_subscribed(subscriber_id, attempt=0):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "nothing to do"
    from .emails import send_already_subscribed_email

    try:
        _check_address(subscriber.email)
        send_already_subscribed_email(subscriber)
    except Exception as error:
        if _record_failure(subscriber, error):
            _retry(send_already_subscribed, attempt, subscriber_id=subscriber_id)
        raise
    if subscriber.mail_attempts or subscriber.mail_error:
        Subscriber.objects.filter(pk=subscriber.pk).update(mail_attempts=0, mail_error="")
    return "sent"
