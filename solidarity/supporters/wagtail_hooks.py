"""Supporters in Wagtail's admin: one menu group with subscribers, lists, suppressed
addresses, bounces and the log of exports and erasures, plus CSV import and export."""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from solidarity.core import translation_queue
from solidarity.core.admin_choosers import allow_choosing, chooser_filterset
from solidarity.core.bilingual import field_pair

from . import admin_views
from .models import Bounce, MailingList, StaffAction, Subscriber, Suppression

# Lists (a branch's, a topic's) are chosen by searching, in forms and filters, however many there are.
allow_choosing(MailingList, search_fields=["slug"])


class PersonColumn(Column):
    """A link to the person's page (their data, export and erasure)."""

    cell_template_name = "supporters/admin/person_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("supporters_person", args=[instance.pk])
        return context


class MailingListViewSet(ModelViewSet):
    model = MailingList
    icon = "list-ul"
    menu_label = _("Lists")
    name = "supporters_mailinglist"
    url_prefix = "supporters/lists"
    copy_view_enabled = False
    list_display = ["name_en", "name_fa", "kind", "language", "is_public",
                    Column("active_count", label=_("Active subscribers"))]
    list_filter = ["kind", "is_public"]
    search_fields = ["name_en", "name_fa", "slug"]
    search_backend_name = None
    panels = [FieldPanel("slug"), field_pair("name"), field_pair("description", multiline=True), FieldPanel("kind"),
              FieldPanel("language"), FieldPanel("is_public"), FieldPanel("sort_order")]

    def get_queryset(self, request):
        # Counts only: Editors manage the lists without seeing who is on them.
        return MailingList.objects.annotate(
            active_count=Count("subscriptions", filter=Q(subscriptions__subscriber__status=Subscriber.Status.ACTIVE)))


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    name = "supporters_subscriber"
    url_prefix = "supporters/subscribers"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["email", "name", "language", "status", "created_at", PersonColumn("person", label=_("Data"))]
    filterset_class = chooser_filterset(Subscriber, ["status", "language", "lists"], choose=["lists"])
    search_fields = ["email", "name"]
    search_backend_name = None
    list_per_page = 50
    # Address and status change only through the person's own actions (signup, unsubscribe,
    # bounces) or the buttons on their page, so every change keeps its record. Panels, not
    # form_fields: Wagtail's form then gives the lists their chooser.
    panels = [FieldPanel("name"), FieldPanel("language"), FieldPanel("lists")]
    inspect_view_fields = ["email", "name", "language", "status", "created_at", "confirmed_at", "soft_bounces"]


class SuppressionViewSet(ModelViewSet):
    model = Suppression
    icon = "warning"
    menu_label = _("Suppressed addresses")
    name = "supporters_suppression"
    url_prefix = "supporters/suppressed"
    copy_view_enabled = False
    list_display = ["email_key", "reason", "created_at", "note"]
    list_filter = ["reason"]
    search_fields = ["email_key", "note"]
    search_backend_name = None
    form_fields = ["email_key", "reason", "note"]


class BounceViewSet(ModelViewSet):
    model = Bounce
    icon = "mail"
    menu_label = _("Bounces")
    name = "supporters_bounce"
    url_prefix = "supporters/bounces"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["email", "kind", "status_code", "received_at"]
    list_filter = ["kind"]
    search_fields = ["email", "diagnostic"]
    search_backend_name = None
    form_fields = []


class StaffActionViewSet(ModelViewSet):
    model = StaffAction
    icon = "history"
    menu_label = _("Data log")
    name = "supporters_staffaction"
    url_prefix = "supporters/log"
    copy_view_enabled = False
    list_display = ["created_at", "user", "action", "detail"]
    list_filter = ["action"]
    form_fields = []


class SupportersGroup(ModelViewSetGroup):
    menu_label = _("Supporters")
    menu_icon = "group"
    menu_order = 260
    items = (SubscriberViewSet, MailingListViewSet, SuppressionViewSet, BounceViewSet, StaffActionViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return SupportersGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("supporters/exchange/", admin_views.exchange, name="supporters_exchange"),
        path("supporters/export.csv", admin_views.export, name="supporters_export"),
        path("supporters/people/<int:pk>/", admin_views.person, name="supporters_person"),
        path("supporters/people/<int:pk>/data.json", admin_views.person_data, name="supporters_person_data"),
    ]


class ExchangeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("supporters.change_subscriber")


@hooks.register("register_admin_menu_item")
def register_exchange_menu_item():
    return ExchangeMenuItem(_("Supporters: CSV"), reverse("supporters_exchange"), icon_name="download", order=261)




@hooks.register(translation_queue.HOOK)
def mailing_lists_translations_waiting(user):
    if not user.has_perm("supporters.change_mailinglist"):
        return []
    return translation_queue.paired_records_waiting(
        MailingList.objects.all(), edit_url=lambda mailing_list: reverse("supporters_mailinglist:edit", args=[mailing_list.pk]))
