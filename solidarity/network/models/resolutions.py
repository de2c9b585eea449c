from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from solidarity.core.bilingual import Bilingual

from .drafts import DraftQuerySet, Reviewable


class ResolutionQuerySet(DraftQuerySet):
    def adopted(self):
        """Adopted resolutions the public registry counts: neither drafts nor adopted by a draft organisation."""
        return self.filter(status=Resolution.Status.ADOPTED, draft=False, adopting_organisation__draft=False)


class Resolution(Bilingual, Reviewable, ClusterableModel):
    class Status(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REFERRED = "referred", _("Referred")
        DEFEATED = "defeated", _("Defeated")
        PENDING = "pending", _("Pending")

    adopting_organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="resolutions",
        verbose_name=_("adopting organisation"),
    )
    event = models.ForeignKey(
        "network.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="resolutions",
        verbose_name=_("adopted at"),
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fa = models.CharField(_("title (Persian)"), max_length=300, blank=True)
    date = models.DateField(_("date"))
    # Kept from `date` on save: the registry filters and counts by year on every page view.
    year = models.PositiveSmallIntegerField(editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ADOPTED)
    submitted_by = ParentalManyToManyField(
        "network.Organisation", blank=True, related_name="submitted_resolutions", verbose_name=_("submitted by")
    )
    # The words that introduce the commitments in the original, e.g. "CUPE Ontario will:".
    commitments_lead_en = models.CharField(_("words before the commitments (English)"), max_length=200, blank=True)
    commitments_lead_fa = models.CharField(_("words before the commitments (Persian)"), max_length=200, blank=True)
    source_title = models.CharField(_("source document title"), max_length=300, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    source_document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("source document"),
    )
    response_article = models.ForeignKey(
        "publishing.ArticlePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("the alliance's response (article)"),
    )

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        indexes = [models.Index(fields=["status", "date"]), models.Index(fields=["status", "year"])]

    def __str__(self):
        number = f"{self.number} · " if self.number else ""
        return f"{number}{self.title_en or self.title_fa}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("network:resolution", args=[self.pk])

    def save(self, *args, **kwargs):
        if self.date:
            self.year = self.date.year
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "date" in update_fields:
            kwargs["update_fields"] = {*update_fields, "year"}
        super().save(*args, **kwargs)

    @property
    def title(self):
        return self.translated("title")

    @property
    def commitments_lead(self):
        return self.translated("commitments_lead")

    def _clauses(self, kind):
        return [clause for clause in self.clauses.all() if clause.kind == kind]

    @property
    def commitments(self):
        return self._clauses(Clause.Kind.COMMITMENT)

    @property
    def considerations(self):
        return self._clauses(Clause.Kind.CONSIDERATION)

    def clean(self):
        super().clean()
        if self.event_id and self.date and not self.event.covers(self.date):
            raise ValidationError({"date": _("The date must fall within the dates of the event where it was adopted.")})


class Clause(Bilingual, Orderable):
    class Kind(models.TextChoices):
        COMMITMENT = "commitment", _("Commitment")
        CONSIDERATION = "consideration", _("Consideration")

    resolution = ParentalKey(Resolution, on_delete=models.CASCADE, related_name="clauses")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMITMENT)
    text_en = models.TextField(_("text (English)"))
    text_fa = models.TextField(_("text (Persian)"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self):
        return self.text_en[:80]

    @property
    def text(self):
        return self.translated("text")
