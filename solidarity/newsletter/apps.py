from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "solidarity.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")
    default_auto_field = "django.db.models.BigAutoField"
    # Editors write issues and send them; delivery rows (addresses) are read through the
    # progress page, which needs the send permission, not the subscriber list.
    staff_models = {
        "Editors": ["newsletter.issue", "newsletter.issueitem", "newsletter.send"],
        "Campaigners": ["newsletter.issue", "newsletter.issueitem", "newsletter.send"],
    }

    def ready(self):
        from solidarity.supporters.signals import bounce_received

        from .services import on_bounce_received

        bounce_received.connect(on_bounce_received, dispatch_uid="newsletter.on_bounce_received")

        from solidarity.core.pagecache import SEARCH_RESULTS, purge_on_change

        from .models import Issue, IssueItem

        # The web archive shows an issue once its first send has started (published_at); a
        # draft issue is on no public page.
        purge_on_change(Issue, areas=["newsletter", SEARCH_RESULTS], skip=lambda issue, **change: issue.published_at is None)
        purge_on_change(IssueItem, areas=["newsletter"], skip=lambda item, **change: item.issue.published_at is None)
