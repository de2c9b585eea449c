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
    ]


class ArchiveMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("archive.view_importrun")


@hooks.register("register_admin_menu_item")
def register_archive_menu_item():
    return ArchiveMenuItem(_("Old site archive"), reverse("archive_upload"), icon_name="upload", order=270)
