import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from solidarity.core import mail
from solidarity.core.validators import DeliverableEmailField

# Longest texts we accept; the form says so in the person's language.
NAME_MAX_LENGTH = 200
SUBJECT_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 10_000
# The same message sent again within this time is one message (double click, reload, retry).
DUPLICATE_WINDOW = timedelta(minutes=30)
# A notification is tried at most this often, by the worker and the retry command together.
MAX_NOTIFICATION_ATTEMPTS = 10


class ContactPage(Page):
    intro = RichTextField(features=["bold", "italic", "link"], blank=True, verbose_name=_("introduction"))
    thank_you_text = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        verbose_name=_("thank-you text"),
        help_text=_("Shown once a message has been received."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you_text")]
    parent_page_types = ["publishing.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    def serve(self, request, *args, **kwargs):
        from .views import contact_page

        return contact_page(request, self)


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


def fingerprint_for(*, email, subject, message):
    """What makes two submissions the same message, whatever the spacing and letter case."""
    text = "\x00".join([email.strip().lower(), " ".join(subject.split()), " ".join(message.split())])
    return hashlib.sha256(text.encode()).hexdigest()


def duplicate_window_number(moment):
    """The number of the duplicate window `moment` falls in; unique with the fingerprint."""
    return int(moment.timestamp() // DUPLICATE_WINDOW.total_seconds())


class ContactMessageQuerySet(models.QuerySet):
    def recent_duplicate(self, fingerprint, *, now=None):
        now = now or timezone.now()
        return self.filter(fingerprint=fingerprint, created__gte=now - DUPLICATE_WINDOW).order_by("pk").first()

    def needing_notification(self, *, stale_after):
        """Failed notifications, and pending ones that no worker has dealt with in time, that
        have not used up their attempts."""
        stale = timezone.now() - stale_after
        return self.filter(is_spam=False, notification_attempts__lt=MAX_NOTIFICATION_ATTEMPTS).filter(
            models.Q(notification_status=NotificationStatus.FAILED)
            | models.Q(notification_status=NotificationStatus.PENDING, notification_updated__lt=stale)
        )


class ContactMessage(models.Model):
    name = models.CharField(max_length=NAME_MAX_LENGTH, verbose_name=_("name"))
    email = DeliverableEmailField(verbose_name=_("e-mail address"))
    subject = models.CharField(max_length=SUBJECT_MAX_LENGTH, verbose_name=_("subject"))
    message = models.TextField(max_length=MESSAGE_MAX_LENGTH, verbose_name=_("message"))
    language = models.CharField(max_length=10, verbose_name=_("language"))
    ip_hash = models.CharField(max_length=64, blank=True, verbose_name=_("IP address (keyed hash)"))
    created = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("received"))
    # Filled the hidden field that only robots see: kept for staff to check, never notified.
    is_spam = models.BooleanField(default=False, verbose_name=_("probably spam"))
    handled = models.BooleanField(default=False, verbose_name=_("dealt with"))

    fingerprint = models.CharField(max_length=64, editable=False)
    duplicate_window = models.BigIntegerField(editable=False)

    notification_status = models.CharField(
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        verbose_name=_("notification"),
    )
    notification_attempts = models.PositiveIntegerField(default=0, verbose_name=_("notification attempts"))
    notification_error = models.TextField(blank=True, verbose_name=_("last notification error"))
    notification_updated = models.DateTimeField(default=timezone.now, verbose_name=_("notification updated"))

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created", "-pk"]
        # Staff read, mark and delete messages; only the public form creates them.
        default_permissions = ("view", "change", "delete")
        constraints = [
            # Two concurrent submissions of the same message store one row.
            models.UniqueConstraint(fields=["fingerprint", "duplicate_window"], name="contact_message_once"),
        ]
        indexes = [models.Index(fields=["fingerprint", "created"])]

    def __str__(self):
        return f"{self.subject} ({self.name})"

    def save(self, *args, **kwargs):
        if not self.fingerprint:
            self.fingerprint = fingerprint_for(email=self.email, subject=self.subject, message=self.message)
            self.duplicate_window = duplicate_window_number(self.created)
        super().save(*args, **kwargs)

    @property
    def language_name(self):
        return dict(settings.LANGUAGES).get(self.language, self.language)

    def mark_queued(self):
        self.notification_status = NotificationStatus.PENDING
        self.notification_updated = timezone.now()
        self.save(update_fields=["notification_status", "notification_updated"])

    def mark_notified(self):
        self.notification_status = NotificationStatus.SENT
        self.notification_attempts = models.F("notification_attempts") + 1
        self.notification_error = ""
        self.notification_updated = timezone.now()
        self.save(update_fields=["notification_status", "notification_attempts", "notification_error", "notification_updated"])
        self.refresh_from_db(fields=["notification_attempts"])

    def mark_notification_failed(self, error, *, permanent=False):
        """`permanent`: it can never succeed, so its attempts are used up (nothing retries it)."""
        self.notification_status = NotificationStatus.FAILED
        self.notification_attempts = (MAX_NOTIFICATION_ATTEMPTS if permanent
                                      else models.F("notification_attempts") + 1)
        self.notification_error = mail.error_text(error)
        self.notification_updated = timezone.now()
        self.save(update_fields=["notification_status", "notification_attempts", "notification_error", "notification_updated"])
        self.refresh_from_db(fields=["notification_attempts"])
