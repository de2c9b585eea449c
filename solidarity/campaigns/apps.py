from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "solidarity.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"
    # Signer data (signatures, deliveries, exports) only for campaigners, never for editors.
    staff_models = {
        "Campaigners": [
            "campaigns.campaign", "campaigns.target", "campaigns.campaignupdate", "campaigns.endorsement",
            "campaigns.signature", "campaigns.accessrule",
        ],
    }
    staff_permissions = {
        "Campaigners": ["campaigns.view_protestdelivery", "campaigns.view_exportlog"],
    }

    def ready(self):
        from . import receivers  # noqa: F401
