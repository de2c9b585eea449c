from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.contrib.settings.registry import register_setting

from solidarity.core.validators import DeliverableEmailField


@register_setting(icon="site")
class MirrorSettings(BaseGenericSetting):
    """Where else readers can find the site when its address is blocked: shown on the Mirrors
    page, in every baked copy and in the newsletter's footer. Administrators keep it."""

    mirrors = models.TextField(
        blank=True, verbose_name=_("mirrors"),
        help_text=_("One address per line, e.g. https://mirror.example.org/solidarity/ — copies of the site "
                    "that others host."),
    )
    onion_address = models.CharField(
        max_length=255, blank=True, verbose_name=_("onion address"),
        help_text=_("The site's address for Tor Browser, e.g. http://abc…xyz.onion/ (the ONION_ADDRESS "
                    "setting, when set, is shown instead)."),
    )
    sign_by_email = DeliverableEmailField(
        blank=True, verbose_name=_("address for signing by e-mail"),
        help_text=_("If campaigns can be signed by writing to an address, that address: copies of the site "
                    "tell readers to write to it. Leave empty when this is not offered."),
    )

    panels = [FieldPanel("mirrors"), FieldPanel("onion_address"), FieldPanel("sign_by_email")]

    class Meta:
        verbose_name = _("mirrors and other addresses")

    def mirror_list(self):
        return [line.strip() for line in self.mirrors.splitlines() if line.strip()]
