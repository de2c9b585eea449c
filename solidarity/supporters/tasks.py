"""E-mails to supporters, sent by the task worker after the request's data is committed."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .models import Subscriber, SubscriptionRequest

# A failed e-mail is tried again after 2, 4 and 8 minutes where the queue can hold a task
# for later (the database worker); the person can also simply sign up again.
AUTOMATIC_ATTEMPTS = 3


def _retry(task_function, attempt, **kwargs):
    if attempt >= AUTOMATIC_ATTEMPTS or not task_function.get_backend().supports_defer:
        return
    run_after = timezone.now() + timedelta(minutes=2 ** (attempt + 1))
    task_function.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)


@task()
def send_confirmation(request_id, attempt=0):
    request = SubscriptionRequest.objects.select_related("subscriber").filter(pk=request_id).first()
    if request is None or request.confirmed_at is not None:
        return "nothing to do"
    from .emails import send_confirmation_email

    try:
        send_confirmation_email(request)
    except Exception:
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
        send_already_subscribed_email(subscriber)
    except Exception:
        _retry(send_already_subscribed, attempt, subscriber_id=subscriber_id)
        raise
    return "sent"
