from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from solidarity.core.bilingual import Bilingual
from solidarity.core.countries import country_choices, country_name

from .drafts import Reviewable

# Deep enough for Local → regional division → national union → federation → international.
MAX_PARENT_DEPTH = 12


class Organisation(Bilingual, Reviewable):
    class Kind(models.TextChoices):
        UNION = "union", _("Union")
        LOCAL = "local", _("Local")
        FEDERATION = "federation", _("Federation")
        CONFEDERATION = "confederation", _("Confederation")
        SOLIDARITY_COMMITTEE = "committee", _("Solidarity committee")
        NGO = "ngo", _("NGO")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
        GOVERNMENT = "government", _("Government body")
        OTHER = "other", _("Other")

    class Relationship(models.TextChoices):
        PARTNER = "partner", _("Partner")
        ALLY = "ally", _("Ally")
        TARGET = "target", _("Target of campaigns")
        OTHER = "other", _("Other")
        ALLIANCE = "alliance", _("The alliance itself")

    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fa = models.CharField(_("name (Persian)"), max_length=255, blank=True)
    acronym_en = models.CharField(_("acronym (English)"), max_length=40, blank=True)
    acronym_fa = models.CharField(_("acronym (Persian)"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UNION)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True)
    city_en = models.CharField(_("city (English)"), max_length=120, blank=True)
    city_fa = models.CharField(_("city (Persian)"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("part of"),
    )
    website = models.URLField(_("website"), blank=True)
    relationship = models.CharField(
        _("relationship to the alliance"), max_length=20, choices=Relationship.choices,
        default=Relationship.OTHER,
    )
    related_articles = models.ManyToManyField(
        "publishing.ArticlePage", blank=True, related_name="+", verbose_name=_("related articles")
    )
    # Staff only: never rendered on a public page, a feed or an export for the public.
    notes = models.TextField(_("private notes"), blank=True)
    contacts = models.TextField(_("private contacts"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self):
        return self.name_en or self.name_fa

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("network:organisation", args=[self.pk])

    @property
    def name(self):
        return self.translated("name")

    @property
    def acronym(self):
        return self.translated("acronym")

    @property
    def city(self):
        return self.translated("city")

    @property
    def country_name(self):
        return country_name(self.country)

    def ancestors(self):
        """Parents from the nearest up, following only what is already loaded after the first step."""
        chain, seen, node = [], {self.pk}, self
        while node.parent_id and node.parent_id not in seen and len(chain) < MAX_PARENT_DEPTH:
            node = node.parent
            seen.add(node.pk)
            chain.append(node)
        return chain

    def would_make_cycle(self, parent):
        """True if `parent` is this organisation or one of its descendants."""
        if parent is None:
            return False
        if self.pk is None:
            return False
        node, steps = parent, 0
        while node is not None and steps <= MAX_PARENT_DEPTH:
            if node.pk == self.pk:
                return True
            node = Organisation.objects.filter(pk=node.parent_id).first() if node.parent_id else None
            steps += 1
        return node is not None  # a chain this deep is treated as a loop

    def clean(self):
        super().clean()
        if self.would_make_cycle(self.parent):
            raise ValidationError(
                {"parent": _("An organisation cannot be part of itself or of one of its own branches.")}
            )
