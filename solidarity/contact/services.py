"""Receiving a message from the Contact Us page and telling staff about it."""

from email.utils import formataddr

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.core import mail, security
from solidarity.core.transactions import after_commit

from .models import ContactMessage, duplicate_window_number, fingerprint_for


class ContactError(Exception):
    """A message we cannot accept now; the text says why, in the person's language."""

    status = 400


class TooManyRequests(ContactError):
    status = 429

    def __init__(self):
        super().__init__(
            _("You have sent several messages in a short time. Please try again later; what you wrote is kept below.")
        )


def receive_message(*, name, email, subject, message, language, ip, is_spam=False):
    """Store a message once and queue the notification to staff once it is committed.

    The same message sent again soon (a double click, a reload, two concurrent requests)
    returns the row already stored. Raises TooManyRequests when this address has sent its
    share of new messages in the current window.
    """
    now = timezone.now()
    fingerprint = fingerprint_for(email=email, subject=subject, message=message)
    duplicate = ContactMessage.objects.recent_duplicate(fingerprint, now=now)
    if duplicate is not None:
        return duplicate

    ip_hash = security.hash_ip(ip) if ip else ""
    limit = {"limit": settings.CONTACT_RATE_LIMIT, "window_seconds": settings.CONTACT_RATE_WINDOW_SECONDS}
    rate_key = f"contact:{ip_hash}"
    if security.is_limited(rate_key, **limit):
        raise TooManyRequests()
    try:
        with transaction.atomic():
            # The row goes in first: a concurrent twin waits on the unique constraint and
            # then finds this row, so it neither counts against the limit nor is refused.
            stored = ContactMessage.objects.create(
                name=name,
                email=email,
                subject=subject,
                message=message,
                language=language,
                ip_hash=ip_hash,
                created=now,
                is_spam=is_spam,
                fingerprint=fingerprint,
                duplicate_window=duplicate_window_number(now),
            )
            if not security.hit(rate_key, **limit):
                raise TooManyRequests()
    except IntegrityError:
        return ContactMessage.objects.get(fingerprint=fingerprint, duplicate_window=duplicate_window_number(now))
    if not is_spam:
        queue_notification(stored)
    return stored


def queue_notification(message):
    from .tasks import send_contact_notification

    # After commit, so the worker finds the row; robust, so a queue failure never turns an
    # acknowledged message into an error page (the retry command picks it up later).
    after_commit(send_contact_notification.enqueue, message_id=message.pk)


def notify_staff(message):
    """Send the notification e-mail for a stored message, in the site's language."""
    # Its reply address must be one SMTP can carry (one stored before addresses were checked
    # fails for good, with the reason, and is not retried).
    mail.check_deliverable(message.email)
    admin_path = reverse("wagtailsnippets_contact_contactmessage:inspect", args=[message.pk])
    context = {"message": message, "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + admin_path}
    mail.render_message("contact/email/notification", language=settings.LANGUAGE_CODE, context=context,
                        to=settings.CONTACT_NOTIFY_EMAILS, reply_to=[formataddr((message.name, message.email))],
                        html=False).send()


def deliver_notification(message):
    """Try the notification now and record the outcome; the message itself is never touched."""
    try:
        notify_staff(message)
    except mail.Undeliverable as error:
        message.mark_notification_failed(error, permanent=True)
        raise
    except Exception as error:
        message.mark_notification_failed(error)
        raise
    message.mark_notified()


def retry_notifications(*, stale_after):
    """Queue again every notification that failed or that no worker sent in time, each a
    bounded number of times (ContactMessage.MAX_NOTIFICATION_ATTEMPTS); one that can never be
    sent is left failed, with its reason, for staff to read."""
    messages = list(ContactMessage.objects.needing_notification(stale_after=stale_after))
    for message in messages:
        message.mark_queued()
        queue_notification(message)
    return len(messages)
