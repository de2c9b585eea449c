"""The report of an import run: every file, what was read from it, what the importer was unsure of."""

import csv
import io

from django.utils.translation import gettext as _

FIELDS = ["name", "old_path", "status", "kind", "language", "title", "date", "organisations", "records",
          "redirect", "uncertainties"]


def _records(imported):
    parts = []
    if imported.article_id:
        parts.append(_("article %(id)s (draft)") % {"id": imported.article_id})
    if imported.resolution_id:
        parts.append(_("resolution %(id)s (pending)") % {"id": imported.resolution_id})
    if imported.letter_id:
        parts.append(_("letter %(id)s (draft)") % {"id": imported.letter_id})
    return "; ".join(parts)


def report_rows(run):
    files = run.files.select_related("redirect").order_by("name")
    for imported in files:
        found = imported.extracted or {}
        yield {
            "file": imported,
            "name": imported.name,
            "old_path": imported.old_path,
            "status": imported.status,
            "kind": imported.kind,
            "language": imported.language,
            "title": imported.title,
            "date": found.get("date") or "",
            "organisations": "; ".join(
                o["name"] + ("" if o.get("id") and not o.get("new") else " (" + _("new") + ")")
                for o in found.get("organisations", [])
            ),
            "records": _records(imported),
            "redirect": imported.redirect.old_path if imported.redirect else "",
            "uncertainties": " | ".join(imported.uncertainties),
        }


def report_csv(run):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in report_rows(run):
        writer.writerow(row)
    for skipped in run.skipped:
        writer.writerow({"name": skipped["name"], "status": "skipped", "uncertainties": skipped["reason"]})
    return out.getvalue()
