"""Urgent-action campaigns: the campaign and its targets, signatures, endorsements, updates,
the protest-delivery log, the export log and the global access rules against abuse."""

import ipaddress
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from solidarity.core import mail
from solidarity.core.bilingual import Bilingual, in_language
from solidarity.core.text import clean_line
from solidarity.core.validators import DeliverableEmailField

NAME_MAX_LENGTH = 200
ORGANISATION_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 5000
# The signing form's newsletter box; supporters keep these words as the consent a signer gave.
NEWSLETTER_CONSENT_LABEL = _("Send me the newsletter")
LANGUAGE_CHOICES = [("en", _("English")), ("fa", _("Persian"))]
# A campaign runs three months unless staff say otherwise.
DEFAULT_DURATION = relativedelta(months=3)
# A signer's e-mail is tried this many times (the one policy of core/mail.py); then it is
# left failed, with its reason shown to staff, and the batches go on without it.
MAIL_ATTEMPTS = mail.MAIL_ATTEMPTS
# Round numbers worth celebrating on the page when no goal is set (and beside it when one is).
MILESTONE_LADDER = (100, 500, 1_000, 5_000, 10_000, 50_000, 100_000, 500_000, 1_000_000)


# A campaign the public may see: open, or closed with its outcome; never a draft.
PUBLIC_STATUSES = ("active", "closed")


def public_campaigns():
    """The campaigns another app may offer to choose from (the home page's features, for one)."""
    return models.Q(status__in=PUBLIC_STATUSES)


