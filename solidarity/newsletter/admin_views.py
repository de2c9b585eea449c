"""Staff pages for sending an issue: preview, test send, send or schedule, progress, pause.

Registered through `register_admin_urls`, so Wagtail already requires an admin log-in; each
view checks the model permission it needs. No JavaScript: the progress page refreshes itself.
"""

import smtplib

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from solidarity.core.permissions import require_perm

from . import services
from .forms import SendForm, TestSendForm
from .models import Issue, Send
from .rendering import render_issue

PROGRESS_REFRESH_SECONDS = 3


@require_perm("newsletter.view_send")
def dashboard(request):
    return TemplateResponse(request, "newsletter/admin/dashboard.html", {
        "issues": Issue.objects.all()[:50],
        "sends": Send.objects.select_related("issue")[:50],
    })


@require_perm("newsletter.view_issue")
def preview(request, pk, kind):
    issue = get_object_or_404(Issue, pk=pk)
    sample = request.build_absolute_uri("/") + issue.language + "/newsletter/"
    html, text = render_issue(issue).personalise(unsubscribe_url=sample, preferences_url=sample)
    if kind == "text":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@require_perm("newsletter.add_send")
def test_send(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    form = TestSendForm(request.POST or None, initial={"addresses": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            count = services.send_test(issue=issue, addresses=form.cleaned_data["addresses"])
        except (OSError, smtplib.SMTPException, services.sending.ServerUnavailable) as error:
            form.add_error(None, _("The mail server did not accept the test: %(error)s") % {"error": error})
        else:
            messages.success(request, _("Test sent to %(count)d addresses.") % {"count": count})
            return redirect("newsletter_test_send", pk=issue.pk)
    return TemplateResponse(request, "newsletter/admin/test_send.html", {"issue": issue, "form": form})


@require_perm("newsletter.add_send")
def send(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    form = SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_send(issue=issue, lists=form.cleaned_data["lists"],
                                       scheduled_at=form.cleaned_data["scheduled_at"], user=request.user)
        except services.NewsletterError as error:
            form.add_error(None, str(error))
        else:
            return redirect("newsletter_send_progress", pk=new.pk)
    return TemplateResponse(request, "newsletter/admin/send.html", {
        "issue": issue, "form": form, "sends": issue.sends.all()})


@require_perm("newsletter.view_send")
def progress(request, pk):
    send = get_object_or_404(Send.objects.select_related("issue"), pk=pk)
    counts = send.progress()
    active = send.status in (Send.Status.SENDING, Send.Status.SCHEDULED)
    return TemplateResponse(request, "newsletter/admin/progress.html", {
        "send": send, "counts": counts, "lists": send.lists.all(),
        "refresh": PROGRESS_REFRESH_SECONDS if active else None,
        "done_percent": 100 * (counts["total"] - counts["remaining"]) // counts["total"] if counts["total"] else 0,
        "can_control": request.user.has_perm("newsletter.change_send"),
        # Addresses are for staff who may see subscribers (Campaigners), not every editor.
        "recent_failures": send.deliveries.filter(state__in=["failed", "bounced"]).order_by("-pk")[:20]
        if request.user.has_perm("supporters.view_subscriber") else [],
    })


@require_perm("newsletter.change_send")
@require_POST
def pause(request, pk):
    send = get_object_or_404(Send, pk=pk)
    if services.pause_send(send=send):
        messages.success(request, _("Sending is paused."))
    return redirect("newsletter_send_progress", pk=send.pk)


@require_perm("newsletter.change_send")
@require_POST
def resume(request, pk):
    send = get_object_or_404(Send, pk=pk)
    if services.resume_send(send=send):
        messages.success(request, _("Sending goes on."))
    return redirect("newsletter_send_progress", pk=send.pk)
