"""The campaign dashboard in Wagtail's admin: signatures over time, by country and by status,
endorsements to approve, the CSV export, the delivery pack and bulk invalidation.

Registered through `register_admin_urls` (wagtail_hooks.py), so Wagtail already requires an
admin log-in; signer data needs `campaigns.view_signature` as well (Campaigners and
Administrators), changes need the matching change permission.
"""

from django import forms
from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from solidarity.core.admin_dates import BothCalendarsDateTimeField
from solidarity.core.countries import country_name
from solidarity.core.i18n import site_language
from solidarity.core.permissions import require_perm

from . import charts, deliverypack
from .models import Campaign, DeliveryPack, Endorsement, ExportLog, Signature
from .services.counts import count_confirmed
from .services.errors import StaffError
from .services.export import export_signatures, log_delivery_pack
from .services.invalidation import (
    RECENT_HOURS,
    Suspicion,
    busiest_sources,
    held_signatures,
    invalidate_signatures,
    preview_invalidation,
    release_held_signatures,
)

# How often the "being prepared" page reloads itself.
PACK_REFRESH_SECONDS = 5


class ExportForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        label=gettext_lazy("Signatures"), choices=Signature.Status.choices, initial=[Signature.Status.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
    )


class DeliveryPackForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"),
                                 choices=[("en", gettext_lazy("English")), ("fa", gettext_lazy("Persian"))])


class SuspicionForm(forms.Form):
    email_domain = forms.CharField(label=gettext_lazy("E-mail domain"), required=False, max_length=254,
                                   help_text=gettext_lazy("Also covers its subdomains."))
    ip = forms.CharField(label=gettext_lazy("IP address or IP hash"), required=False, max_length=64)
    signed_from = BothCalendarsDateTimeField(label=gettext_lazy("Signed from"), required=False)
    signed_until = BothCalendarsDateTimeField(label=gettext_lazy("Signed before"), required=False)
    name_contains = forms.CharField(label=gettext_lazy("Name contains"), required=False, max_length=200)
    include_confirmed = forms.BooleanField(label=gettext_lazy("Confirmed signatures too"), required=False, initial=True)

    def suspicion(self, data=None):
        data = self.cleaned_data if data is None else data
        return Suspicion(**{name: data.get(name) for name in SuspicionForm.base_fields})

    def clean(self):
        data = super().clean()
        if data.get("signed_from") and data.get("signed_until") and data["signed_from"] >= data["signed_until"]:
            raise forms.ValidationError(_("The end of the time window must come after its start."))
        if self.is_bound and not self.errors:
            suspicion = self.suspicion(data)
            if suspicion.is_empty():
                raise forms.ValidationError(
                    _("Give at least one criterion: an e-mail domain, an IP address, a time or a name."))
            if suspicion.ip.strip():
                try:
                    suspicion.ip_hash()
                except StaffError as error:
                    self.add_error("ip", str(error))
        return data


