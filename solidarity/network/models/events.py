from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.core.bilingual import Bilingual
from solidarity.core.countries import country_choices, country_name

from .drafts import Reviewable


class Event(Bilingual, Reviewable):
    class Kind(models.TextChoices):
        CONVENTION = "convention", _("Convention")
        CONFERENCE = "conference", _("Conference")
        DAY_OF_ACTION = "day_of_action", _("Day of action")
        RALLY = "rally", _("Rally")
        PICKET = "picket", _("Picket")
        MEETING = "meeting", _("Meeting")
        WEBINAR = "webinar", _("Webinar")

    class Response(models.TextChoices):
        NONE = "", _("No response recorded")
        ATTENDED = "attended", _("Attended")
        DECLINED = "declined", _("Declined to attend")

    title_en = models.CharField(_("title (English)"), max_length=300)
    title_fa = models.CharField(_("title (Persian)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    start_date = models.DateField(_("date (or first day)"))
    end_date = models.DateField(_("last day"), null=True, blank=True, help_text=_("Leave empty for a one-day event."))
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    place_fa = models.CharField(_("place (Persian)"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True)
    organisers = models.ManyToManyField(
        "network.Organisation", blank=True, related_name="organised_events", verbose_name=_("organisers")
    )
    invited = models.BooleanField(_("the alliance was invited"), default=False)
    response = models.CharField(
        _("the alliance's response"), max_length=20, choices=Response.choices, blank=True, default=Response.NONE
    )
    response_reason_en = models.TextField(_("reason (English)"), blank=True)
    response_reason_fa = models.TextField(_("reason (Persian)"), blank=True)
    sent_message = models.BooleanField(_("the alliance sent a message"), default=False)
    related_articles = models.ManyToManyField(
        "publishing.ArticlePage", blank=True, related_name="+", verbose_name=_("related articles")
    )

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title_en or self.title_fa

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("network:event", args=[self.pk])

    @property
    def title(self):
        return self.translated("title")

    @property
    def place(self):
        return self.translated("place")

    @property
    def response_reason(self):
        return self.translated("response_reason")

    @property
    def country_name(self):
        return country_name(self.country)

    @property
    def last_day(self):
        return self.end_date or self.start_date

    def covers(self, day):
        return self.start_date <= day <= self.last_day

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        if self.end_date == self.start_date:
            self.end_date = None
        if self.response == self.Response.DECLINED and not self.invited:
            raise ValidationError({"response": _("The alliance can only decline an invitation it received.")})
