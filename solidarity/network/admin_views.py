"""Staff pages in Wagtail's admin: CSV exchange, new letters from templates, and every letter
on letterhead and as PDF.

Registered through `register_admin_urls`, so Wagtail already requires an admin log-in; each
view also checks the model permission it needs.
"""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.snippets.widgets import AdminSnippetChooser

from solidarity.core.admin_choosers import chosen_records_field
from solidarity.core.admin_dates import BothCalendarsDateInput
from solidarity.core.permissions import check_perm, require_perm

from . import csvio, letters, services
from .models import Correspondence, Event, LetterTemplate, Organisation, Resolution

KINDS = {"organisations": (Organisation, csvio.import_organisations, csvio.export_organisations),
         "resolutions": (Resolution, csvio.import_resolutions, csvio.export_resolutions)}
MAX_CSV_BYTES = 5 * 1024 * 1024


class CSVImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Records"), choices=[
        ("organisations", gettext_lazy("Organisations")), ("resolutions", gettext_lazy("Resolutions"))])
    file = forms.FileField(label=gettext_lazy("CSV file (UTF-8)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


@require_perm("network.view_organisation")
def csv_exchange(request):
    result = None
    form = CSVImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        model, importer, _exporter = KINDS[form.cleaned_data["kind"]]
        name = model._meta.model_name
        check_perm(request.user, f"network.add_{name}", f"network.change_{name}")
        result = importer(form.cleaned_data["file"].read())
        if result.ok:
            messages.success(request, _("Imported: %(created)d new, %(updated)d updated.")
                             % {"created": result.created, "updated": result.updated})
            return redirect("network_csv")
    return TemplateResponse(request, "network/admin/csv.html", {
        "form": form, "result": result,
        "organisation_columns": csvio.ORGANISATION_COLUMNS, "resolution_columns": csvio.RESOLUTION_COLUMNS,
    })


def csv_export(request, kind):
    if kind not in KINDS:
        raise Http404
    model, _importer, exporter = KINDS[kind]
    check_perm(request.user, f"network.view_{model._meta.model_name}")
    response = HttpResponse(exporter(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{timezone.now():%Y-%m-%d}.csv"'
    return response


class LetterFromTemplateForm(forms.Form):
    template = forms.ModelChoiceField(LetterTemplate.objects.all(), label=gettext_lazy("Template"))
    # Choosers with search, as on the letter's own form: the registry holds thousands of records.
    event = forms.ModelChoiceField(Event.objects.all(), required=False, label=gettext_lazy("Event"),
                                   widget=AdminSnippetChooser(Event))
    resolution = forms.ModelChoiceField(Resolution.objects.select_related("adopting_organisation"), required=False,
                                        label=gettext_lazy("Resolution"), widget=AdminSnippetChooser(Resolution))
    # The letter's own recipients field: the same chooser, searched as the letter's form searches.
    recipients = chosen_records_field(Correspondence._meta.get_field("recipients"), required=False,
                                      label=gettext_lazy("Recipients"),
                                      help_text=gettext_lazy("Leave empty to write to the event's organisers "
                                                             "or the resolution's organisation."))
    date = forms.DateField(label=gettext_lazy("Date"), initial=timezone.localdate, widget=BothCalendarsDateInput)


@require_perm("network.add_correspondence")
def letter_from_template(request):
    form = LetterFromTemplateForm(request.POST or None, initial={"template": request.GET.get("template")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            letter = services.draft_letter_from_template(
                data["template"], event=data["event"], resolution=data["resolution"],
                recipients=list(data["recipients"]), date=data["date"],
            )
        except services.NetworkError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("A draft letter was written from the template. Check it before sending."))
            return redirect(AdminURLFinder(request.user).get_edit_url(letter))
    return TemplateResponse(request, "network/admin/letter_from_template.html", {"form": form})


def _letter(pk):
    return get_object_or_404(
        Correspondence.objects.select_related("sender", "event", "resolution").prefetch_related("recipients"), pk=pk)


@require_perm("network.view_correspondence")
def letter_view(request, pk):
    """The letter on letterhead as it will print, whatever its status (the public page shows
    only published letters)."""
    return HttpResponse(letters.render_html(_letter(pk), request=request))


@require_perm("network.view_correspondence")
def letter_pdf(request, pk):
    letter = _letter(pk)
    response = HttpResponse(letters.render_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-{letter.pk}-{letter.date:%Y-%m-%d}.pdf"'
    return response
