"""`manage.py anonymise_campaigns`: signer data erased a while after a campaign closes, counts kept."""

import datetime
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Campaign, Endorsement, Signature
from solidarity.campaigns.services import count_confirmed


def closed_campaign(slug, *, ended_days_ago):
    ends_on = timezone.localdate() - timedelta(days=ended_days_ago)
    campaign = make_campaign(slug=slug, status=Campaign.Status.CLOSED, starts_on=ends_on - timedelta(days=90),
                             ends_on=ends_on)
    # Closed on its last day.
    Campaign.objects.filter(pk=campaign.pk).update(
        closed_at=timezone.make_aware(datetime.datetime.combine(ends_on, datetime.time(18))))
    make_signature(campaign, email="Ana.Lopez@union.example", name="Ana López", country="ES",
                   organisation="CCOO", message="Free them.", ip_hash="a" * 64)
    make_signature(campaign, email="reza@example.ir", name="رضا کارگر", country="DE",
                   ip_hash="b" * 64)
    make_signature(campaign, email="sam@union.example", name="Sam", country="DE")
    make_signature(campaign, email="waiting@union.example", name="Wait Ing", confirmed=False)
    make_signature(campaign, email="bot@spam.example", name="Bot", status=Signature.Status.INVALIDATED, confirmed=False)
    Endorsement.objects.create(campaign=campaign, organisation_name="CUPE Local 4400", representative_name="Jane",
                               representative_role="President", email="jane@local4400.example", country="CA",
                               ip_hash="c" * 64, status=Endorsement.Status.APPROVED)
    return campaign


def run():
    out = StringIO()
    call_command("anonymise_campaigns", stdout=out)
    return out.getvalue()


def test_signer_data_of_a_campaign_closed_long_ago_is_erased_and_its_counts_stay(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 90
    old = closed_campaign("old", ended_days_ago=91)
    before = count_confirmed(old)
    statuses_before = sorted(old.signatures.values_list("status", "country", "created_at", "confirmed_at"))

    output = run()

    assert "Anonymised 5 signature(s) in 1 campaign(s)." in output
    for signature in old.signatures.all():
        assert (signature.name, signature.email, signature.organisation, signature.message, signature.ip_hash) == (
            "", "", "", "", "")
        assert signature.email_key == f"anonymised-{signature.pk}"
    assert count_confirmed(old) == before == {"total": 3, "by_country": {"ES": 1, "DE": 2}}
    assert sorted(old.signatures.values_list("status", "country", "created_at", "confirmed_at")) == statuses_before
    endorsement = old.endorsements.get()
    assert (endorsement.email, endorsement.ip_hash) == ("", "")
    assert endorsement.organisation_name == "CUPE Local 4400"


def test_recent_closed_and_running_campaigns_keep_their_signers(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 90
    recent = closed_campaign("recent", ended_days_ago=89)
    running = make_campaign(slug="running", starts_on=timezone.localdate() - timedelta(days=400),
                            ends_on=timezone.localdate() - timedelta(days=200))
    make_signature(running, email="x@union.example", name="Still Here")

    output = run()

    assert "Anonymised 0 signature(s) in 0 campaign(s)." in output
    assert set(recent.signatures.values_list("name", flat=True)) == {"Ana López", "رضا کارگر", "Sam", "Wait Ing", "Bot"}
    assert running.signatures.get().name == "Still Here"


def test_the_delay_is_a_setting(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 10
    campaign = closed_campaign("ten-days", ended_days_ago=10)

    run()

    assert not campaign.signatures.exclude(name="").exists()


def test_running_it_again_changes_nothing_and_a_new_campaign_can_reuse_the_addresses(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 90
    old = closed_campaign("old", ended_days_ago=200)
    run()

    assert "Anonymised 0 signature(s) in 0 campaign(s)." in run()
    assert old.signatures.count() == 5
    again = make_campaign(slug="again")
    make_signature(again, email="Ana.Lopez@union.example", name="Ana López")
    assert again.signatures.get().email == "Ana.Lopez@union.example"


def test_the_dry_run_lists_what_is_due_and_erases_nothing(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 90
    old = closed_campaign("old", ended_days_ago=120)
    out = StringIO()

    call_command("anonymise_campaigns", "--dry-run", stdout=out)

    assert "Due: old" in out.getvalue()
    assert old.signatures.exclude(name="").count() == 5


@pytest.mark.parametrize("days", [0, 1])
def test_zero_or_one_day_after_the_end_is_honoured(db, settings, days):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = days
    campaign = closed_campaign("soon", ended_days_ago=1)

    run()

    assert not campaign.signatures.exclude(name="").exists()
