from django_tasks import task

from .models import ContactMessage, NotificationStatus


@task()
def send_contact_notification(message_id):
    message = ContactMessage.objects.filter(pk=message_id).first()
    if message is None or message.notification_status == NotificationStatus.SENT:
        return "nothing to do"
    from .services import deliver_notification

    deliver_notification(message)
    return "sent"
