from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportersConfig(AppConfig):
    name = "solidarity.supporters"
    label = "supporters"
    verbose_name = _("Supporters")
    default_auto_field = "django.db.models.BigAutoField"
