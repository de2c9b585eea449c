from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import services
from .models import Send

# A server that refused or dropped us is tried again after this long, where the queue can wait.
RETRY_AFTER_SECONDS = 60


@task()
def start_newsletter_send(send_id):
    send = Send.objects.filter(pk=send_id).first()
    if send is None or send.status != Send.Status.SCHEDULED:
        return "nothing to do"
    if send.scheduled_at > timezone.now() and start_newsletter_send.get_backend().supports_defer:
        # Rescheduled later than this task's time: wait for it.
        start_newsletter_send.using(run_after=send.scheduled_at).enqueue(send_id=send_id)
        return "later"
    services.start_send(send=send)
    return "started"


@task()
def process_newsletter_send(send_id, rate_share=1):
    send = Send.objects.filter(pk=send_id).first()
    if send is None:
        return "gone"
    # One task sends this long, then hands over to a fresh one: workers stay responsive to
    # shutdown and other tasks, and a long send is many short tasks.
    seconds = settings.NEWSLETTER_TASK_SECONDS
    result = services.process_send(send=send, seconds=seconds, rate_share=rate_share)
    if result.outcome == "more":
        process_newsletter_send.enqueue(send_id=send_id, rate_share=rate_share)
    elif result.outcome == "done" and process_newsletter_send.get_backend().supports_defer:
        send.refresh_from_db(fields=["status"])
        if send.status == Send.Status.SENDING:
            # Other workers still hold rows; if one of them died, its claim goes stale: look again then.
            lease = settings.NEWSLETTER_CLAIM_LEASE_SECONDS
            process_newsletter_send.using(run_after=timezone.now() + timedelta(seconds=lease + 5)).enqueue(
                send_id=send_id, rate_share=rate_share)
    elif result.outcome == "server-unavailable" and process_newsletter_send.get_backend().supports_defer:
        process_newsletter_send.using(run_after=timezone.now() + timedelta(seconds=RETRY_AFTER_SECONDS)).enqueue(
            send_id=send_id, rate_share=rate_share)
    return f"{result.outcome}: {result.sent} sent, {result.failed} failed, {result.skipped} skipped"
