"""People at risk and the timeline of what happened to them.

The current status is derived from the timeline (see `Case.current_status` and timeline.py) and also kept on
the case, once from every event (for staff) and once from the public events only (what the
public list filters on), so that a private event never shows through the public status.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from solidarity.core.bilingual import Bilingual, field_pair, pick

from . import partialdates
from .timeline import Kind, Status, check_timeline, in_order, status_after

EARLIEST_YEAR = 1900




class CaseQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Case(Bilingual, ClusterableModel):
    slug = models.SlugField(
        _("address"), max_length=120, unique=True, blank=True,
        help_text=_("The last part of the case's web address; made from the Latin name when left empty."),
    )
    name_latin = models.CharField(_("name (Latin script)"), max_length=200)
    name_fa = models.CharField(_("name (Persian script)"), max_length=200, blank=True)
    occupation_en = models.CharField(_("occupation (English)"), max_length=200, blank=True)
    occupation_fa = models.CharField(_("occupation (Persian)"), max_length=200, blank=True)
    affiliations = ParentalManyToManyField(
        "network.Organisation", blank=True, related_name="cases", verbose_name=_("organisations"),
    )
    affiliations_text_en = models.CharField(
        _("other affiliations (English)"), max_length=300, blank=True,
        help_text=_("Unions or groups not yet in the network records."),
    )
    affiliations_text_fa = models.CharField(_("other affiliations (Persian)"), max_length=300, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=120, blank=True)
    city_fa = models.CharField(_("city (Persian)"), max_length=120, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fa = models.TextField(_("summary (Persian)"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("photo"),
    )
    photo_alt_en = models.CharField(
        _("photo description (English)"), max_length=250, blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    photo_alt_fa = models.CharField(
        _("photo description (Persian)"), max_length=250, blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    photo_consent = models.BooleanField(
        _("consent to show the photo"), default=False,
        help_text=_("The person or their family agreed that the photo may be published."),
    )

    # What the public sees. Nothing is public until chosen.
    is_public = models.BooleanField(_("public"), default=False, db_index=True)
    show_occupation = models.BooleanField(_("show the occupation"), default=False)
    show_affiliations = models.BooleanField(_("show the affiliations"), default=False)
    show_city = models.BooleanField(_("show the city"), default=False)
    show_photo = models.BooleanField(_("show the photo"), default=False)
    show_event_details = models.BooleanField(
        _("show the details of public events"), default=False,
        help_text=_("Place, description, sentence terms and bail of each public event; otherwise only "
                    "what happened and when."),
    )

    # Kept from the timeline on every save (see refresh_status).
    status = models.CharField(_("current status"), max_length=20, choices=Status.choices, blank=True,
                              editable=False, db_index=True)
    public_status = models.CharField(_("public status"), max_length=20, choices=Status.choices, blank=True,
                                     editable=False, db_index=True)
    latest_public_date = models.DateField(_("latest public event"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["is_public", "public_status"])]

    def __str__(self):
        return self.name_latin or self.name_fa

    def display_name(self, language=None):
        return pick(self.name_latin, self.name_fa, language)

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.slug])

    @property
    def occupation(self):
        return self.translated("occupation")

    @property
    def affiliations_text(self):
        return self.translated("affiliations_text")

    @property
    def city(self):
        return self.translated("city")

    @property
    def summary(self):
        return self.translated("summary")

    @property
    def photo_alt(self):
        return self.translated("photo_alt")

    @property
    def photo_shown(self):
        """The photo, only when it may be published."""
        if self.photo_id and self.photo_consent and self.show_photo:
            return self.photo
        return None

    def clean(self):
        super().clean()
        if self.show_photo and not self.photo_consent:
            raise ValidationError({"show_photo": _("A photo is only shown with the consent of the person or "
                                                   "their family.")})
        # The description is asked for in each language the case has a name in.
        if self.photo_id:
            missing = {}
            if self.name_latin and not self.photo_alt_en.strip():
                missing["photo_alt_en"] = _("Describe the photo for readers who cannot see it.")
            if self.name_fa and not self.photo_alt_fa.strip():
                missing["photo_alt_fa"] = _("Describe the photo for readers who cannot see it.")
            if missing:
                raise ValidationError(missing)
        if not self.slug and self.name_latin:
            self.slug = unique_slug(self.name_latin, exclude_pk=self.pk)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name_latin or "case", exclude_pk=self.pk)
        update_fields = kwargs.get("update_fields")
        # Events committed with the case (the admin form) leave the status to the case, once.
        self._saving_timeline = True
        try:
            super().save(*args, **kwargs)
        finally:
            self._saving_timeline = False
        if update_fields is None or "events" in update_fields:
            self.refresh_status()

    def timeline(self, *, public_only=False, events=None):
        """The events in the order they happened (see `in_order`)."""
        events = list(self.events.all()) if events is None else events
        if public_only:
            events = [event for event in events if event.is_public]
        return in_order(events)

    def current_status(self, *, public_only=False):
        return status_after(self.timeline(public_only=public_only))

    def check_timeline(self, events=None):
        """What is wrong or doubtful across the events (see `check_timeline`); the stored events
        unless others are given (the events as typed in the admin, or about to be imported)."""
        return check_timeline(list(self.events.all()) if events is None else events)

    def validate_timeline(self, events=None):
        """Raise a ValidationError naming each event that cannot be right; warnings pass."""
        errors = [
            gettext("%(event)s: %(problem)s") % {"event": problem.event.describe(), "problem": problem.message}
            for problem in self.check_timeline(events) if problem.is_error
        ]
        if errors:
            raise ValidationError(errors)

    def refresh_status(self):
        """Store the status derived from the timeline; called whenever the case or an event is saved."""
        events = list(self.events.all())
        public_timeline = self.timeline(public_only=True, events=events)
        values = {
            "status": status_after(self.timeline(events=events)),
            "public_status": status_after(public_timeline),
            "latest_public_date": max((event.start for event in public_timeline), default=None),
        }
        if any(getattr(self, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(self, name, value)
            Case.objects.filter(pk=self.pk).update(**values)


def unique_slug(text, *, exclude_pk=None):
    base = slugify(text)[:100] or "case"
    slug, number = base, 1
    others = Case.objects.exclude(pk=exclude_pk) if exclude_pk else Case.objects.all()
    while others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class CaseEvent(Bilingual, Orderable):
    Kind = Kind

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Unverified")
        ONE_SOURCE = "one_source", _("One source")
        CONFIRMED = "confirmed", _("Confirmed")

    class Currency(models.TextChoices):
        IRR = "IRR", _("rials")
        TOMAN = "toman", _("tomans")
        USD = "USD", _("US dollars")
        EUR = "EUR", _("euros")

    case = ParentalKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    date = models.DateField(
        _("date"),
        help_text=_("For a month or a year, any day in it will do: the date is shown at the chosen precision."),
    )
    date_precision = models.CharField(
        _("precision of the date"), max_length=5, choices=partialdates.PRECISION_CHOICES, default=partialdates.DAY,
    )
    # The calendar of the source's month or year: "Mordad 1402" is not a Gregorian month.
    date_calendar = models.CharField(
        _("calendar of the date"), max_length=9, choices=partialdates.CALENDAR_CHOICES, default=partialdates.GREGORIAN,
        help_text=_("The calendar the month or year is known in; a date typed in the Jalali calendar (1402/5) "
                    "is Jalali."),
    )
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True,
                                help_text=_("For example a prison or a court."))
    place_fa = models.CharField(_("place (Persian)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fa = models.TextField(_("description (Persian)"), blank=True)
    # Staff only: a source may name someone who must stay unknown.
    sources = models.TextField(_("sources (staff only)"), blank=True)
    verification = models.CharField(_("verification"), max_length=20, choices=Verification.choices,
                                    default=Verification.UNVERIFIED)

    # Sentence terms.
    prison_years = models.PositiveSmallIntegerField(_("prison: years"), null=True, blank=True,
                                                    validators=[MaxValueValidator(100)])
    prison_months = models.PositiveSmallIntegerField(_("prison: months"), null=True, blank=True,
                                                     validators=[MaxValueValidator(11)])
    lashes = models.PositiveSmallIntegerField(_("lashes"), null=True, blank=True,
                                              validators=[MaxValueValidator(1000)])
    fine_amount = models.DecimalField(_("fine"), max_digits=20, decimal_places=0, null=True, blank=True,
                                      validators=[MinValueValidator(1)])
    fine_currency = models.CharField(_("fine currency"), max_length=5, choices=Currency.choices, blank=True)
    ban_en = models.CharField(_("ban (English)"), max_length=300, blank=True,
                              help_text=_("For example: two years' ban on union activity and on leaving the country."))
    ban_fa = models.CharField(_("ban (Persian)"), max_length=300, blank=True)

    bail_amount = models.DecimalField(_("bail"), max_digits=20, decimal_places=0, null=True, blank=True,
                                      validators=[MinValueValidator(1)])
    bail_currency = models.CharField(_("bail currency"), max_length=5, choices=Currency.choices, blank=True)

    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("Shown on the case's public page when the case is public."))

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("date_precision"), FieldPanel("date_calendar")]),
        field_pair("place", _("Place")),
        field_pair("description", _("Description"), multiline=True),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("prison_years"), FieldPanel("prison_months"), FieldPanel("lashes")]),
            FieldRowPanel([FieldPanel("fine_amount"), FieldPanel("fine_currency")]),
            field_pair("ban"),
        ], heading=_("Sentence terms")),
        FieldRowPanel([FieldPanel("bail_amount"), FieldPanel("bail_currency")], heading=_("Bail")),
        FieldRowPanel([FieldPanel("sources"), FieldPanel("verification")]),
        FieldPanel("is_public"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.date_text('en')}"

    @property
    def start(self):
        return partialdates.start_of(self.date, self.date_precision, self.date_calendar)

    @property
    def end(self):
        return partialdates.end_of(self.date, self.date_precision, self.date_calendar)

    def date_text(self, language=None):
        return partialdates.as_text(self.date, self.date_precision, language, self.date_calendar)

    def date_html(self, language=None):
        return partialdates.as_html(self.date, self.date_precision, language, self.date_calendar)

    def describe(self, language=None):
        """What happened and when, to name the event in a message: 'Release (March 2023)'."""
        return gettext("%(what)s (%(when)s)") % {"what": self.get_kind_display(), "when": self.date_text(language)}

    @property
    def place(self):
        return self.translated("place")

    @property
    def description(self):
        return self.translated("description")

    @property
    def ban(self):
        return self.translated("ban")

    SENTENCE_FIELDS = ("prison_years", "prison_months", "lashes", "fine_amount", "fine_currency", "ban_en", "ban_fa")
    BAIL_FIELDS = ("bail_amount", "bail_currency")

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date_precision:
            self.date = self.start
            if self.date.year < EARLIEST_YEAR:
                errors["date"] = _("This date is too early; check the year.")
            # A trial or a summons may be announced for a day to come; nothing else has happened yet.
            elif self.start > timezone.localdate() and self.kind not in (self.Kind.TRIAL, self.Kind.SUMMONS):
                errors["date"] = _("This date is in the future; only a trial or a summons can be announced ahead.")
        if self.kind != self.Kind.SENTENCE:
            for name in self.SENTENCE_FIELDS:
                if getattr(self, name) not in (None, ""):
                    errors[name] = _("Sentence terms belong only on a sentence.")
        if self.kind != self.Kind.BAIL:
            for name in self.BAIL_FIELDS:
                if getattr(self, name) not in (None, ""):
                    errors[name] = _("A bail amount belongs only on a release on bail.")
        for amount, currency in (("fine_amount", "fine_currency"), ("bail_amount", "bail_currency")):
            if amount in errors or currency in errors:
                continue
            if getattr(self, amount) is not None and not getattr(self, currency):
                errors[currency] = _("Choose the currency of the amount.")
            elif getattr(self, currency) and getattr(self, amount) is None:
                errors[amount] = _("Enter the amount, or leave the currency empty.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.date and self.date_precision:
            # Also a date given as text ("2023-03-12"), as Django allows.
            self.date = partialdates.start_of(self._meta.get_field("date").to_python(self.date), self.date_precision,
                                              self.date_calendar)
        super().save(*args, **kwargs)
        # Saved with the case (the admin form), the case refreshes once after all its events.
        if not (CaseEvent.case.is_cached(self) and getattr(self.case, "_saving_timeline", False)):
            Case.objects.get(pk=self.case_id).refresh_status()

    def delete(self, *args, **kwargs):
        case_id = self.case_id
        result = super().delete(*args, **kwargs)
        case = Case.objects.filter(pk=case_id).first()
        if case:
            case.refresh_status()
        return result
