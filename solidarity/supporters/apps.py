from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportersConfig(AppConfig):
    name = "solidarity.supporters"
    label = "supporters"
    verbose_name = _("Supporters")
    default_auto_field = "django.db.models.BigAutoField"
    # Subscribers' addresses are personal data: only Campaigners (and Administrators) see them,
    # as with petition signers. Editors shape the lists the newsletter goes to, and see how
    # many people are on each, not who.
    staff_models = {
        "Editors": ["supporters.mailinglist"],
        "Campaigners": ["supporters.mailinglist", "supporters.suppression"],
    }
    staff_permissions = {
        "Campaigners": [
            # Subscribers are never added by hand (see Subscriber.Meta): no "add" permission.
            "supporters.view_subscriber", "supporters.change_subscriber", "supporters.delete_subscriber",
            "supporters.export_subscribers", "supporters.view_bounce", "supporters.delete_bounce",
            "supporters.view_staffaction",
        ],
    }

    def ready(self):
        from django.db.models.signals import post_delete

        from solidarity.campaigns.signals import signature_confirmed

        from . import receivers
        from .models import Suppression

        post_delete.connect(receivers.on_suppression_lifted, sender=Suppression,
                            dispatch_uid="supporters.on_suppression_lifted")
        signature_confirmed.connect(receivers.on_signature_confirmed, dispatch_uid="supporters.on_signature_confirmed")
