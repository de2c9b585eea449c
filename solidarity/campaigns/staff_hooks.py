"""The campaign dashboards in Wagtail's admin: their addresses and a menu item for the staff
who may see signer data (campaigners and administrators)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import staff_views


@hooks.register("register_admin_urls")
def register_campaign_dashboard_urls():
    return [
        path("campaigns/dashboards/", staff_views.dashboards, name="campaigns_staff_dashboards"),
        path("campaigns/dashboards/<int:pk>/", staff_views.dashboard, name="campaigns_staff_dashboard"),
        path("campaigns/dashboards/<int:pk>/signatures.csv", staff_views.export_csv, name="campaigns_staff_export"),
        path("campaigns/dashboards/<int:pk>/delivery-pack.pdf", staff_views.delivery_pack,
             name="campaigns_staff_delivery_pack"),
        path("campaigns/dashboards/<int:pk>/delivery-packs/<int:pack_pk>/", staff_views.delivery_pack_status,
             name="campaigns_staff_delivery_pack_status"),
        path("campaigns/dashboards/<int:pk>/delivery-packs/<int:pack_pk>/download/", staff_views.delivery_pack_download,
             name="campaigns_staff_delivery_pack_download"),
        path("campaigns/dashboards/<int:pk>/invalidate/", staff_views.invalidation, name="campaigns_staff_invalidate"),
        path("campaigns/endorsements/<int:pk>/decide/", staff_views.decide_endorsement,
             name="campaigns_staff_decide_endorsement"),
    ]


class SignerDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("campaigns.view_signature")


@hooks.register("register_admin_menu_item")
def register_campaign_dashboards_menu_item():
    return SignerDataMenuItem(_("Campaign dashboards"), reverse("campaigns_staff_dashboards"), icon_name="view",
                              order=220)
