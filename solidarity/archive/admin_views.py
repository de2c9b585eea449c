"""Staff pages in Wagtail's admin: upload a handful of old files, see and download the report,
review the network drafts an import made and accept them.

Registered through `register_admin_urls`, so Wagtail already requires an admin log-in; each view
also checks the archive permission it needs.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder

from solidarity.core.permissions import check_perm, require_perm

from . import report, services
from .models import ImportedFile, ImportRun

MAX_FILES = 20
MAX_FILE_BYTES = 10 * 1024 * 1024


@require_perm("archive.view_importrun")
def upload(request):
    errors = []
    base_url = request.POST.get("base_url", "").strip()
    if request.method == "POST":
        check_perm(request.user, "archive.add_importrun")
        files = request.FILES.getlist("files")
        if not files:
            errors.append(_("Choose at least one file."))
        if len(files) > MAX_FILES:
            errors.append(_("At most %(count)d files at a time; use the import_archive command for more.")
                          % {"count": MAX_FILES})
        for upload_file in files:
            if upload_file.size > MAX_FILE_BYTES:
                errors.append(_("%(name)s is larger than 10 MB.") % {"name": upload_file.name})
            elif services.Source(upload_file.name, b"").file_format == "":
                errors.append(_("%(name)s is not an HTML page, text file or PDF.") % {"name": upload_file.name})
        if not errors:
            sources = [services.Source(f.name, f.read()) for f in files]
            run = services.import_files(sources, base_url=base_url, started_by=request.user,
                                        source_label=_("uploaded in the admin"))
            messages.success(request, _("Imported %(files)d file(s) as drafts; %(skipped)d already imported.")
                             % {"files": run.files.count(), "skipped": len(run.skipped)})
            return redirect("archive_report", run.pk)
    runs = ImportRun.objects.all()[:20]
    return TemplateResponse(request, "archive/admin/upload.html", {
        "errors": errors, "base_url": base_url, "runs": runs, "max_files": MAX_FILES,
    }, status=400 if errors else 200)


@require_perm("archive.view_importrun")
def run_report(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    return TemplateResponse(request, "archive/admin/report.html", {
        "run": run, "rows": list(report.report_rows(run)), "skipped": report.skipped_rows(run),
    })


@require_perm("archive.view_importrun")
def run_report_csv(request, pk):
    run = get_object_or_404(ImportRun, pk=pk)
    response = HttpResponse(report.report_csv(run), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="archive-import-{run.pk}.csv"'
    return response


def _draft(request, kind, pk):
    model = services.DRAFT_KINDS.get(kind)
    if model is None:
        raise Http404
    check_perm(request.user, f"network.change_{model._meta.model_name}")
    return get_object_or_404(model, pk=pk)


@require_perm("archive.view_importrun")
def drafts(request):
    """Every network record the archive import made that no editor has accepted yet."""
    groups = [
        (model._meta.verbose_name_plural, kind, list(model.objects.drafts()[:200]), model.objects.drafts().count())
        for kind, model in services.DRAFT_KINDS.items()
        if request.user.has_perm(f"network.view_{model._meta.model_name}")
    ]
    return TemplateResponse(request, "archive/admin/drafts.html", {"groups": groups})


def review_draft(request, kind, pk):
    """The draft beside what it names and where it came from; accepting it makes it a normal record."""
    record = _draft(request, kind, pk)
    if request.method == "POST":
        try:
            accepted = services.accept_draft(record)
        except services.ArchiveError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, ngettext(
                "Accepted %(record)s; it is now a normal record.",
                "Accepted %(record)s and %(others)d draft(s) it names; they are now normal records.",
                len(accepted),
            ) % {"record": record, "others": len(accepted) - 1})
        return redirect("archive_drafts")
    field = {"resolution": "resolution", "letter": "letter"}.get(kind)
    sources = (ImportedFile.objects.filter(**{field: record}) if field
               else ImportedFile.objects.filter(proposed_organisations=record) if kind == "organisation"
               else ImportedFile.objects.none())
    return TemplateResponse(request, "archive/admin/review.html", {
        "record": record, "kind": kind, "named": services.drafts_named_by(record) if record.draft else [],
        "sources": sources, "edit_url": AdminURLFinder(request.user).get_edit_url(record),
    })
