from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_archive_admin_urls():
    return [
        path("archive/", admin_views.upload, name="archive_upload"),
        path("archive/runs/<int:pk>/", admin_views.run_report, name="archive_report"),
        path("archive/runs/<int:pk>/report.csv", admin_views.run_report_csv, name="archive_report_csv"),
        path("archive/drafts/", admin_views.drafts, name="archive_drafts"),
        path("archive/drafts/<str:kind>/<int:pk>/", admin_views.review_draft, name="archive_review_draft"),
    ]


class ArchiveMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("archive.view_importrun")


@hooks.register("register_admin_menu_item")
def register_archive_menu_item():
    return ArchiveMenuItem(_("Old site archive"), reverse("archive_upload"), icon_name="upload", order=270)


@hooks.register("register_snippet_listing_buttons")
def register_review_button(snippet, user, next_url=None):
    """"Review and accept" beside each draft in the network's lists."""
    from wagtail.admin.widgets import ListingButton

    from .services import DRAFT_KINDS, draft_kind

    if not isinstance(snippet, tuple(DRAFT_KINDS.values())) or not getattr(snippet, "draft", False):
        return []
    if not user.has_perm(f"network.change_{snippet._meta.model_name}"):
        return []
    url = reverse("archive_review_draft", args=[draft_kind(snippet), snippet.pk])
    return [ListingButton(_("Review and accept"), url, icon_name="tick", priority=5)]
