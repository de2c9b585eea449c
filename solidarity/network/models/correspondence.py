from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.core.bilingual import in_language
from solidarity.core.i18n import is_rtl

from .drafts import Reviewable


class Correspondence(Reviewable):
    """A letter or solidarity message, written in one language; its translation is another letter."""

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Outgoing")
        INCOMING = "incoming", _("Incoming")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        PUBLISHED = "published", _("Published")

    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING)
    sender = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="letters_sent", verbose_name=_("sender")
    )
    recipients = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="letters_received", verbose_name=_("recipients")
    )
    event = models.ForeignKey(
        "network.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="letters",
        verbose_name=_("event"),
    )
    resolution = models.ForeignKey(
        "network.Resolution", on_delete=models.SET_NULL, null=True, blank=True, related_name="letters",
        verbose_name=_("about the resolution"),
    )
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=500)
    salutation = models.CharField(_("salutation"), max_length=200, blank=True)
    body = models.TextField(_("body"), help_text=_("Leave a blank line between paragraphs."))
    closing = models.TextField(_("closing"), blank=True)
    signatories = models.TextField(_("signatories"), blank=True, help_text=_("One per line."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    translation_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="translations",
        verbose_name=_("translation of"),
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        indexes = [models.Index(fields=["status", "date"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("network:letter", args=[self.pk])

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and not self.draft

    @property
    def is_rtl(self):
        return is_rtl(self.language)

    @property
    def subject_text(self):
        """The subject, marked with the letter's language (lists on the other language's pages)."""
        return in_language(self.subject, self.language)

    def paragraphs(self):
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]

    def closing_lines(self):
        return [line.strip() for line in self.closing.splitlines() if line.strip()]

    def signatory_lines(self):
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if self.translation_of_id:
            if self.translation_of_id == self.pk:
                raise ValidationError({"translation_of": _("A letter cannot be a translation of itself.")})
            if self.translation_of.language == self.language:
                raise ValidationError({"translation_of": _("A translation must be in another language.")})


class LetterTemplate(models.Model):
    """Words for a recurring letter. Placeholders: {event}, {dates}, {place}, {organisation},
    {resolution}, {alliance}."""

    class Kind(models.TextChoices):
        GREETING = "greeting", _("Greeting to a conference")
        THANKS = "thanks", _("Thanks for a resolution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="en")
    subject = models.CharField(_("subject"), max_length=500)
    salutation = models.CharField(_("salutation"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    closing = models.TextField(_("closing"), blank=True)
    signatories = models.TextField(_("signatories"), blank=True)

    class Meta:
        ordering = ["kind", "language", "name"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self):
        return self.name
