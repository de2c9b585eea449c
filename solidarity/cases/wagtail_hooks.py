"""Cases in Wagtail's admin: the person, what may be published, and the timeline on one form."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Case, persian_panel


def _pair(field, heading, *, multiline=False):
    return FieldRowPanel([FieldPanel(f"{field}_en"), persian_panel(f"{field}_fa", multiline=multiline)],
                         heading=heading)


class CaseViewSet(SnippetViewSet):
    model = Case
    icon = "user"
    menu_label = _("Cases")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name_latin", "name_fa", "status", "public_status", BooleanColumn("is_public", label=_("Public")),
                    "updated_at"]
    list_filter = ["status", "is_public", "affiliations"]
    search_fields = ["name_latin", "name_fa", "slug", "city_en", "city_fa", "occupation_en", "occupation_fa"]
    edit_handler = TabbedInterface([
        ObjectList([
            FieldRowPanel([FieldPanel("name_latin"), persian_panel("name_fa")], heading=_("Name")),
            FieldPanel("slug"),
            _pair("occupation", _("Occupation")),
            FieldPanel("affiliations"),
            _pair("affiliations_text", _("Other affiliations")),
            _pair("city", _("City")),
            _pair("summary", _("Summary"), multiline=True),
            MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_consent")], heading=_("Photo")),
        ], heading=_("Person")),
        ObjectList([
            InlinePanel("events", heading=_("Timeline"), label=_("Event")),
        ], heading=_("Timeline")),
        ObjectList([
            FieldPanel("is_public"),
            FieldPanel("show_occupation"),
            FieldPanel("show_affiliations"),
            FieldPanel("show_city"),
            FieldPanel("show_photo"),
            FieldPanel("show_event_details"),
        ], heading=_("What is public")),
    ])


register_snippet(CaseViewSet)
