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

    def ready(self):
        from solidarity.core.pagecache import SEARCH_RESULTS, purge_on_change

        from .models import Clause, Correspondence, Event, LetterTemplate, Organisation, Resolution

        # A new draft (from the archive import) is on no public page until an editor accepts it.
        def new_draft(instance, *, created, update_fields):
            return created and getattr(instance, "draft", False)

        # Case pages name the organisations people belong to.
        purge_on_change(Organisation, areas=["network", "cases", SEARCH_RESULTS], skip=new_draft)
        for model in (Event, Resolution, Correspondence):
            purge_on_change(model, areas=["network", SEARCH_RESULTS], skip=new_draft)
        purge_on_change(LetterTemplate, areas=["network"], skip=new_draft)
        purge_on_change(Clause, areas=["network", SEARCH_RESULTS], skip=lambda clause, **change: clause.resolution.draft)
