"""Issues of the newsletter, their items, and the sends that carry them to supporters.

A Send is one mailing of an issue to one or more lists; it has one Delivery row per
recipient, which is the whole state of the mailing (see sending.py for how workers claim and
mark them).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from solidarity.core.i18n import direction

LANGUAGES = [("en", _("English")), ("fa", _("Persian"))]
RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


def default_title(language):
    with translation.override(language):
        return gettext("Workers' Struggles in Iran")


class IssueQuerySet(models.QuerySet):
    def archived(self, language):
        """Issues shown in the web archive: sent (or being sent) in this language."""
        return self.filter(language=language, published_at__isnull=False).order_by("-volume", "-number")


class Issue(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        PAUSED = "paused", _("Paused")
        SENT = "sent", _("Sent")

    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="en")
    title = models.CharField(_("title"), max_length=200, blank=True,
                             help_text=_("Left empty: “Workers' Struggles in Iran” in the issue's language."))
    volume = models.PositiveIntegerField(_("volume"))
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"), default=timezone.localdate)
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    counterpart = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("the same issue in the other language"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
                              editable=False)
    # Set when the first real send starts: from then on the issue is in the web archive.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-volume", "-number", "language"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        constraints = [
            models.UniqueConstraint(fields=["language", "volume", "number"], name="newsletter_issue_unique_number"),
        ]

    def __str__(self):
        return f"{self.display_title} · {self.volume}/{self.number} ({self.language})"

    @property
    def display_title(self):
        return self.title or default_title(self.language)

    @property
    def direction(self):
        return direction(self.language)

    def clean(self):
        if self.counterpart_id and (self.counterpart_id == self.pk or self.counterpart.language == self.language):
            raise ValidationError({"counterpart": _("Choose the same issue in the other language.")})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The link goes both ways; an issue keeps one counterpart, in the other language.
        if self.counterpart_id:
            Issue.objects.filter(counterpart=self).exclude(pk=self.counterpart_id).update(counterpart=None)
            Issue.objects.filter(pk=self.counterpart_id).exclude(counterpart=self).update(counterpart=self)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("newsletter:issue", kwargs={"volume": self.volume, "number": self.number})

    def in_language(self, language):
        """This issue, or its counterpart when the reader reads the other language."""
        if language != self.language and self.counterpart_id and self.counterpart.language == language:
            return self.counterpart
        return self

    def contents(self):
        """The "In this issue" list: every item's title, in order."""
        return [item.title for item in self.items.all() if item.title]


class IssueItem(Orderable):
    """One entry of an issue: a published record (copied, editable) or a free section."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        CAMPAIGN = "campaign", _("Campaign")
        CASE = "case", _("Case")
        RESOLUTION = "resolution", _("Resolution")
        SECTION = "section", _("Free section")

    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.SECTION, editable=False)
    # The record it was chosen from (an article page, campaign, case or resolution), by id: the
    # campaigns and cases apps may come and go without breaking issues already sent.
    source = models.CharField(_("chosen from"), max_length=40, blank=True,
                              help_text=_("Title, summary and link are copied from it where left empty. "
                                          "Choose nothing for a free section."))
    source_id = models.PositiveIntegerField(_("chosen record"), null=True, blank=True, editable=False)
    title = models.CharField(pgettext_lazy("newsletter item", "title or heading"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    body = RichTextField(_("text"), blank=True, features=RICH_TEXT_FEATURES)

    class Meta(Orderable.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.source and not self.title and not self.body:
            raise ValidationError({"title": _("A free section needs a heading or some text.")})

    def save(self, *args, **kwargs):
        # Chosen from a record ("kind:id"): its title, summary and link fill what the editor left
        # empty; nothing chosen: a free section.
        from .services import fill_item_from_source

        if not (self.source and fill_item_from_source(self, choice=self.source, language=self.issue.language)):
            self.kind, self.source_id, self.source = self.Kind.SECTION, None, ""
        super().save(*args, **kwargs)


class Send(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        PAUSED = "paused", _("Paused")
        SENT = "sent", _("Sent")

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="sends", verbose_name=_("issue"))
    lists = models.ManyToManyField("supporters.MailingList", related_name="+", verbose_name=_("lists"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_at = models.DateTimeField(_("scheduled for"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-scheduled_at", "-pk"]
        verbose_name = _("send")
        verbose_name_plural = _("sends")

    def __str__(self):
        return f"{self.issue} → {self.scheduled_at:%Y-%m-%d %H:%M}"

    def get_admin_url(self):
        return reverse("newsletter_send_progress", args=[self.pk])

    def progress(self):
        """Counts of deliveries by state, every state present (zero when none)."""
        counts = dict.fromkeys(Delivery.State.values, 0)
        for row in self.deliveries.values("state").annotate(n=models.Count("pk")).order_by():
            counts[row["state"]] = row["n"]
        counts["total"] = sum(counts[state] for state in Delivery.State.values)
        counts["remaining"] = counts[Delivery.State.QUEUED] + counts[Delivery.State.SENDING]
        return counts


class Delivery(models.Model):
    """One recipient of one send. `state` moves queued → sending (claimed by a worker) → sent,
    or failed / bounced / skipped; see sending.py for the guarantees."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        SKIPPED = "skipped", _("Skipped")

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("send"))
    subscriber = models.ForeignKey("supporters.Subscriber", on_delete=models.CASCADE, related_name="+",
                                   verbose_name=_("subscriber"))
    email = models.CharField(_("e-mail"), max_length=254)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Not indexed: the Message-ID names its delivery (see sending.message_id_for), and an index
    # updated on every message sent slows the send more than bounce look-ups need it.
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    # Which worker batch holds the row, and since when: a stale claim is given back to the queue.
    claim = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="newsletter_delivery_once_per_send"),
        ]
        indexes = [models.Index(fields=["send", "state", "id"], name="newsletter_delivery_queue")]

    def __str__(self):
        return f"{self.email} ({self.get_state_display()})"
