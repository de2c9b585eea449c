"""Finding public cases, for the case pages and for other apps (the newsletter, campaigns)."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext

from solidarity.core.records import PublicRecord
from solidarity.network.models import Organisation

from .models import Case, Status
from .public import public_case  # noqa: F401 (other apps read a case as the public sees it through here)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def public_cases():
    """Public cases, the newest first."""
    return Case.objects.public().order_by("-created_at", "-pk")


def _record(case, language):
    with translation.override(language):
        shown = public_case(case, with_timeline=False)
        return PublicRecord(pk=case.pk, title=shown.name, summary=shown.summary, url=shown.url)


def public_case_records(language, *, limit=200):
    """Public cases as other apps may show them (the newsletter): only what the case's editors
    made public; a private case never reaches a list or a mailbox."""
    return [_record(case, language) for case in public_cases()[:limit]]


def public_case_record(pk, language):
    """One public case, or None when there is no public case by that key."""
    case = public_cases().filter(pk=pk).first()
    return _record(case, language) if case else None


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    organisation: int | None = None
    city: str = ""

    @classmethod
    def from_params(cls, params):
        """Filters from a query string; a value that cannot be right is ignored, never an error."""
        status = params.get("status", "")
        if status not in Status.values or status == Status.NONE:
            status = ""
        organisation = params.get("organisation", "")
        # isdecimal, not isdigit: int() refuses "²" but reads Persian digits.
        organisation = int(organisation) if organisation.isdecimal() and len(organisation) < 12 else None
        # Control characters (a NUL is refused by PostgreSQL) never belong in a city's name.
        city = " ".join(CONTROL_CHARACTERS.sub("", params.get("city", "")).split())[:120]
        return cls(status=status, organisation=organisation, city=city)

    @property
    def active(self):
        return bool(self.status or self.organisation or self.city)


def find_public_cases(*, status="", organisation=None, city=""):
    """Public cases, the latest developments first. Organisation and city only match cases
    that show them: a filter must not reveal what the page hides."""
    cases = Case.objects.public()
    if status:
        cases = cases.filter(public_status=status)
    if organisation:
        cases = cases.filter(show_affiliations=True, affiliations=organisation, affiliations__draft=False)
    if city:
        cases = cases.filter(Q(city_en=city) | Q(city_fa=city), show_city=True)
    return cases.order_by(F("latest_public_date").desc(nulls_last=True), "-created_at", "-pk")


def filter_choices():
    """What the list can be filtered by: only values shown on some public case."""
    cases = Case.objects.public().order_by()
    statuses, cities = set(), set()
    # One query for the statuses and cities (order_by() so that DISTINCT is not spoilt by the ordering).
    for status, show_city, city_en, city_fa in cases.values_list(
        "public_status", "show_city", "city_en", "city_fa"
    ).distinct():
        statuses.add(status)
        city = Case(city_en=city_en, city_fa=city_fa).city if show_city else ""
        if city:
            cities.add(city)
    organisations = Organisation.objects.public().filter(cases__in=cases.filter(show_affiliations=True)).distinct()
    return {
        "statuses": [(value, label) for value, label in Status.choices if value and value in statuses],
        "organisations": sorted(organisations, key=lambda organisation: organisation.name),
        "cities": sorted(cities),
    }


def record_events(*, case, events):
    """Add events to a saved case (an import, a script), all or none: each event is checked
    on its own and the whole timeline with them, so nothing is stored when any is wrong."""
    events = list(events)
    errors = []
    for event in events:
        event.case = case
        try:
            event.full_clean(exclude=["case"])
        except ValidationError as error:
            errors += [gettext("%(event)s: %(problem)s") % {"event": event.describe(), "problem": message}
                       for message in error.messages]
    if errors:
        raise ValidationError(errors)
    stored = list(case.events.all())
    last = max((event.sort_order for event in stored if event.sort_order is not None), default=-1)
    for number, event in enumerate(events, start=last + 1):
        if event.sort_order is None:
            event.sort_order = number
    case.validate_timeline(stored + events)
    with transaction.atomic():
        for event in events:
            # The case refreshes its status once, after the last event.
            event.case._saving_timeline = True
            try:
                event.save()
            finally:
                event.case._saving_timeline = False
        case.refresh_status()
    return events


def searchable_records(language):
    """Public cases offered to site search (core/search.py): only the fields each case shows to
    the public, never a private case or a field kept back."""

    from solidarity.core.search import SearchRecord, record_words

    records = []
    with translation.override(language):
        kind = gettext("Case")
        for case in public_cases().prefetch_related("affiliations"):
            name = case.display_name(language)
            shown = [case.summary_en, case.summary_fa]
            if case.show_occupation:
                shown += [case.occupation_en, case.occupation_fa]
            if case.show_city:
                shown += [case.city_en, case.city_fa]
            if case.show_affiliations:
                shown += [case.affiliations_text_en, case.affiliations_text_fa]
                shown += [label for organisation in case.affiliations.all() if not organisation.draft
                          for label in (organisation.name_en, organisation.name_fa, organisation.acronym_en)]
            records.append(SearchRecord(
                kind=kind, title=name, language=getattr(name, "language", language), url=case.get_absolute_url(),
                summary=case.translated("summary", language), date=case.latest_public_date,
                titles=(case.name_latin, case.name_fa), words=record_words(*shown), key=f"case:{case.pk}",
            ))
    return records
