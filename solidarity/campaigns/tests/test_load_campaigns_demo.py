from io import StringIO

from django.core.management import call_command

from solidarity.campaigns import services
from solidarity.campaigns.models import Campaign, Signature


def test_the_demo_campaign_is_added_once_with_confirmed_signatures_in_both_languages(db, client, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    call_command("load_campaigns_demo", stdout=StringIO())
    call_command("load_campaigns_demo", stdout=StringIO())

    campaign = Campaign.objects.get(slug="free-the-bus-drivers-demo")
    assert Campaign.objects.count() == 2
    assert campaign.title_fa and campaign.title_en
    assert services.counts(campaign)["total"] == Signature.objects.count() == 5
    assert client.get(campaign.get_absolute_url("fa")).status_code == 200
