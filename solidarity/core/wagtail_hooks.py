"""The staff admin's permission rules that hold for every app (see core/permissions.py), and
what makes it speak the staff member's language (core/admin_i18n.py, core/static/core/admin.*)."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import (
    admin_choosers,
    admin_dates,
    admin_forms,
    admin_i18n,
    admin_menu,
    admin_panels,
    admin_views,
    permissions,
)

permissions.install()
admin_i18n.install()
admin_dates.install()
admin_forms.install()


# After Wagtail's own images and documents hooks, so these endpoints replace theirs.
@hooks.register("construct_admin_api", order=100)
def construct_admin_api(router):
    permissions.construct_admin_api(router)


# Before wagtail-localize's own hook, so these addresses answer in place of its snippet API.
@hooks.register("register_admin_urls", order=-1)
def register_localize_snippets_api():
    return permissions.localize_snippets_api_urls()


@hooks.register("insert_global_admin_js")
def global_admin_js():
    return format_html('<script src="{}"></script>', static("core/admin.js"))


@hooks.register("insert_global_admin_css")
def global_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("register_admin_urls")
def register_core_admin_urls():
    return [
        path("translations/waiting/", admin_views.translations_waiting, name="core_translations_waiting"),
        path("manual/", admin_views.manual_home, name="core_manual"),
        # As in the repository (docs/manual/<language>/<page>.md, docs/manual/images/<language>/),
        # so a page's relative links and images work in both places.
        path("manual/<str:language>/<str:name>.md", admin_views.manual_page, name="core_manual_page"),
        path("manual/images/<str:language>/<str:filename>", admin_views.manual_image, name="core_manual_image"),
        # What a many-to-many chooser offers for what was typed (core/admin_choosers.py).
        path("choose/<str:app_label>/<str:model_name>/<str:field_name>/", admin_choosers.choose_records,
             name="core_choose_records"),
    ]


@hooks.register("register_help_menu_item")
def register_manual_menu_item():
    return MenuItem(_("Manual for staff"), reverse("core_manual"), name="manual", icon_name="doc-full", order=900)


hooks.register("construct_main_menu", admin_menu.group_menu)
hooks.register("construct_homepage_panels", admin_panels.translations_panel)


# wagtail-localize's "Translations" report and Wagtail's "What's new" help item are named once,
# in the language of the first request that builds the menu: named again for each request.
@hooks.register("construct_reports_menu")
def name_the_translations_report(request, menu_items):
    from django.urls import reverse
    from django.utils.translation import gettext

    url = reverse("wagtail_localize:translations_report")
    for item in menu_items:
        if item.url == url:
            item.label = gettext("Translations")


@hooks.register("construct_help_menu")
def name_whats_new(request, menu_items):
    from django.utils.translation import gettext
    from wagtail.utils.version import get_main_version

    version = get_main_version(include_patch=False)
    for item in menu_items:
        if item.name == f"whats-new-in-wagtail-{version}":
            item.label = gettext("What's new in Wagtail %(version)s") % {"version": version}
