"""The report of an import run: every file, what was read from it, what the importer was unsure of.

Shown in the admin and downloaded as CSV in the reader's language (headers and words; the
figures and names as they were read).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from solidarity.core import csv as safe_csv

from .models import ImportedFile

KINDS = {
    "news": gettext_lazy("news article"),
    "statement": gettext_lazy("statement"),
    "resolution": gettext_lazy("resolution"),
    "letter": gettext_lazy("letter (solidarity message)"),
    "newsletter": gettext_lazy("newsletter issue (kept as a draft report until newsletter import exists)"),
}
LANGUAGES = {"en": gettext_lazy("English"), "fa": gettext_lazy("Persian")}
COLUMNS = [
    ("name", gettext_lazy("File")),
    ("old_path", gettext_lazy("Old address")),
    ("status", gettext_lazy("Status")),
    ("kind", gettext_lazy("Kind")),
    ("language", gettext_lazy("Language")),
    ("title", gettext_lazy("Title")),
    ("date", gettext_lazy("Date")),
    ("organisations", gettext_lazy("Organisations")),
    ("records", gettext_lazy("Drafts made")),
    ("redirect", gettext_lazy("Redirect from")),
    ("uncertainties", gettext_lazy("Unsure of")),
]


def _records(imported):
    parts = []
    if imported.article_id:
        if imported.kind == "newsletter":
            parts.append(_("article %(id)s (draft report)") % {"id": imported.article_id})
        else:
            parts.append(_("article %(id)s (draft)") % {"id": imported.article_id})
    if imported.resolution_id:
        parts.append(_("resolution %(id)s (draft, to review)") % {"id": imported.resolution_id})
    if imported.letter_id:
        parts.append(_("letter %(id)s (draft, to review)") % {"id": imported.letter_id})
    return "; ".join(parts)


def _organisation(found):
    if found.get("id") and not found.get("new"):
        return found["name"]
    return _("%(name)s (proposed, draft)") % {"name": found["name"]}


def report_rows(run):
    files = run.files.select_related("redirect").order_by("name")
    for imported in files:
        found = imported.extracted or {}
        yield {
            "file": imported,
            "name": imported.name,
            "old_path": imported.old_path,
            "status": imported.get_status_display(),
            "failed": imported.status == ImportedFile.Status.FAILED,
            "kind": str(KINDS.get(imported.kind, imported.kind)),
            "language": str(LANGUAGES.get(imported.language, imported.language)),
            "title": imported.title,
            "date": found.get("date") or "",
            "organisations": "; ".join(_organisation(o) for o in found.get("organisations", [])),
            "organisation_list": [{"name": o["name"], "proposed": not (o.get("id") and not o.get("new"))}
                                  for o in found.get("organisations", [])],
            "records": _records(imported),
            "redirect": imported.redirect.old_path if imported.redirect else "",
            "uncertainties": " | ".join(imported.uncertainties),
        }


def skipped_rows(run):
    # The reason is stored in English and translated here.
    return [{"name": skipped["name"], "status": pgettext("import report status", "Skipped"), "uncertainties": _(skipped["reason"])}
            for skipped in run.skipped]


def report_csv(run):
    # Text read from old pages: a spreadsheet must not run it as a formula (solidarity.core.csv).
    return safe_csv.to_text(
        ([row.get(name, "") for name, _label in COLUMNS] for row in [*report_rows(run), *skipped_rows(run)]),
        header=[str(label) for _name, label in COLUMNS],
    )
