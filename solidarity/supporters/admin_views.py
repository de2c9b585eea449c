"""Staff pages for supporters in Wagtail's admin: CSV import and export, and one person's
data (export, unsubscribe, new personal links, erasure).

Registered through `register_admin_urls`, so Wagtail already requires an admin log-in; each
view checks the permission it needs. Every export and erasure is logged (StaffAction).
"""

import json

from django import forms
from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from solidarity.core.admin_choosers import chosen_record_field
from solidarity.core.permissions import check_perm, require_perm

from . import csvio, services
from .models import Subscriber, Subscription, Suppression

EXPORT = "supporters.export_subscribers"
CHANGE = "supporters.change_subscriber"
DELETE = "supporters.delete_subscriber"


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > csvio.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(size)s MB; split it into smaller files.")
                                        % {"size": csvio.MAX_BYTES // (1024 * 1024)})
        return upload


class ExportForm(forms.Form):
    # Searched for, not listed: there may be a list for every branch.
    mailing_list = chosen_record_field(
        Subscription._meta.get_field("mailing_list"), label=gettext_lazy("List"), required=False,
        help_text=gettext_lazy("Leave empty to export everyone."),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False,
                               choices=[("", gettext_lazy("Any"))] + list(Subscriber.Status.choices))


@require_perm(CHANGE)
def exchange(request):
    """Import subscribers from CSV (with their consent) and export them."""
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = csvio.import_subscribers(upload.read(), filename=upload.name, user=request.user)
    return TemplateResponse(request, "supporters/admin/exchange.html", {
        "form": form, "result": result, "export_form": ExportForm(), "columns": csvio.COLUMNS,
        "can_export": request.user.has_perm(EXPORT),
    })


@require_perm(EXPORT)
def export(request):
    form = ExportForm(request.GET or None)
    subscribers = Subscriber.objects.all()
    detail = "everyone"
    if form.is_valid():
        if form.cleaned_data["mailing_list"]:
            subscribers = subscribers.filter(subscriptions__mailing_list=form.cleaned_data["mailing_list"])
            detail = f"list {form.cleaned_data['mailing_list'].slug}"
        if form.cleaned_data["status"]:
            subscribers = subscribers.filter(status=form.cleaned_data["status"])
            detail += f", {form.cleaned_data['status']}"
    csvio.log_export(user=request.user, detail=detail)
    response = StreamingHttpResponse(csvio.export_rows(subscribers), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscribers-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@require_perm("supporters.view_subscriber")
def person(request, pk):
    """One person: what we hold, and the actions a request from them may need."""
    subscriber = get_object_or_404(Subscriber, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "unsubscribe":
            check_perm(request.user, CHANGE)
            services.unsubscribe(subscriber, how="staff")
            messages.success(request, _("%(email)s is unsubscribed and on the suppression list.")
                             % {"email": subscriber.email})
        elif action == "rotate":
            check_perm(request.user, CHANGE)
            subscriber.rotate_token()
            messages.success(request, _("The personal links in earlier messages no longer work."))
        elif action == "erase":
            check_perm(request.user, DELETE, EXPORT)
            if request.POST.get("confirm_email", "").strip().lower() != subscriber.email:
                messages.error(request, _("Type the address exactly to confirm the erasure."))
            else:
                services.erase_person(subscriber, user=request.user)
                messages.success(request, _("The person's data is erased; a one-way hash of the address stays "
                                            "on the suppression list."))
                return redirect("supporters_subscriber:index")
        return redirect("supporters_person", pk=pk)
    return TemplateResponse(request, "supporters/admin/person.html", {
        "subscriber": subscriber,
        "lists": subscriber.subscriptions.select_related("mailing_list").order_by("created_at"),
        "consents": subscriber.consents.all(),
        "requests": subscriber.requests.prefetch_related("lists"),
        "bounces": subscriber.bounces.all()[:50],
        "suppression": Suppression.find(subscriber.email),
        "can_change": request.user.has_perm(CHANGE),
        "can_erase": request.user.has_perm(DELETE) and request.user.has_perm(EXPORT),
        "can_export": request.user.has_perm(EXPORT),
    })


@require_perm(EXPORT)
def person_data(request, pk):
    """Everything we hold about one person, as a JSON file (a subject access request)."""
    subscriber = get_object_or_404(Subscriber, pk=pk)
    data = services.export_person(subscriber, user=request.user)
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="subscriber-{subscriber.pk}.json"'
    return response
