"""The public campaigns offered to site search (core/search.py): their texts in both languages
and the names of the public cases they are about, so a case's name finds the action."""

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _

from solidarity.core.bilingual import in_language
from solidarity.core.search import SearchRecord, record_words

from ..models import Campaign


def searchable_records(language):
    cases = Campaign.cases.field.related_model.objects.filter(is_public=True).only("name_latin", "name_fa")
    campaigns = (Campaign.objects.filter(status__in=[Campaign.Status.ACTIVE, Campaign.Status.CLOSED])
                 .prefetch_related(Prefetch("cases", queryset=cases)))
    records = []
    with translation.override(language):
        kind = _("Campaign")
        for campaign in campaigns:
            title = campaign.translated("title", language) or in_language(campaign.slug, "en")
            records.append(SearchRecord(
                kind=kind, title=title, language=title.language, url=campaign.get_absolute_url(language),
                summary=campaign.headline(language) or campaign.translated("summary", language), date=campaign.starts_on,
                titles=(campaign.title_en, campaign.title_fa), key=f"campaign:{campaign.pk}",
                words=record_words(
                    campaign.summary_en, campaign.summary_fa, campaign.demands_en, campaign.demands_fa,
                    campaign.headline_en, campaign.headline_fa, campaign.background_en, campaign.background_fa,
                    campaign.outcome_en if campaign.status == Campaign.Status.CLOSED else "",
                    campaign.outcome_fa if campaign.status == Campaign.Status.CLOSED else "",
                    *(name for case in campaign.cases.all() for name in (case.name_latin, case.name_fa)),
                ),
            ))
    return records
