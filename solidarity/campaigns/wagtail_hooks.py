"""Campaigns in Wagtail's admin: campaigns with their targets, updates, endorsements and the
access rules in one menu group; signatures in a menu of their own that only campaigners
(and administrators) see, because they hold signers' personal data; the campaign dashboards
(admin_views.py) at their addresses, with a menu item for the same staff."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
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
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from solidarity.core import translation_queue
from solidarity.core.admin_panels import Line, WorkPanel
from solidarity.core.bilingual import field_pair
from solidarity.core.permissions import StaffSnippetViewSet

from . import admin_views
from .models import AccessRule, Campaign, CampaignUpdate, Endorsement, Signature

# The defaults explained where a campaigner may change them (settings.CAMPAIGN_RATE_*; why in
# services/access.py).
BURST_HELP = format_lazy(
    _("Empty: the site's default, {limit} a minute from one IP address. Many people share one address "
      "(a union meeting on one Wi-Fi, mobile users in Iran behind their carrier's addresses): this only "
      "stops a machine. Made-up signatures are kept out by the e-mail confirmation: a signature counts "
      "only once confirmed."), limit=settings.CAMPAIGN_RATE_BURST)
SUSTAINED_HELP = format_lazy(
    _("Empty: the site's default, {limit} in five minutes. From one address, more than {domain} signatures "
      "in an hour with the same e-mail domain (large webmail providers aside) are held for review on the "
      "campaign's dashboard, with no confirmation e-mail until staff release them."),
    limit=settings.CAMPAIGN_RATE_SUSTAINED, domain=settings.CAMPAIGN_HOLD_SAME_DOMAIN)


class CampaignViewSet(StaffSnippetViewSet):
    model = Campaign
    icon = "warning"
    menu_label = _("Campaigns")
    list_display = ["__str__", "slug", "status", "starts_on", "ends_on", "goal"]
    list_filter = ["status"]
    search_fields = ["title_en", "title_fa", "slug"]
    edit_handler = TabbedInterface([
        ObjectList([
            field_pair("title", _("Title")),
            FieldPanel("slug"),
            FieldPanel("cases"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("goal")]),
            field_pair("headline", _("One-line demand")),
            field_pair("summary", _("Summary"), multiline=True),
            MultiFieldPanel([FieldPanel("image"), field_pair("image_alt", _("Picture description"))], heading=_("Picture")),
            field_pair("background", _("Background"), multiline=True),
            field_pair("demands", _("Demands"), multiline=True),
            field_pair("outcome", _("Outcome"), multiline=True),
        ], heading=_("Campaign")),
        ObjectList([InlinePanel("targets", heading=_("Targets"), label=_("Target"),
                                panels=[field_pair("name", _("Name")), field_pair("role", _("Title or role")),
                                        FieldRowPanel([FieldPanel("email"), FieldPanel("fax")]),
                                        FieldPanel("postal_address")])],
                   heading=_("Targets")),
        ObjectList([
            FieldPanel("petition_enabled"),
            MultiFieldPanel([FieldPanel("protest_enabled"), FieldPanel("protest_delivery"), field_pair("protest_text", _("Suggested message"), multiline=True)],
                            heading=_("Protest message")),
            MultiFieldPanel([FieldPanel("letter_enabled"), field_pair("letter_text", _("Letter text"), multiline=True)], heading=_("Printable letter")),
            FieldPanel("endorsement_enabled"),
        ], heading=_("Actions")),
        ObjectList([
            FieldPanel("pow_enabled"),
            FieldRowPanel([FieldPanel("burst_limit", help_text=BURST_HELP),
                           FieldPanel("sustained_limit", help_text=SUSTAINED_HELP)]),
        ], heading=_("Protection against abuse")),
    ])


class CampaignUpdateViewSet(StaffSnippetViewSet):
    model = CampaignUpdate
    icon = "doc-full"
    menu_label = _("Updates")
    list_display = ["__str__", "campaign", "published_at", "emailed_at"]
    list_filter = ["campaign"]
    panels = [FieldPanel("campaign"), field_pair("title", _("Title")), field_pair("body", _("Text"), multiline=True), FieldPanel("published_at")]


class EndorsementViewSet(StaffSnippetViewSet):
    model = Endorsement
    icon = "group"
    menu_label = _("Endorsements")
    list_display = ["organisation_name", "representative_name", "campaign", "country", "status", "confirmed_at", "created_at"]
    list_filter = ["status", "campaign"]
    search_fields = ["organisation_name", "representative_name", "email"]
    panels = [
        FieldPanel("campaign", read_only=True),
        FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("organisation")]),
        FieldRowPanel([FieldPanel("representative_name"), FieldPanel("representative_role")]),
        FieldRowPanel([FieldPanel("email", read_only=True), FieldPanel("country"), FieldPanel("confirmed_at", read_only=True)]),
    ]


class AccessRuleViewSet(StaffSnippetViewSet):
    model = AccessRule
    icon = "lock"
    menu_label = _("Blocked and allowed")
    list_display = ["value", "kind", "action", "note", "created_at"]
    list_filter = ["kind", "action"]
    search_fields = ["value", "note"]
    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("action")]), FieldPanel("value"), FieldPanel("note")]


class CampaignsGroup(SnippetViewSetGroup):
    items = (CampaignViewSet, CampaignUpdateViewSet, EndorsementViewSet, AccessRuleViewSet)
    menu_icon = "warning"
    menu_label = _("Campaigns")
    menu_name = "campaigns"
    menu_order = 210


register_snippet(CampaignsGroup)


class SignatureViewSet(ModelViewSet):
    """Signers' personal data: a model viewset, not a snippet, so that saving a signature
    never purges the page cache; visible only with the campaigns.view_signature permission."""

    model = Signature
    icon = "user"
    menu_label = _("Signatures")
    menu_order = 215
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["name", "email", "country", "campaign", "status", "created_at", "confirmed_at"]
    list_filter = ["campaign", "status", "country", "proof_of_work"]
    search_fields = ["name", "email", "organisation"]
    form_fields = ["status", "invalidated_reason"]
    inspect_view_fields = ["campaign", "name", "email", "country", "organisation", "language", "message", "status",
                           "created_at", "confirmed_at", "wants_updates", "wants_newsletter", "proof_of_work",
                           "invalidated_reason"]


@hooks.register("register_admin_viewset")
def register_signature_viewset():
    return SignatureViewSet("campaign_signatures")

# --- The campaign dashboards: their addresses, and a menu item for the staff who may see signer data.
@hooks.register("register_admin_urls")
def register_campaign_dashboard_urls():
    return [
        path("campaigns/dashboards/", admin_views.dashboards, name="campaigns_staff_dashboards"),
        path("campaigns/dashboards/<int:pk>/", admin_views.dashboard, name="campaigns_staff_dashboard"),
        path("campaigns/dashboards/<int:pk>/signatures.csv", admin_views.export_csv, name="campaigns_staff_export"),
        path("campaigns/dashboards/<int:pk>/delivery-pack.pdf", admin_views.delivery_pack,
             name="campaigns_staff_delivery_pack"),
        path("campaigns/dashboards/<int:pk>/delivery-packs/<int:pack_pk>/", admin_views.delivery_pack_status,
             name="campaigns_staff_delivery_pack_status"),
        path("campaigns/dashboards/<int:pk>/delivery-packs/<int:pack_pk>/download/", admin_views.delivery_pack_download,
             name="campaigns_staff_delivery_pack_download"),
        path("campaigns/dashboards/<int:pk>/invalidate/", admin_views.invalidation, name="campaigns_staff_invalidate"),
        path("campaigns/dashboards/<int:pk>/release-held/", admin_views.release_held, name="campaigns_staff_release_held"),
        path("campaigns/endorsements/<int:pk>/decide/", admin_views.decide_endorsement,
             name="campaigns_staff_decide_endorsement"),
    ]


class SignerDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaigns.view_signature")


@hooks.register("register_admin_menu_item")
def register_campaign_dashboards_menu_item():
    return SignerDataMenuItem(_("Campaign dashboards"), reverse("campaigns_staff_dashboards"), icon_name="view",
                              order=220)


@hooks.register(translation_queue.HOOK)
def campaigns_translations_waiting(user):
    items = []
    for model in (Campaign, CampaignUpdate):
        if user.has_perm(f"campaigns.change_{model._meta.model_name}"):
            items += translation_queue.paired_records_waiting(model.objects.all(),
                                                              edit_url=translation_queue.snippet_edit_url)
    return items


def _trend(today, yesterday):
    if today > yesterday:
        return format_lazy("↑ {} {}", today - yesterday, gettext("more than yesterday"))
    if today < yesterday:
        return format_lazy("↓ {} {}", yesterday - today, gettext("fewer than yesterday"))
    return gettext("as many as yesterday")


@hooks.register("construct_homepage_panels")
def campaigns_homepage_panels(request, panels):
    user = request.user
    if user.has_perm("campaigns.change_endorsement"):
        waiting = Endorsement.objects.filter(status=Endorsement.Status.PENDING).select_related("campaign")
        panels.append(WorkPanel(
            name="endorsements", heading=gettext("Endorsements to approve"), order=10,
            lines=[Line(f"{endorsement.organisation_name} · {endorsement.campaign}", "",
                        reverse("campaigns_staff_dashboard", args=[endorsement.campaign_id]))
                   for endorsement in waiting.order_by("created_at")[:8]],
            empty=gettext("No endorsement is waiting."),
            more_url=reverse(Endorsement.snippet_viewset.get_url_name("list")) + "?status=pending",
            more_text=format_lazy("{} ({})", gettext("All endorsements waiting"), waiting.count()),
        ))
    if user.has_perm("campaigns.view_signature"):
        now = timezone.localtime()
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        yesterday = today - datetime.timedelta(days=1)
        confirmed = Q(signatures__status=Signature.Status.CONFIRMED)
        live = Campaign.objects.filter(status=Campaign.Status.ACTIVE).annotate(
            today=Count("signatures", filter=confirmed & Q(signatures__created_at__gte=today)),
            yesterday=Count("signatures", filter=confirmed & Q(signatures__created_at__gte=yesterday,
                                                               signatures__created_at__lt=today)),
        ).order_by("-starts_on")[:10]
        panels.append(WorkPanel(
            name="live-campaigns", heading=gettext("Live campaigns: signatures today"), order=20,
            lines=[Line(str(campaign), campaign.today, reverse("campaigns_staff_dashboard", args=[campaign.pk]),
                        _trend(campaign.today, campaign.yesterday)) for campaign in live],
            empty=gettext("No campaign is live."),
            more_url=reverse("campaigns_staff_dashboards"), more_text=gettext("All campaign dashboards"),
        ))
