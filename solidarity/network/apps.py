from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "solidarity.network"
    label = "network"
    verbose_name = _("Network")
    staff_models = {
        "Editors": ["network.organisation", "network.event", "network.resolution", "network.correspondence",
                    "network.lettertemplate"],
    }
