from django_tasks import task

from solidarity.core.mail import retry_later

from .models import MAX_NOTIFICATION_ATTEMPTS, ContactMessage, NotificationStatus


@task()
def send_contact_notification(message_id, attempt=0):
    """Tell staff of a stored message. A failure is tried again by the one policy of
    core/mail.py; past that, the retry command tries it again, up to
    MAX_NOTIFICATION_ATTEMPTS in all, since staff must not miss a message."""
    message = ContactMessage.objects.filter(pk=message_id).first()
    if (message is None or message.notification_status == NotificationStatus.SENT
            or message.notification_attempts >= MAX_NOTIFICATION_ATTEMPTS):
        return "nothing to do"
    from .services import deliver_notification

    try:
        deliver_notification(message)
    except Exception:
        retry_later(send_contact_notification, attempt, message_id=message_id)
        raise
    return "sent"
