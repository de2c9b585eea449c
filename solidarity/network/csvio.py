"""CSV exchange of organisations and resolutions for staff.

An import is all or nothing: every row is checked (and written inside one transaction, so
that a row can name a parent from an earlier row); if any row has a problem the whole
transaction is rolled back and each problem is reported with its row number and column.
Existing records are updated (organisations by English name, resolutions by organisation,
number and date), so an exported file can be edited and imported again. Staff-only notes
and contacts are never exported; a cell a spreadsheet would run as a formula is quoted.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from solidarity.core import csv as safe_csv
from solidarity.core.countries import is_known

from .models import Clause, Event, Organisation, Resolution

ORGANISATION_COLUMNS = ["name_en", "name_fa", "acronym_en", "acronym_fa", "kind", "country", "city_en", "city_fa",
                        "parent", "website", "relationship"]
RESOLUTION_COLUMNS = ["organisation", "number", "date", "status", "title_en", "title_fa", "event", "submitted_by",
                      "commitments", "considerations", "source_title", "source_url"]
LIST_SEPARATOR = ";"


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def _write(rows, columns):
    # Names and titles are typed by people outside the alliance: guarded against formulas.
    return safe_csv.to_text(rows, header=columns)


def export_organisations():
    rows = (
        [o.name_en, o.name_fa, o.acronym_en, o.acronym_fa, o.kind, o.country, o.city_en, o.city_fa,
         o.parent.name_en if o.parent else "", o.website, o.relationship]
        for o in Organisation.objects.public().select_related("parent").order_by("name_en", "pk")
    )
    return _write(rows, ORGANISATION_COLUMNS)


def export_resolutions():
    resolutions = Resolution.objects.public().select_related("adopting_organisation", "event").prefetch_related(
        "submitted_by", "clauses"
    ).order_by("date", "pk")
    rows = (
        [r.adopting_organisation.name_en, r.number, r.date.isoformat(), r.status, r.title_en, r.title_fa,
         r.event.title_en if r.event else "", f"{LIST_SEPARATOR} ".join(o.name_en for o in r.submitted_by.all()),
         "\n".join(c.text_en for c in r.commitments), "\n".join(c.text_en for c in r.considerations),
         r.source_title, r.source_url]
        for r in resolutions
    )
    return _write(rows, RESOLUTION_COLUMNS)


def _read(data, columns, result):
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.errors.append(RowError(1, "", _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")))
            return []
    reader = csv.DictReader(io.StringIO(data))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(RowError(1, ", ".join(missing), _("These columns are missing from the first row.")))
        return []
    # Row 1 is the header, so the first record is row 2, as a spreadsheet numbers it.
    return [(number, {k: (v or "").strip() for k, v in row.items() if k}) for number, row in enumerate(reader, 2)]


def _field_errors(error, number, result, rename=None):
    for name, messages in error.message_dict.items():
        column = (rename or {}).get(name, name)
        result.errors.append(RowError(number, "" if column == "__all__" else column, " ".join(messages)))


def import_organisations(data):
    result = ImportResult()
    rows = _read(data, ORGANISATION_COLUMNS, result)
    with transaction.atomic():
        for number, row in rows:
            before = len(result.errors)
            if not row["name_en"]:
                result.errors.append(RowError(number, "name_en", _("An English name is required.")))
                continue
            if row["kind"] not in Organisation.Kind.values:
                result.errors.append(RowError(number, "kind", _("Unknown kind “%(value)s”; use one of: %(choices)s.")
                                              % {"value": row["kind"], "choices": ", ".join(Organisation.Kind.values)}))
            if row["country"] and not is_known(row["country"].upper()):
                result.errors.append(RowError(number, "country", _("Unknown country code “%(value)s”.")
                                              % {"value": row["country"]}))
            relationship = row["relationship"] or Organisation.Relationship.OTHER
            if relationship not in Organisation.Relationship.values:
                result.errors.append(RowError(number, "relationship", _("Unknown relationship “%(value)s”.")
                                              % {"value": relationship}))
            parent = None
            if row["parent"]:
                parent = Organisation.objects.filter(name_en=row["parent"]).first()
                if parent is None:
                    result.errors.append(RowError(number, "parent", _(
                        "No organisation is called “%(value)s” (a parent must exist or come on an earlier row)."
                    ) % {"value": row["parent"]}))
            if len(result.errors) > before:
                continue
            organisation = Organisation.objects.filter(name_en=row["name_en"]).first()
            is_new = organisation is None
            organisation = organisation or Organisation(name_en=row["name_en"])
            for name in ["name_fa", "acronym_en", "acronym_fa", "kind", "city_en", "city_fa", "website"]:
                setattr(organisation, name, row[name])
            organisation.country = row["country"].upper()
            organisation.relationship = relationship
            organisation.parent = parent
            try:
                organisation.full_clean()
            except ValidationError as error:
                _field_errors(error, number, result)
                continue
            organisation.save()
            if is_new:
                result.created += 1
            else:
                result.updated += 1
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result


def _lines(text):
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def import_resolutions(data):
    result = ImportResult()
    rows = _read(data, RESOLUTION_COLUMNS, result)
    with transaction.atomic():
        for number, row in rows:
            before = len(result.errors)
            organisation = Organisation.objects.filter(name_en=row["organisation"]).first() if row["organisation"] else None
            if organisation is None:
                result.errors.append(RowError(number, "organisation", _("No organisation is called “%(value)s”.")
                                              % {"value": row["organisation"]}))
            try:
                date = datetime.date.fromisoformat(row["date"])
            except ValueError:
                date = None
                result.errors.append(RowError(number, "date", _("“%(value)s” is not a date written as YYYY-MM-DD.")
                                              % {"value": row["date"]}))
            status = row["status"] or Resolution.Status.ADOPTED
            if status not in Resolution.Status.values:
                result.errors.append(RowError(number, "status", _("Unknown status “%(value)s”; use one of: %(choices)s.")
                                              % {"value": status, "choices": ", ".join(Resolution.Status.values)}))
            if not row["title_en"]:
                result.errors.append(RowError(number, "title_en", _("An English title is required.")))
            event = None
            if row["event"]:
                event = Event.objects.filter(title_en=row["event"]).first()
                if event is None:
                    result.errors.append(RowError(number, "event", _("No event is called “%(value)s”.")
                                                  % {"value": row["event"]}))
            submitters = []
            for name in [n.strip() for n in row["submitted_by"].split(LIST_SEPARATOR) if n.strip()]:
                found = Organisation.objects.filter(name_en=name).first()
                if found is None:
                    result.errors.append(RowError(number, "submitted_by", _("No organisation is called “%(value)s”.")
                                                  % {"value": name}))
                submitters.append(found)
            if len(result.errors) > before:
                continue
            resolution = None
            if row["number"]:
                resolution = Resolution.objects.filter(
                    adopting_organisation=organisation, number=row["number"], date=date
                ).first()
            is_new = resolution is None
            resolution = resolution or Resolution(adopting_organisation=organisation, number=row["number"], date=date)
            resolution.status, resolution.title_en, resolution.title_fa = status, row["title_en"], row["title_fa"]
            resolution.event, resolution.source_title, resolution.source_url = event, row["source_title"], row["source_url"]
            try:
                resolution.full_clean()
            except ValidationError as error:
                _field_errors(error, number, result)
                continue
            resolution.submitted_by.set(submitters)
            resolution.save()
            # Persian clause texts are not in the file; keep them for clauses whose English is unchanged.
            persian = {(c.kind, c.text_en): c.text_fa for c in Clause.objects.filter(resolution=resolution)}
            Clause.objects.filter(resolution=resolution).delete()
            clauses = [(Clause.Kind.COMMITMENT, t) for t in _lines(row["commitments"])] + [
                (Clause.Kind.CONSIDERATION, t) for t in _lines(row["considerations"])
            ]
            Clause.objects.bulk_create(
                Clause(resolution=resolution, kind=kind, text_en=text, text_fa=persian.get((kind, text), ""), sort_order=i)
                for i, (kind, text) in enumerate(clauses)
            )
            if is_new:
                result.created += 1
            else:
                result.updated += 1
        if result.errors:
            transaction.set_rollback(True)
            result.created = result.updated = 0
    return result
