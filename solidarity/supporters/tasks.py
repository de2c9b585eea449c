"""E-mails to supporters, sent by the task worker after the request's data is committed.

Each e-mail is its own task, so one that fails never holds back another person's. A failure is
recorded on what it was for (the signup request, or the subscriber for an "already subscribed"
note) with its reason, shown on the person's page in the admin, and tried again a bounded
number of times; an address our mail server cannot carry (stored before addresses were
checked) is never tried again.
"""

from django.db.models import F
from django_tasks import task

from solidarity.core import mail
from solidarity.core.mail import MAIL_ATTEMPTS, Undeliverable, check_deliverable, retry_later

from .emails import send_already_subscribed_email, send_confirmation_email
from .models import Subscriber, SubscriptionRequest


def _record_failure(record, error):
    """The failure and its reason, on the record it was for; True when worth trying again."""
    attempts = MAIL_ATTEMPTS if isinstance(error, Undeliverable) else F("mail_attempts") + 1
    type(record).objects.filter(pk=record.pk).update(mail_attempts=attempts, mail_error=mail.error_text(error))
    record.refresh_from_db(fields=["mail_attempts"])
    return record.mail_attempts < MAIL_ATTEMPTS


@task()
def send_confirmation(request_id, attempt=0):
    request = SubscriptionRequest.objects.select_related("subscriber").filter(pk=request_id).first()
    if request is None or request.confirmed_at is not None or request.mail_attempts >= MAIL_ATTEMPTS:
        return "nothing to do"
    try:
        check_deliverable(request.subscriber.email)
        send_confirmation_email(request)
    except Exception as error:
        if _record_failure(request, error):
            retry_later(send_confirmation, attempt, request_id=request_id)
        raise
    return "sent"


@task()
def send_already_subscribed(subscriber_id, attempt=0):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return "nothing to do"
    try:
        check_deliverable(subscriber.email)
        send_already_subscribed_email(subscriber)
    except Exception as error:
        if _record_failure(subscriber, error):
            retry_later(send_already_subscribed, attempt, subscriber_id=subscriber_id)
        raise
    if subscriber.mail_attempts or subscriber.mail_error:
        Subscriber.objects.filter(pk=subscriber.pk).update(mail_attempts=0, mail_error="")
    return "sent"