class InvalidationForm(SuspicionForm):
    up_to_id = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300,
                             help_text=gettext_lazy("Kept with each signature invalidated."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The criteria travel unchanged from the preview the person saw.
        for name in SuspicionForm.base_fields:
            self.fields[name].widget = forms.HiddenInput()


def _count(model, **conditions):
    """How many rows of `model` belong to the campaign of the outer row, as a subquery: one
    index count per campaign, not a join of every signature with every endorsement."""
    rows = model.objects.filter(campaign=OuterRef("pk"), **conditions).order_by().values("campaign")
    return Coalesce(Subquery(rows.annotate(n=Count("*")).values("n")), 0)


@require_perm("campaigns.view_signature")
@require_GET
def dashboards(request):
    campaigns = Campaign.objects.annotate(
        confirmed=_count(Signature, status=Signature.Status.CONFIRMED),
        pending=_count(Signature, status=Signature.Status.PENDING),
        endorsements_waiting=_count(Endorsement, status=Endorsement.Status.PENDING),
    ).order_by("-starts_on", "-pk")
    return TemplateResponse(request, "campaigns/staff/dashboards.html", {"campaigns": campaigns})


@require_perm("campaigns.view_signature")
@require_GET
def dashboard(request, pk):
    """Every figure is counted in the database on the indexes (see charts and
    services/invalidation.py): the page costs about the same with a hundred signatures or a few
    hundred thousand."""
    campaign = get_object_or_404(Campaign, pk=pk)
    language = translation.get_language()
    numbers = count_confirmed(campaign)
    by_country = sorted(
        ((code, country_name(code, language), n) for code, n in numbers["by_country"].items()),
        key=lambda row: (-row[2], row[1]),
    )
    series = charts.signatures_over_time(campaign)
    held = held_signatures(campaign).only("pk", "name", "email", "created_at")
    # Every signature falls in one of the chart's bars: their totals are the counts by status.
    statuses = {status: series.totals.get(status, 0) for status in Signature.Status.values}
    return TemplateResponse(request, "campaigns/staff/dashboard.html", {
        "campaign": campaign,
        "title": str(campaign),
        "statuses": statuses,
        "total": numbers["total"],
        "by_country": by_country,
        "chart": charts.render_svg(series),
        "legend": charts.legend(),
        "series": series,
        "endorsements": campaign.endorsements.filter(status=Endorsement.Status.PENDING).order_by("created_at"),
        "sources": busiest_sources(campaign),
        "held": list(held[:100]),
        "held_total": held.count(),
        "held_up_to": held.order_by("-pk").values_list("pk", flat=True).first(),
        "recent_hours": RECENT_HOURS,
        "exports": ExportLog.objects.filter(campaign=campaign).select_related("user")[:10],
        "packs": campaign.delivery_packs.select_related("requested_by")[:5],
        "export_form": ExportForm(),
        "pack_form": DeliveryPackForm(initial={"language": site_language(language)}),
        "suspicion_form": SuspicionForm(),
        "can_invalidate": request.user.has_perm("campaigns.change_signature"),
        "can_decide": request.user.has_perm("campaigns.change_endorsement"),
    })


@require_perm("campaigns.view_signature")
@require_POST
def export_csv(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose which signatures to export."))
        return redirect("campaigns_staff_dashboard", pk=campaign.pk)
    export = export_signatures(campaign, user=request.user, statuses=form.cleaned_data["statuses"])
    response = StreamingHttpResponse(export.lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_perm("campaigns.view_signature")
@require_POST
def delivery_pack(request, pk):
    """Drawn now for a small campaign; above CAMPAIGN_DELIVERY_PACK_INLINE_MAX signers the
    worker draws it and the person is sent to a page that offers it once it is ready."""
    campaign = get_object_or_404(Campaign, pk=pk)
    form = DeliveryPackForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else "en"
    if count_confirmed(campaign)["total"] > deliverypack.inline_max():
        pack = deliverypack.request_pack(campaign, user=request.user, language=language)
        return redirect("campaigns_staff_delivery_pack_status", pk=campaign.pk, pack_pk=pack.pk)
    pdf, rows = deliverypack.render_pdf(campaign, language=language)
    log_delivery_pack(campaign, user=request.user, language=language, rows=rows)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="delivery-pack-{campaign.pk}-{language}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_perm("campaigns.view_signature")
@require_GET
def delivery_pack_status(request, pk, pack_pk):
    """'Being prepared' (the page reloads itself, and has a link to do it by hand) until the
    pack is ready, then its download link."""
    pack = get_object_or_404(DeliveryPack.objects.select_related("campaign"), pk=pack_pk, campaign_id=pk)
    response = TemplateResponse(request, "campaigns/staff/delivery_pack_status.html", {
        "campaign": pack.campaign, "pack": pack, "title": str(pack.campaign),
        "refresh_seconds": PACK_REFRESH_SECONDS,
    })
    response["Cache-Control"] = "no-store"
    if pack.status == DeliveryPack.Status.QUEUED:
        response["Refresh"] = str(PACK_REFRESH_SECONDS)
    return response


@require_perm("campaigns.view_signature")
@require_GET
def delivery_pack_download(request, pk, pack_pk):
    """The only way to a pack the worker drew: it lies outside the media files. Each download
    is written to the export log."""
    pack = get_object_or_404(DeliveryPack.objects.select_related("campaign"), pk=pack_pk, campaign_id=pk,
                             status=DeliveryPack.Status.READY)
    try:
        file = deliverypack.open_pack(pack)
    except FileNotFoundError:
        raise Http404 from None
    log_delivery_pack(pack.campaign, user=request.user, language=pack.language, rows=pack.rows)
    response = FileResponse(file, content_type="application/pdf", as_attachment=True,
                            filename=f"delivery-pack-{pack.campaign_id}-{pack.language}.pdf")
    response["Cache-Control"] = "no-store"
    return response


@require_perm("campaigns.change_endorsement")
@require_POST
def decide_endorsement(request, pk):
    endorsement = get_object_or_404(Endorsement.objects.select_related("campaign"), pk=pk)
    decision = request.POST.get("decision")
    if decision == "approve":
        endorsement.approve(request.user)
        messages.success(request, _("Endorsement by %(organisation)s approved.") % {
            "organisation": endorsement.organisation_name})
    elif decision == "reject":
        endorsement.reject(request.user)
        messages.success(request, _("Endorsement by %(organisation)s rejected.") % {
            "organisation": endorsement.organisation_name})
    else:
        messages.error(request, _("Approve or reject the endorsement."))
    return redirect("campaigns_staff_dashboard", pk=endorsement.campaign_id)


@require_perm("campaigns.change_signature")
@require_POST
def release_held(request, pk):
    """Held signatures (a flood of one e-mail domain from one connection) get their confirmation
    e-mail: up to the last one the reviewer saw on the dashboard."""
    campaign = get_object_or_404(Campaign, pk=pk)
    try:
        up_to_id = int(request.POST.get("up_to_id", ""))
    except ValueError:
        messages.error(request, _("Reload the dashboard and look at the held signatures again."))
        return redirect("campaigns_staff_dashboard", pk=campaign.pk)
    changed = release_held_signatures(campaign, up_to_id=up_to_id)
    messages.success(request, _("%(count)s held signatures released: their confirmation e-mails are on their way.")
                     % {"count": changed})
    return redirect("campaigns_staff_dashboard", pk=campaign.pk)


@require_perm("campaigns.change_signature")
def invalidation(request, pk):
    """GET: the criteria and, once given, a preview of what they catch. POST: invalidate what
    the preview showed, with a reason."""
    campaign = get_object_or_404(Campaign, pk=pk)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = SuspicionForm(data)
    preview = confirm_form = None
    status = 200
    if request.method == "POST":
        confirm_form = InvalidationForm(request.POST)
        if confirm_form.is_valid():
            try:
                changed = invalidate_signatures(
                    campaign, confirm_form.suspicion(), up_to_id=confirm_form.cleaned_data["up_to_id"],
                    reason=confirm_form.cleaned_data["reason"], user=request.user,
                )
            except StaffError as error:
                confirm_form.add_error("reason", str(error))
            else:
                messages.success(request, _("%(count)s signatures invalidated.") % {"count": changed})
                return redirect("campaigns_staff_dashboard", pk=campaign.pk)
        status = 400
    if form.is_bound and form.is_valid():
        up_to_id = confirm_form.cleaned_data.get("up_to_id") if confirm_form is not None else None
        preview = preview_invalidation(campaign, form.suspicion(), up_to_id=up_to_id)
        if confirm_form is None:
            confirm_form = InvalidationForm(initial={**form.cleaned_data, "up_to_id": preview.up_to_id})
    return TemplateResponse(request, "campaigns/staff/invalidation.html",
                            {"campaign": campaign, "form": form, "preview": preview, "confirm_form": confirm_form},
                            status=status)
