"""The network in Wagtail's admin: one menu group, both languages side by side on each form."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from solidarity.core import translation_queue
from solidarity.core.bilingual import english_panel, field_pair, persian_panel
from solidarity.core.permissions import StaffSnippetViewSet

from . import admin_views
from .models import Correspondence, Event, LetterTemplate, Organisation, Resolution


class OrganisationViewSet(StaffSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    chooser_form_fields = ["name_en", "name_fa", "acronym_en", "kind", "country", "parent"]

    def get_queryset(self, request):
        return Organisation.objects.select_related("parent")
    list_display = ["name_en", "name_fa", "acronym_en", "kind", "country", "parent", "relationship"]
    list_filter = ["kind", "country", "relationship"]
    search_fields = ["name_en", "name_fa", "acronym_en", "acronym_fa", "city_en"]
    edit_handler = TabbedInterface([
        ObjectList([
            field_pair("name", _("Name")),
            field_pair("acronym", _("Acronym")),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("relationship")]),
            FieldRowPanel([FieldPanel("country"), english_panel("city_en"), persian_panel("city_fa")]),
            FieldPanel("parent"),
            FieldPanel("website"),
            FieldPanel("related_articles"),
        ], heading=_("Public")),
        ObjectList([FieldPanel("notes"), FieldPanel("contacts")], heading=_("Staff only")),
    ])


class EventViewSet(StaffSnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    chooser_form_fields = ["title_en", "title_fa", "kind", "start_date", "end_date", "place_en", "place_fa", "country"]
    list_display = ["title_en", "kind", "start_date", "end_date", "country", "invited", "response"]
    list_filter = ["kind", "invited", "response", "country"]
    search_fields = ["title_en", "title_fa", "place_en"]
    panels = [
        field_pair("title", _("Title")),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldRowPanel([english_panel("place_en"), persian_panel("place_fa"), FieldPanel("country")], heading=_("Place")),
        FieldPanel("organisers"),
        MultiFieldPanel([
            FieldPanel("invited"),
            FieldPanel("response"),
            field_pair("response_reason", _("Reason"), multiline=True),
            FieldPanel("sent_message"),
        ], heading=_("Invitation and response")),
        FieldPanel("related_articles"),
    ]


class ResolutionViewSet(StaffSnippetViewSet):
    model = Resolution
    icon = "doc-full"
    menu_label = _("Resolutions")
    list_display = ["title_en", "number", "adopting_organisation", "date", "status"]
    list_filter = ["status"]
    search_fields = ["title_en", "title_fa", "number"]

    def get_queryset(self, request):
        return Resolution.objects.select_related("adopting_organisation")
    panels = [
        FieldPanel("adopting_organisation"),
        FieldPanel("event"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("date"), FieldPanel("status")]),
        field_pair("title", _("Title")),
        FieldPanel("submitted_by"),
        field_pair("commitments_lead", _("Words before the commitments")),
        InlinePanel("clauses", heading=_("Clauses"), label=_("Clause"),
                    panels=[FieldPanel("kind"), field_pair("text", multiline=True)]),
        MultiFieldPanel([FieldPanel("source_title"), FieldPanel("source_url"), FieldPanel("source_document")],
                        heading=_("Source")),
        FieldPanel("response_article"),
    ]


class CorrespondenceViewSet(StaffSnippetViewSet):
    model = Correspondence
    icon = "mail"
    menu_label = _("Letters")
    chooser_form_fields = ["direction", "language", "sender", "date", "subject", "body"]

    def get_queryset(self, request):
        return Correspondence.objects.select_related("sender")
    list_display = ["subject", "direction", "sender", "date", "language", "status"]
    list_filter = ["direction", "status", "language"]
    search_fields = ["subject", "body"]
    panels = [
        FieldRowPanel([FieldPanel("direction"), FieldPanel("status"), FieldPanel("language")]),
        FieldPanel("sender"),
        FieldPanel("recipients"),
        FieldRowPanel([FieldPanel("event"), FieldPanel("resolution")]),
        FieldPanel("date"),
        FieldPanel("subject"),
        FieldPanel("salutation"),
        FieldPanel("body"),
        FieldPanel("closing"),
        FieldPanel("signatories"),
        FieldPanel("translation_of"),
    ]


class LetterTemplateViewSet(StaffSnippetViewSet):
    model = LetterTemplate
    icon = "form"
    menu_label = _("Letter templates")
    list_display = ["name", "kind", "language"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind"), FieldPanel("language")]),
        FieldPanel("subject"), FieldPanel("salutation"), FieldPanel("body"), FieldPanel("closing"),
        FieldPanel("signatories"),
    ]


class NetworkGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "group"
    menu_order = 250
    items = (OrganisationViewSet, EventViewSet, ResolutionViewSet, CorrespondenceViewSet, LetterTemplateViewSet)


register_snippet(NetworkGroup)


@hooks.register("register_admin_urls")
def register_network_admin_urls():
    return [
        path("network/csv/", admin_views.csv_exchange, name="network_csv"),
        path("network/csv/<str:kind>.csv", admin_views.csv_export, name="network_csv_export"),
        path("network/letters/new-from-template/", admin_views.letter_from_template, name="network_letter_from_template"),
        path("network/letters/<int:pk>/view/", admin_views.letter_view, name="network_letter_view"),
        path("network/letters/<int:pk>/letter.pdf", admin_views.letter_pdf, name="network_letter_pdf"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_network_csv_menu_item():
    return PermissionMenuItem(_("Network CSV"), reverse("network_csv"), icon_name="download", order=260,
                              permission="network.view_organisation")


@hooks.register("register_admin_menu_item")
def register_letter_from_template_menu_item():
    return PermissionMenuItem(_("New letter from a template"), reverse("network_letter_from_template"),
                              icon_name="mail", order=261, permission="network.add_correspondence")


@hooks.register(translation_queue.HOOK)
def network_translations_waiting(user):
    items = []
    for model in (Organisation, Event, Resolution):
        if user.has_perm(f"network.change_{model._meta.model_name}"):
            items += translation_queue.paired_records_waiting(model.objects.all(),
                                                              edit_url=translation_queue.snippet_edit_url)
    return items


@hooks.register("register_snippet_listing_buttons")
def letter_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Correspondence) and user.has_perm("network.view_correspondence"):
        yield Button(_("View"), reverse("network_letter_view", args=[snippet.pk]), icon_name="view", priority=15,
                     attrs={"target": "_blank", "rel": "noopener"})
        yield Button(_("PDF"), reverse("network_letter_pdf", args=[snippet.pk]), icon_name="doc-full", priority=16)
