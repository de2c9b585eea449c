"""Campaigns as other apps may show them (the newsletter): open and closed ones, never drafts."""

from django.utils import translation

from solidarity.core.records import PublicRecord

from ..models import Campaign

SHOWN = (Campaign.Status.ACTIVE, Campaign.Status.CLOSED)


def _record(campaign, language):
    with translation.override(language):
        return PublicRecord(pk=campaign.pk, title=campaign.translated("title", language),
                            summary=campaign.translated("summary", language),
                            url=campaign.get_absolute_url(language))


def public_campaign_records(language, *, limit=200):
    """The newest campaigns the public can see, for a list to choose from."""
    return [_record(campaign, language)
            for campaign in Campaign.objects.filter(status__in=SHOWN).order_by("-pk")[:limit]]


def public_campaign_record(pk, language):
    """One such campaign, or None when there is none the public can see."""
    campaign = Campaign.objects.filter(status__in=SHOWN, pk=pk).first()
    return _record(campaign, language) if campaign else None
