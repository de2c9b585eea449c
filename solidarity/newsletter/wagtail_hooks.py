"""The newsletter in Wagtail's admin: issues with their items, and a page to send them."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from solidarity.core.permissions import StaffSnippetViewSet

from . import admin_views, services
from .models import Issue


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
