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
        from solidarity.core.pagecache import HOME_PAGE, SEARCH_RESULTS, purge_on_change

        from .models import Case, CaseEvent

        # A case's page and the list, the campaign pages that name the people at risk, the home
        # page that may feature it and search.
        for model in (Case, CaseEvent):
            purge_on_change(model, areas=["cases", "campaigns", HOME_PAGE, SEARCH_RESULTS])
