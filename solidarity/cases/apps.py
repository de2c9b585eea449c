from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "solidarity.cases"
    label = "cases"
    verbose_name = _("Cases")
    default_auto_field = "django.db.models.BigAutoField"
    staff_models = {
        "Editors": ["cases.case", "cases.caseevent"],
        "Campaigners": ["cases.case", "cases.caseevent"],
    }

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from solidarity.core.pagecache import purge_page_cache

        from .models import CaseEvent

        # A case is a snippet, so saving it purges the page cache; an event saved on its own
        # (a script, the shell) changes the case's page too.
        def purge(**kwargs):
            purge_page_cache()

        post_save.connect(purge, sender=CaseEvent, weak=False, dispatch_uid="cases-event-saved")
        post_delete.connect(purge, sender=CaseEvent, weak=False, dispatch_uid="cases-event-deleted")
