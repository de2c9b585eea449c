"""Supporters: who receives our mail, on which lists, and the record of their consent.

An address is stored lowercased; `email_key` folds the forms of one mailbox
(J.Doe+news@googlemail.com is jdoe@gmail.com; see core/mailboxes.py) so one person is one
subscriber and a suppression cannot be dodged with a dot or a +tag.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.core.bilingual import Bilingual
from solidarity.core.mailboxes import exact_key, mailbox_key
from solidarity.core.validators import DeliverableEmailField

EMAIL_MAX_LENGTH = 254
NAME_MAX_LENGTH = 200
# Suppressions of erased people keep only a hash of the address (see Suppression).
ERASED_PREFIX = "sha256:"


def clean_email(email):
    return (email or "").strip().lower()


def erased_key(email_key):
    """What a suppression keeps of an erased person's address: a one-way hash of its key,
    unkeyed so it still matches after a key rotation."""
    return ERASED_PREFIX + hashlib.sha256(email_key.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(32)


LANGUAGE_CHOICES = [("en", _("English")), ("fa", _("Persian"))]


class MailingList(Bilingual, models.Model):
    class Kind(models.TextChoices):
        LANGUAGE = "language", _("Language")
        BRANCH = "branch", _("Branch")
        TOPIC = "topic", _("Topic")

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fa = models.CharField(_("name (Persian)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    language = models.CharField(
        _("language"), max_length=10, choices=LANGUAGE_CHOICES, blank=True,
        help_text=_("For a list in one language: subscribers who read that language."),
    )
    is_public = models.BooleanField(
        _("offered on the signup form"), default=True,
        help_text=_("Public lists can be chosen by anyone on the signup and preferences pages."),
    )
    sort_order = models.IntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")

    def __str__(self):
        return self.translated("name")

    @property
    def name(self):
        return self.translated("name")

    @property
    def description(self):
        return self.translated("description")


class SubscriberQuerySet(models.QuerySet):
    def not_suppressed(self):
        return self.exclude(email_key__in=Suppression.objects.values("email_key"))

    def sendable(self):
        return self.filter(status=Subscriber.Status.ACTIVE).not_suppressed()


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        ACTIVE = "active", _("Active")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")

    email = DeliverableEmailField(_("e-mail address"), max_length=EMAIL_MAX_LENGTH, unique=True)
    email_key = models.CharField(_("mailbox key"), max_length=EMAIL_MAX_LENGTH, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="en")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    # The secret in the personal links (preferences, unsubscribe); rotated on request.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    soft_bounces = models.PositiveIntegerField(_("soft bounces in a row"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # Failed tries at the latest note we e-mailed them ("already subscribed") and the reason.
    mail_attempts = models.PositiveSmallIntegerField(_("failed e-mail attempts"), default=0)
    mail_error = models.CharField(_("last e-mail error"), max_length=500, blank=True)
    lists = models.ManyToManyField(
        MailingList, through="Subscription", related_name="subscribers", blank=True, verbose_name=_("lists"),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        # People are added by signing up, by a campaign or by a CSV import, each with their
        # consent recorded: never by hand in the admin.
        default_permissions = ("view", "change", "delete")
        permissions = [("export_subscribers", _("Can export subscribers and a person's data"))]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = clean_email(self.email)
        self.email_key = mailbox_key(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_key"}
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE

    def set_status(self, status, *, now=None):
        self.status = status
        self.status_changed_at = now or timezone.now()
        fields = ["status", "status_changed_at"]
        if status == self.Status.ACTIVE:
            self.soft_bounces = 0
            fields.append("soft_bounces")
            if self.confirmed_at is None:
                self.confirmed_at = self.status_changed_at
                fields.append("confirmed_at")
        self.save(update_fields=fields)

    def failed_requests(self):
        """Signups whose confirmation e-mail failed, with the reason (shown to staff)."""
        return self.requests.exclude(mail_error="")

    def rotate_token(self):
        self.token = new_token()
        self.save(update_fields=["token"])


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions",
                                   verbose_name=_("subscriber"))
    mailing_list = models.ForeignKey(MailingList, on_delete=models.CASCADE, related_name="subscriptions",
                                     verbose_name=_("list"))
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "mailing_list"], name="supporters_subscription_once"),
        ]
        indexes = [models.Index(fields=["mailing_list", "subscriber"])]

    def __str__(self):
        return f"{self.subscriber} → {self.mailing_list}"


class Consent(models.Model):
    """A person's agreement to receive our mail: when, how, and the exact words shown."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents",
                                   verbose_name=_("subscriber"))
    created_at = models.DateTimeField(_("given"), default=timezone.now)
    # "signup form", "campaign:<slug>", "csv import:<file>", "staff"
    source = models.CharField(_("source"), max_length=255)
    text = models.TextField(_("text shown"), blank=True)
    language = models.CharField(_("language of the text"), max_length=10, blank=True)
    ip_hash = models.CharField(_("IP address (keyed hash)"), max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.source} ({self.created_at:%Y-%m-%d})"


