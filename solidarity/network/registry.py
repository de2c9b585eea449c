"""The public resolution registry: filters by country, year and kind of organisation, with counts.

Each count ignores its own filter (choosing Canada still shows how many other countries there
are), so a page costs the same few queries whatever the size of the registry.
"""

from dataclasses import dataclass

from django.db.models import Count

from solidarity.core.countries import country_name, is_known

from .models import Organisation, Resolution


@dataclass(frozen=True)
class RegistryFilters:
    country: str = ""
    year: int | None = None
    kind: str = ""

    @classmethod
    def from_params(cls, params):
        country = params.get("country", "").upper()
        year = params.get("year", "")
        kind = params.get("kind", "")
        return cls(
            country=country if is_known(country) else "",
            year=int(year) if year.isdigit() and 1900 <= int(year) <= 2200 else None,
            kind=kind if kind in Organisation.Kind.values else "",
        )

    @property
    def active(self):
        return bool(self.country or self.year or self.kind)

    def apply(self, resolutions, *, ignore=()):
        if self.country and "country" not in ignore:
            resolutions = resolutions.filter(adopting_organisation__country=self.country)
        if self.year and "year" not in ignore:
            resolutions = resolutions.filter(year=self.year)
        if self.kind and "kind" not in ignore:
            resolutions = resolutions.filter(adopting_organisation__kind=self.kind)
        return resolutions


def adopted_resolutions(filters):
    return (
        filters.apply(Resolution.objects.adopted())
        .select_related("adopting_organisation", "event")
        # Only what a row shows: organisations carry notes and addresses the list never needs.
        .only("date", "number", "title_en", "title_fa", "adopting_organisation__country",
              "adopting_organisation__name_en", "adopting_organisation__name_fa", "event__title_en",
              "event__title_fa")
        .order_by("-date", "-pk")
    )


def counts_by_country(filters):
    rows = (
        filters.apply(Resolution.objects.adopted(), ignore=("country",))
        .values("adopting_organisation__country")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = [
        {"code": row["adopting_organisation__country"], "name": country_name(row["adopting_organisation__country"]),
         "count": row["count"]}
        for row in rows if row["adopting_organisation__country"]
    ]
    return sorted(counts, key=lambda row: (-row["count"], row["name"]))


def counts_by_year(filters):
    rows = (
        filters.apply(Resolution.objects.adopted(), ignore=("year",))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    return [{"year": row["year"], "count": row["count"]} for row in rows]
