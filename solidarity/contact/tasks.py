from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .models import MAX_NOTIFICATION_ATTEMPTS, ContactMessage, NotificationStatus

# A failed notification is tried again by itself after 2, 4, 8, 16 minutes where the queue
# can hold a task for later (the database worker); past that, the retry command's job.
AUTOMATIC_ATTEMPTS = 5


@task()
def send_contact_notification(message_id):
    message = ContactMessage.objects.filter(pk=message_id).first()
    if (message is None or message.notification_status == NotificationStatus.SENT
            or message.notification_attempts >= MAX_NOTIFICATION_ATTEMPTS):
        return "nothing to do"
    from .services import deliver_notification

    try:
        deliver_notification(message)
    except Exception:
        retry_later(message)
        raise
    return "sent"


def retry_later(message):
    if message.notification_attempts >= AUTOMATIC_ATTEMPTS:
        return
    if not send_contact_notification.get_backend().supports_defer:
        return
    delay = timedelta(minutes=2**message.notification_attempts)
    send_contact_notification.using(run_after=timezone.now() + delay).enqueue(message_id=message.pk)