class SubscriptionRequest(models.Model):
    """A signup waiting for the person to confirm it from the e-mail we sent (double opt-in).

    What they asked for (lists, language, name) and the consent text they saw are kept here
    until they confirm, so an unsubscribed person's status does not change before then.
    """

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="requests",
                                   verbose_name=_("subscriber"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    lists = models.ManyToManyField(MailingList, related_name="+", blank=True, verbose_name=_("lists"))
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="en")
    source = models.CharField(_("source"), max_length=255)
    consent_text = models.TextField(_("text shown"), blank=True)
    consent_language = models.CharField(_("language of the text"), max_length=10, blank=True)
    ip_hash = models.CharField(_("IP address (keyed hash)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Failed tries at the confirmation e-mail and the reason (see tasks.MAIL_ATTEMPTS).
    mail_attempts = models.PositiveSmallIntegerField(_("failed e-mail attempts"), default=0)
    mail_error = models.CharField(_("last e-mail error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscription request")
        verbose_name_plural = _("subscription requests")

    def __str__(self):
        return f"{self.subscriber} ({self.created_at:%Y-%m-%d})"

    @property
    def expires_at(self):
        return self.created_at + settings_confirmation_age()

    def is_expired(self, now=None):
        return (now or timezone.now()) > self.expires_at


def settings_confirmation_age():
    from datetime import timedelta

    return timedelta(days=settings.SUPPORTERS_CONFIRMATION_DAYS)


class Suppression(models.Model):
    """An address we must not mail, whatever list or import would add it again.

    Only a new double opt-in confirmation lifts an "unsubscribed" suppression; the others
    (bounced, complained, erased) are lifted by staff. For an erased person the key is a
    one-way hash (see `erased_key`): we can still recognise the address, not read it.
    """

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained (marked as spam)")
        ERASED = "erased", _("Data erased on request")
        STAFF = "staff", _("Added by staff")

    email_key = models.CharField(_("address"), max_length=EMAIL_MAX_LENGTH, unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return self.email_key

    def save(self, *args, **kwargs):
        if not self.email_key.startswith(ERASED_PREFIX):
            self.email_key = mailbox_key(self.email_key)
        super().save(*args, **kwargs)

    @classmethod
    def find(cls, email):
        key = mailbox_key(email)
        # An erasure before keys folded +tags beyond Gmail's kept the hash of the exact address.
        keys = {key, erased_key(key), erased_key(exact_key(email))}
        return cls.objects.filter(email_key__in=keys).first()


class Bounce(models.Model):
    """One bounce or complaint report read from the mailbox, kept for staff to see why."""

    class Kind(models.TextChoices):
        HARD = "hard", _("Hard bounce")
        SOFT = "soft", _("Soft bounce")
        COMPLAINT = "complaint", _("Complaint")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="bounces", verbose_name=_("subscriber"))
    email = models.EmailField(_("e-mail address"), max_length=EMAIL_MAX_LENGTH)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status_code = models.CharField(_("status code"), max_length=20, blank=True)
    diagnostic = models.TextField(_("diagnostic"), blank=True)
    message_id = models.CharField(_("original Message-ID"), max_length=255, blank=True, db_index=True)
    report_id = models.CharField(_("report Message-ID"), max_length=255, blank=True, db_index=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")
        default_permissions = ("view", "delete")

    def __str__(self):
        return f"{self.email} ({self.kind})"


class StaffAction(models.Model):
    """Who exported or erased supporters' data, and when (exports are logged)."""

    class Action(models.TextChoices):
        EXPORT_SUBSCRIBERS = "export", _("Exported subscribers")
        EXPORT_PERSON = "export_person", _("Exported a person's data")
        ERASE_PERSON = "erase_person", _("Erased a person's data")
        IMPORT = "import", _("Imported subscribers")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("staff member"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("staff action on supporters' data")
        verbose_name_plural = _("staff actions on supporters' data")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
