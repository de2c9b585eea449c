"""The newsletter in Wagtail's admin: issues with their items, and a page to send them."""

import datetime

from django import forms
from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from solidarity.core import translation_queue
from solidarity.core.admin_panels import Line, WorkPanel
from solidarity.core.permissions import StaffSnippetViewSet

from . import admin_views, services
from .models import Delivery, Issue, Send


def source_choices():
    groups = [("", _("— nothing: a free section —"))]
    for language in ("en", "fa"):
        for label, options in services.source_choices(language):
            groups.append((f"{label} ({language})", options))
    return groups


class IssueViewSet(StaffSnippetViewSet):
    model = Issue
    icon = "mail"
    menu_label = _("Newsletter issues")
    menu_order = 270
    add_to_admin_menu = True
    list_display = ["__str__", "date", "language", "status"]
    list_filter = ["language", "status"]
    search_fields = ["title"]
    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("volume"), FieldPanel("number"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("counterpart"),
        FieldPanel("introduction"),
        InlinePanel("items", heading=_("Items"), label=_("Item"), panels=[
            FieldPanel("source", widget=forms.Select(choices=source_choices)),
            FieldPanel("title"),
            FieldPanel("summary"),
            FieldPanel("url"),
            MultiFieldPanel([FieldPanel("body")], heading=_("Free section text")),
        ]),
    ]


register_snippet(IssueViewSet)


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path("newsletter/", admin_views.dashboard, name="newsletter_dashboard"),
        path("newsletter/issues/<int:pk>/preview.<str:kind>", admin_views.preview, name="newsletter_preview"),
        path("newsletter/issues/<int:pk>/test/", admin_views.test_send, name="newsletter_test_send"),
        path("newsletter/issues/<int:pk>/send/", admin_views.send, name="newsletter_send"),
        path("newsletter/sends/<int:pk>/", admin_views.progress, name="newsletter_send_progress"),
        path("newsletter/sends/<int:pk>/pause/", admin_views.pause, name="newsletter_send_pause"),
        path("newsletter/sends/<int:pk>/resume/", admin_views.resume, name="newsletter_send_resume"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_newsletter_menu_item():
    return PermissionMenuItem(_("Send the newsletter"), reverse("newsletter_dashboard"), icon_name="mail",
                              order=271, permission="newsletter.view_send")


@hooks.register("register_snippet_listing_buttons")
def issue_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Issue):
        return []
    buttons = [
        Button(_("Preview (HTML)"), reverse("newsletter_preview", args=[snippet.pk, "html"]), priority=10),
        Button(_("Preview (text)"), reverse("newsletter_preview", args=[snippet.pk, "text"]), priority=11),
    ]
    if user.has_perm("newsletter.add_send"):
        buttons += [
            Button(_("Send a test"), reverse("newsletter_test_send", args=[snippet.pk]), priority=12),
            Button(_("Send or schedule"), reverse("newsletter_send", args=[snippet.pk]), priority=13),
        ]
    return buttons


@hooks.register(translation_queue.HOOK)
def issues_translations_waiting(user):
    if not user.has_perm("newsletter.change_issue"):
        return []
    no_counterpart = Issue.objects.filter(counterpart__isnull=True).order_by("-date")
    return [translation_queue.Waiting(
        kind=str(Issue._meta.verbose_name), title=str(issue), needs="en" if issue.language == "fa" else "fa",
        edit_url=translation_queue.snippet_edit_url(issue), detail=gettext("No issue in the other language is linked"),
    ) for issue in no_counterpart[:translation_queue.LIMIT]]


@hooks.register("construct_homepage_panels")
def newsletter_homepage_panel(request, panels):
    if not request.user.has_perm("newsletter.view_send"):
        return
    lines = []
    upcoming = Send.objects.filter(status__in=[Send.Status.SCHEDULED, Send.Status.SENDING, Send.Status.PAUSED]) \
        .select_related("issue").order_by("scheduled_at")
    for send in upcoming[:3]:
        lines.append(Line(str(send.issue), send.get_status_display(), reverse("newsletter_send_progress", args=[send.pk]),
                          date_format(timezone.localtime(send.scheduled_at), "SHORT_DATETIME_FORMAT")))
    draft = Issue.objects.filter(sends__isnull=True).order_by("-date").first()
    if draft and not lines:
        lines.append(Line(str(draft), gettext("Not sent yet"), translation_queue.snippet_edit_url(draft)))
    # Failed deliveries of the last 30 days, by send: an address that failed is retried or
    # shown on the send's page.
    since = timezone.now() - datetime.timedelta(days=30)
    failed = Delivery.objects.filter(state=Delivery.State.FAILED, send__created_at__gte=since) \
        .values("send", "send__issue__title").annotate(n=Count("pk")).order_by("-n")
    for row in failed[:5]:
        lines.append(Line(format_lazy("{}: {}", gettext("Failed deliveries"), row["send__issue__title"]), row["n"],
                          reverse("newsletter_send_progress", args=[row["send"]])))
    panels.append(WorkPanel(
        name="newsletter", heading=gettext("The next newsletter"), order=50, lines=lines,
        empty=gettext("No newsletter is being prepared, and no delivery failed in the last 30 days."),
        more_url=reverse("newsletter_dashboard"), more_text=gettext("Send the newsletter"),
    ))
