from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MirrorsConfig(AppConfig):
    name = "solidarity.mirrors"
    label = "mirrors"
    verbose_name = _("Mirrors")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from solidarity.campaigns.models import Campaign, CampaignUpdate, Target
        from solidarity.cases.models import Case, CaseEvent
        from solidarity.network.models import Correspondence, Event, Organisation, Resolution
        from solidarity.newsletter.models import Issue

        from . import receivers
        from .models import MirrorSettings

        # Wagtail also sends page_unpublished when a live page is deleted.
        page_published.connect(receivers.on_public_change, dispatch_uid="mirrors-page-published")
        page_unpublished.connect(receivers.on_public_change, dispatch_uid="mirrors-page-unpublished")
        post_page_move.connect(receivers.on_public_change, dispatch_uid="mirrors-page-moved")
        # The records with public pages of their own (what the page cache purges for, as well).
        for model in (Campaign, CampaignUpdate, Target, Case, CaseEvent, Organisation, Event, Resolution,
                      Correspondence, Issue, MirrorSettings):
            label = model._meta.label_lower
            post_save.connect(receivers.on_public_change, sender=model, dispatch_uid=f"mirrors-saved-{label}")
            post_delete.connect(receivers.on_public_change, sender=model, dispatch_uid=f"mirrors-deleted-{label}")
