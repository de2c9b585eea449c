"""What the public sees of a campaign wherever it is listed or featured (the campaigns list,
the home page, the thanks pages): a card drawn from plain values, never from the campaign
itself, so a template cannot show a field by mistake."""

from dataclasses import dataclass

from django.utils import timezone

from ..models import Campaign
from .counts import counts


@dataclass(frozen=True)
class CampaignCard:
    slug: str
    url: str
    sign_url: str
    title: str
    headline: str
    summary: str
    image: object  # a Wagtail image, or None
    image_alt: str
    total: int
    goal: int | None
    percent: int  # of the goal, 0-100; 0 without a goal
    progress: int  # the count, at most the goal: a progress bar's value
    open: bool
    ends_on: object


def campaign_card(campaign, *, total=None):
    """The card of a campaign that is public (the caller has checked), in the current language."""
    if total is None:
        total = counts(campaign)["total"]
    url = campaign.get_absolute_url()
    goal = campaign.goal or None
    return CampaignCard(
        slug=campaign.slug,
        url=url,
        # Straight to the form: the campaign page's signing section carries this id.
        sign_url=f"{url}#sign",
        title=campaign.translated("title") or campaign.slug,
        headline=campaign.headline(),
        summary=campaign.translated("summary"),
        image=campaign.image if campaign.image_id else None,
        image_alt=campaign.translated("image_alt"),
        total=total,
        goal=goal,
        percent=min(100, total * 100 // goal) if goal else 0,
        progress=min(total, goal) if goal else 0,
        open=campaign.is_open_for_signing(),
        ends_on=campaign.ends_on,
    )


def live_campaigns(*, exclude=None, limit=None):
    """Campaigns open for signing today, the most recently started first."""
    today = timezone.localdate()
    found = (
        Campaign.objects.filter(status=Campaign.Status.ACTIVE, starts_on__lte=today)
        .exclude(ends_on__lt=today).select_related("image").order_by("-starts_on", "-pk")
    )
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return list(found[:limit] if limit else found)


def live_campaign_cards(*, exclude=None, limit=None):
    return [campaign_card(campaign) for campaign in live_campaigns(exclude=exclude, limit=limit)]


def public_campaign_cards(campaigns):
    """Cards of the given campaigns that are public (not drafts), in the order given."""
    return [campaign_card(campaign) for campaign in campaigns if campaign.is_public]