class Campaign(Bilingual, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    class Delivery(models.TextChoices):
        EACH = "each", _("One message per signer")
        DIGEST = "digest", _("A daily digest")

    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True, verbose_name=_("slug"))
    title_en = models.CharField(max_length=250, blank=True, verbose_name=_("title (English)"))
    title_fa = models.CharField(max_length=250, blank=True, verbose_name=_("title (Persian)"))
    summary_en = models.TextField(blank=True, verbose_name=_("summary (English)"))
    summary_fa = models.TextField(blank=True, verbose_name=_("summary (Persian)"))
    background_en = models.TextField(blank=True, verbose_name=_("background (English)"))
    background_fa = models.TextField(blank=True, verbose_name=_("background (Persian)"))
    demands_en = models.TextField(blank=True, verbose_name=_("demands (English)"), help_text=_("One demand per line."))
    demands_fa = models.TextField(blank=True, verbose_name=_("demands (Persian)"), help_text=_("One demand per line."))
    headline_en = models.CharField(max_length=200, blank=True, verbose_name=_("one-line demand (English)"),
                                   help_text=_("Shown on the campaign's card and the home page; the first demand when empty."))
    headline_fa = models.CharField(max_length=200, blank=True, verbose_name=_("one-line demand (Persian)"),
                                   help_text=_("Shown on the campaign's card and the home page; the first demand when empty."))
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("picture"),
                              help_text=_("Shown on the campaign's card and in link previews. Use a photo of a "
                                          "person only with their or their family's consent."))
    image_alt_en = models.CharField(max_length=250, blank=True, verbose_name=_("picture description (English)"),
                                    help_text=_("What the picture shows, for readers who cannot see it."))
    image_alt_fa = models.CharField(max_length=250, blank=True, verbose_name=_("picture description (Persian)"),
                                    help_text=_("What the picture shows, for readers who cannot see it."))
    cases = models.ManyToManyField("cases.Case", blank=True, related_name="campaigns", verbose_name=_("cases"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True,
                              verbose_name=_("status"))
    outcome_en = models.TextField(blank=True, verbose_name=_("outcome (English)"),
                                  help_text=_("The outcome report, shown once the campaign is closed."))
    outcome_fa = models.TextField(blank=True, verbose_name=_("outcome (Persian)"),
                                  help_text=_("The outcome report, shown once the campaign is closed."))
    starts_on = models.DateField(default=date.today, verbose_name=_("starts on"))
    ends_on = models.DateField(null=True, blank=True, verbose_name=_("ends on"),
                               help_text=_("Three months after the start when left empty. Signing stops after this day."))
    goal = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("goal (signatures)"))

    petition_enabled = models.BooleanField(default=True, verbose_name=_("petition signature"))
    protest_enabled = models.BooleanField(default=False, verbose_name=_("protest message to the targets"))
    protest_text_en = models.TextField(blank=True, verbose_name=_("suggested protest message (English)"))
    protest_text_fa = models.TextField(blank=True, verbose_name=_("suggested protest message (Persian)"))
    protest_delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.EACH,
                                        verbose_name=_("protest delivery"))
    letter_enabled = models.BooleanField(default=False, verbose_name=_("printable letter"))
    letter_text_en = models.TextField(blank=True, verbose_name=_("letter text (English)"))
    letter_text_fa = models.TextField(blank=True, verbose_name=_("letter text (Persian)"))
    endorsement_enabled = models.BooleanField(default=False, verbose_name=_("organisational endorsements"))

    pow_enabled = models.BooleanField(
        default=False, verbose_name=_("proof of work"),
        help_text=_("Browsers with JavaScript solve a small puzzle before signing; "
                    "signers without JavaScript are rate-limited more strictly."),
    )
    # Per-IP limits for this campaign; empty means the site-wide settings.
    # Many people share one address (a union meeting on one Wi-Fi, a mobile carrier in Iran):
    # these limits only stop a machine (defaults and why: the admin's panel, services/access.py).
    burst_limit = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("signatures per IP address per minute"))
    sustained_limit = models.PositiveIntegerField(null=True, blank=True,
                                                  verbose_name=_("signatures per IP address per five minutes"))
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))
    # When staff closed it (early or late): signer data is erased a while after this.
    closed_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("closed"))

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.translated("title") or self.slug

    def save(self, *args, **kwargs):
        changed = []
        if self.ends_on is None and self.starts_on:
            self.ends_on = self.starts_on + DEFAULT_DURATION
            changed.append("ends_on")
        # Closed now: the moment is kept; reopened: forgotten, so it counts from the next close.
        if self.status == self.Status.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
            changed.append("closed_at")
        elif self.status != self.Status.CLOSED and self.closed_at is not None:
            self.closed_at = None
            changed.append("closed_at")
        if changed and kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *changed}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        # A picture needs its description in each language the campaign is published in.
        if self.image_id:
            errors = {f"image_alt_{language}": _("Describe the picture for readers who cannot see it.")
                      for language in ("en", "fa")
                      if getattr(self, f"title_{language}") and not getattr(self, f"image_alt_{language}").strip()}
            if errors:
                raise ValidationError(errors)

    def get_absolute_url(self, language=None):
        with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
            return reverse("campaigns:detail", kwargs={"slug": self.slug})

    def headline(self, language=None):
        """The one-line demand: as written for cards, or the first demand."""
        written = self.translated("headline", language)
        if written:
            return written
        demands = self.demands(language)
        return demands[0] if demands else ""

    def is_open_for_signing(self, today=None):
        today = today or timezone.localdate()
        return (
            self.status == self.Status.ACTIVE
            and self.starts_on <= today
            and (self.ends_on is None or today <= self.ends_on)
        )

    @property
    def is_public(self):
        return self.status in PUBLIC_STATUSES

    def demands(self, language=None):
        text = self.translated("demands", language)
        # Each demand keeps the language it is written in (English shown on a Persian page is marked).
        return [in_language(line.strip(), text.language) for line in text.splitlines() if line.strip()]

    def mail_failures(self, *, latest=5):
        """What could not be e-mailed, for the campaign dashboard: how many signers'
        confirmations, endorsers' confirmations, update copies and protest deliveries failed
        (those still to be tried again counted apart), and the latest reasons. A few queries,
        however many signatures."""
        from django.db.models import Count, Q

        signatures = Signature.objects.filter(campaign=self, mail_attempts__gt=0)
        figures = signatures.aggregate(
            failed=Count("pk", filter=Q(mail_attempts__gte=MAIL_ATTEMPTS)),
            retrying=Count("pk", filter=Q(mail_attempts__lt=MAIL_ATTEMPTS)),
        )
        figures["endorsements"] = Endorsement.objects.filter(campaign=self, mail_attempts__gt=0).count()
        figures["updates"] = UpdateEmail.objects.filter(update__campaign=self).exclude(error="").count()
        figures["deliveries"] = ProtestDelivery.objects.filter(campaign=self, status=ProtestDelivery.Status.FAILED).count()
        reasons = [(_("Signature %(id)s") % {"id": pk}, attempts, error)
                   for pk, attempts, error in signatures.order_by("-pk").values_list("pk", "mail_attempts", "mail_error")[:latest]]
        reasons += [(str(target), attempts, error) for target, attempts, error in (
            (delivery.target, delivery.attempts, delivery.error) for delivery in
            ProtestDelivery.objects.filter(campaign=self, status=ProtestDelivery.Status.FAILED)
            .select_related("target").order_by("-pk")[:latest])]
        figures["reasons"] = reasons
        figures["any"] = any(figures[key] for key in ("failed", "retrying", "endorsements", "updates", "deliveries"))
        return figures

    def milestones(self, total):
        """(number, reached) for the goal's quarters, or the round numbers up to the next one unreached."""
        if self.goal:
            steps = sorted({max(1, self.goal * share // 4) for share in (1, 2, 3, 4)})
        else:
            steps = []
            for step in MILESTONE_LADDER:
                steps.append(step)
                if step > total:
                    break
            steps = steps[-4:]
        return [(step, total >= step) for step in steps]


class Target(Bilingual, Orderable):
    """An authority the campaign addresses (minister, prison chief, ILO office)."""

    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="targets", verbose_name=_("campaign"))
    name_en = models.CharField(max_length=250, blank=True, verbose_name=_("name (English)"))
    name_fa = models.CharField(max_length=250, blank=True, verbose_name=_("name (Persian)"))
    role_en = models.CharField(max_length=250, blank=True, verbose_name=_("title or role (English)"))
    role_fa = models.CharField(max_length=250, blank=True, verbose_name=_("title or role (Persian)"))
    email = DeliverableEmailField(blank=True, verbose_name=_("e-mail address"))
    postal_address = models.TextField(blank=True, verbose_name=_("postal address"))
    fax = models.CharField(max_length=50, blank=True, verbose_name=_("fax"))

    class Meta(Orderable.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return self.translated("name")


def initials(name):
    """The first letter of each word, Persian too: "Jane Q. Worker" -> "J. Q. W.",
    "مریم رضایی‌نژاد" -> "م. ر." (a word joined by a ZWNJ stays one word)."""
    letters = [next((ch for ch in word if ch.isalpha()), "") for word in (name or "").split()]
    return " ".join(f"{letter}." for letter in letters if letter)


class Signature(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        INVALIDATED = "invalidated", _("Invalidated")
        # Part of a flood from one connection and one e-mail domain: no e-mail until staff release it.
        HELD = "held", _("Held for review")

    class NameShown(models.TextChoices):
        """What the targets (often the judiciary of Iran) and any public list see of the name."""

        FULL = "full", _("Show my name as I typed it")
        INITIALS = "initials", _("Show only my initials")
        COUNT_ONLY = "count", _("Count me without my name")

    # No index of its own: every index below starts with the campaign, and each index is one
    # more B-tree written by every signature.
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="signatures", db_index=False,
                                 verbose_name=_("campaign"))
    name = models.CharField(max_length=NAME_MAX_LENGTH, verbose_name=_("name"))
    # Signatures stored before signers chose were given under "your name goes to the addressees".
    name_shown = models.CharField(max_length=10, choices=NameShown.choices, default=NameShown.FULL,
                                  verbose_name=_("name shown to the addressees"))
    email = DeliverableEmailField(max_length=254, verbose_name=_("e-mail address"))
    # The address as the mail system sees it (case, dots and +tags where the domain ignores them).
    email_key = models.CharField(max_length=254, verbose_name=_("normalised e-mail address"))
    country = models.CharField(max_length=2, verbose_name=_("country"))
    organisation = models.CharField(max_length=ORGANISATION_MAX_LENGTH, blank=True, verbose_name=_("organisation"))
    language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES, default="en", verbose_name=_("language"))
    wants_updates = models.BooleanField(default=False, verbose_name=_("wants updates on this campaign"))
    wants_newsletter = models.BooleanField(default=False, verbose_name=_("wants the newsletter"))
    message = models.TextField(max_length=MESSAGE_MAX_LENGTH, blank=True, verbose_name=_("protest message"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, verbose_name=_("status"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("signed"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed"))
    ip_hash = models.CharField(max_length=64, blank=True, verbose_name=_("IP address (keyed hash)"))
    # None: not asked (proof of work off); False: signed without JavaScript's proof; True: solved.
    proof_of_work = models.BooleanField(null=True, blank=True, verbose_name=_("proof of work solved"))
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmation e-mail sent"))
    invalidated_reason = models.CharField(max_length=500, blank=True, verbose_name=_("reason for invalidation"))
    # Tries at the confirmation e-mail that failed for this address alone, and why the last one
    # did: after MAIL_ATTEMPTS it is no longer tried, so it never holds up the others.
    mail_attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("failed e-mail attempts"))
    mail_error = models.CharField(max_length=500, blank=True, verbose_name=_("last e-mail error"))

    # Not in Wagtail's reference index: that would cost three queries per signature.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email_key"], name="campaigns_signature_once_per_address"),
        ]
        indexes = [
            # The public counters: confirmed signatures by country, read from the index alone.
            models.Index(fields=["campaign", "status", "country"], name="campaigns_signature_counts"),
            models.Index(fields=["campaign", "status", "created_at"], name="campaigns_signature_time"),
            # The per-IP rate limit counts a connection's recent signatures. Led by the IP hash, so
            # that it is the only index the rate limit's statement can use: an index led by the
            # campaign would serve it too, and PostgreSQL, whose statistics do not know a campaign
            # that went viral since they were gathered, chose one and read every signature of the
            # last hour on each new one.
            models.Index(fields=["ip_hash", "created_at"], name="campaigns_signature_by_ip"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def mail_failed(self):
        return self.mail_attempts >= MAIL_ATTEMPTS

    @property
    def public_name(self):
        """The name as the signer chose to show it to the addressees: whole, initials, or ""."""
        return shown_name(self.name, self.name_shown)


def shown_name(name, choice):
    # Cleaned here too: a name stored before names were cleaned must not print reversed.
    if choice == Signature.NameShown.FULL:
        return clean_line(name)
    if choice == Signature.NameShown.INITIALS:
        return initials(clean_line(name))
    return ""


class Endorsement(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="endorsements", verbose_name=_("campaign"))
    organisation_name = models.CharField(max_length=ORGANISATION_MAX_LENGTH, verbose_name=_("organisation"))
    organisation = models.ForeignKey("network.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="campaign_endorsements", verbose_name=_("organisation in the network records"))
    representative_name = models.CharField(max_length=NAME_MAX_LENGTH, verbose_name=_("representative"))
    representative_role = models.CharField(max_length=NAME_MAX_LENGTH, verbose_name=_("representative's role"))
    email = DeliverableEmailField(max_length=254, verbose_name=_("e-mail address"))
    country = models.CharField(max_length=2, verbose_name=_("country"))
    language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES, default="en", verbose_name=_("language"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, verbose_name=_("status"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("received"))
    # The representative clicked the link in the confirmation e-mail.
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("e-mail confirmed"))
    ip_hash = models.CharField(max_length=64, blank=True, verbose_name=_("IP address (keyed hash)"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided"))
    # Failed tries at the confirmation e-mail and the last reason (see Signature.mail_attempts).
    mail_attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("failed e-mail attempts"))
    mail_error = models.CharField(max_length=500, blank=True, verbose_name=_("last e-mail error"))

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.organisation_name

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED and self.confirmed_at is not None

    def approve(self, user):
        self._decide(self.Status.APPROVED, user)

    def reject(self, user):
        self._decide(self.Status.REJECTED, user)

    def _decide(self, status, user):
        self.status = status
        self.decided_by = user
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])


class CampaignUpdate(Bilingual, models.Model):
    """Further information: published on the campaign page and e-mailed to signers who asked."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="updates", verbose_name=_("campaign"))
    title_en = models.CharField(max_length=250, blank=True, verbose_name=_("title (English)"))
    title_fa = models.CharField(max_length=250, blank=True, verbose_name=_("title (Persian)"))
    body_en = models.TextField(blank=True, verbose_name=_("text (English)"))
    body_fa = models.TextField(blank=True, verbose_name=_("text (Persian)"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published"),
                                        help_text=_("Shown and e-mailed from this moment; leave empty to keep it a draft."))
    # Set once every signer who asked has had their copy (UpdateEmail keeps who has).
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("e-mailed"))
    # A worker sending it holds it until then, so two workers never send it side by side; a
    # worker that died lets go when the time is up.
    sending_until = models.DateTimeField(null=True, blank=True, editable=False, verbose_name=_("being sent until"))

    class Meta:
        verbose_name = _("campaign update")
        verbose_name_plural = _("campaign updates")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.translated("title")

    def is_published(self, now=None):
        return self.published_at is not None and self.published_at <= (now or timezone.now())

    def paragraphs(self, language=None):
        return [p.strip() for p in self.translated("body", language).split("\n\n") if p.strip()]


class UpdateEmail(models.Model):
    """One signer's copy of an update, written once the mail server accepted it (or refused
    the address for good): a retried send skips them. A copy that failed for this address
    alone keeps its reason (`error`) and is tried again by later runs, MAIL_ATTEMPTS times in all."""

    update = models.ForeignKey(CampaignUpdate, on_delete=models.CASCADE, related_name="emails", verbose_name=_("update"))
    signature = models.ForeignKey("Signature", on_delete=models.CASCADE, related_name="update_emails",
                                  verbose_name=_("signature"))
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("sent"))
    refused = models.BooleanField(default=False, verbose_name=_("address refused"))
    attempts = models.PositiveSmallIntegerField(default=1, verbose_name=_("attempts"))
    # Empty once sent; why the last try failed otherwise.
    error = models.CharField(max_length=500, blank=True, verbose_name=_("last error"))

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("update e-mail")
        verbose_name_plural = _("update e-mails")
        constraints = [models.UniqueConstraint(fields=["update", "signature"], name="campaigns_update_email_once")]

    def __str__(self):
        return f"{self.update_id} → {self.signature_id}"


class ProtestDelivery(models.Model):
    """The delivery log: one e-mail to one target, carrying one signer's message or a digest."""

    class Kind(models.TextChoices):
        EACH = "each", _("One message per signer")
        DIGEST = "digest", _("A daily digest")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("campaign"))
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("target"))
    signatures = models.ManyToManyField(Signature, related_name="protest_deliveries", verbose_name=_("signatures"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status"))
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("queued"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("sent"))
    error = models.TextField(blank=True, verbose_name=_("last error"))

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("protest delivery")
        verbose_name_plural = _("protest deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="campaigns_delivery_status")]

    def __str__(self):
        return f"{self.campaign} → {self.target} ({self.get_status_display()})"


class ExportLog(models.Model):
    """Who exported which signer data, and when."""

    campaign = models.ForeignKey(Campaign, null=True, on_delete=models.SET_NULL, related_name="exports",
                                 verbose_name=_("campaign"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("user"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("exported"))
    what = models.CharField(max_length=250, verbose_name=_("what"))
    rows = models.PositiveIntegerField(default=0, verbose_name=_("rows"))

    class Meta:
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log")
        ordering = ["-created_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.what} ({self.created_at:%Y-%m-%d %H:%M})"


class DeliveryPack(models.Model):
    """A delivery pack too big to draw during the request: drawn by the worker into private
    storage (never under MEDIA_URL) and served only through the staff dashboard."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="delivery_packs",
                                 verbose_name=_("campaign"))
    language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES, default="en", verbose_name=_("language"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("requested by"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, verbose_name=_("status"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("requested"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finished"))
    # The file's name in private storage (a random part, so it cannot be guessed).
    file_name = models.CharField(max_length=200, blank=True, verbose_name=_("file"))
    rows = models.PositiveIntegerField(default=0, verbose_name=_("signers listed"))

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("delivery pack")
        verbose_name_plural = _("delivery packs")
        ordering = ["-created_at", "-pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.campaign} ({self.language}, {self.get_status_display()})"


class AccessRule(models.Model):
    """A blocked or allowed e-mail domain or IP range, for every campaign.

    An allowing rule wins over a blocking one, so a narrow exception can sit inside a wide
    block; an allowed IP range (a union office behind one address) also skips the per-IP
    rate limits."""

    class Kind(models.TextChoices):
        DOMAIN = "domain", _("E-mail domain")
        IP_RANGE = "ip_range", _("IP range")

    class Action(models.TextChoices):
        BLOCK = "block", _("Block")
        ALLOW = "allow", _("Allow")

    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    value = models.CharField(max_length=100, verbose_name=_("domain or range"),
                             help_text=_("A domain (example.org also covers its subdomains) or a range such as 203.0.113.0/24."))
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.BLOCK, verbose_name=_("action"))
    note = models.CharField(max_length=250, blank=True, verbose_name=_("note"))
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name=_("created"))

    class Meta:
        verbose_name = _("access rule")
        verbose_name_plural = _("access rules")
        ordering = ["kind", "value"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="campaigns_access_rule_once")]

    def __str__(self):
        return f"{self.get_action_display()}: {self.value}"

    def clean(self):
        from django.core.exceptions import ValidationError

        self.value = self.value.strip().lower()
        if self.kind == self.Kind.IP_RANGE:
            try:
                self.value = str(ipaddress.ip_network(self.value, strict=False))
            except ValueError:
                raise ValidationError({"value": _("This is not an IP address or range (e.g. 203.0.113.0/24).")}) from None
        else:
            self.value = self.value.lstrip("@.")
            if "." not in self.value or " " in self.value:
                raise ValidationError({"value": _("This is not a domain (e.g. example.org).")})
