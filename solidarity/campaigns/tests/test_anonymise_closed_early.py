"""Signer data is erased a while after the campaign was closed, counted from when staff closed
it (early or late), not from the end date it was given."""

import datetime
import importlib
from datetime import timedelta
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Campaign
from solidarity.campaigns.services import anonymisation

migration = importlib.import_module("solidarity.campaigns.migrations.0004_staff_and_updates")


def days_ago(days, hour=12):
    return timezone.make_aware(datetime.datetime.combine(timezone.localdate() - timedelta(days=days), datetime.time(hour)))


def test_closing_a_campaign_keeps_the_moment_and_reopening_it_forgets_it(db):
    campaign = make_campaign()
    assert campaign.closed_at is None

    campaign.status = Campaign.Status.CLOSED
    campaign.save(update_fields=["status"])
    campaign.refresh_from_db()
    closed_at = campaign.closed_at
    assert closed_at is not None and timezone.now() - closed_at < timedelta(minutes=1)

    # Saved again while closed (the outcome report written later): the moment stays.
    campaign.outcome_en = "Two drivers were released."
    campaign.save()
    campaign.refresh_from_db()
    assert campaign.closed_at == closed_at

    campaign.status = Campaign.Status.ACTIVE
    campaign.save(update_fields=["status"])
    campaign.refresh_from_db()
    assert campaign.closed_at is None


def test_a_campaign_closed_early_is_anonymised_counting_from_its_closing_not_its_end_date(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 90
    # Meant to run until next month; staff closed it 91 days ago when the drivers were freed.
    early = make_campaign(slug="closed-early", starts_on=timezone.localdate() - timedelta(days=200),
                          ends_on=timezone.localdate() + timedelta(days=30), status=Campaign.Status.CLOSED)
    Campaign.objects.filter(pk=early.pk).update(closed_at=days_ago(91))
    make_signature(early, email="ana@union.example", name="Ana López")

    out = StringIO()
    call_command("anonymise_campaigns", stdout=out)

    assert "Anonymised 1 signature(s) in 1 campaign(s)." in out.getvalue()
    assert early.signatures.get().name == ""


def test_a_campaign_closed_late_keeps_its_signers_until_the_delay_after_its_closing(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 90
    # Its end date passed 200 days ago, but staff closed it only 89 days ago.
    late = make_campaign(slug="closed-late", starts_on=timezone.localdate() - timedelta(days=300),
                         ends_on=timezone.localdate() - timedelta(days=200), status=Campaign.Status.CLOSED)
    Campaign.objects.filter(pk=late.pk).update(closed_at=days_ago(89, hour=0))
    make_signature(late, email="ana@union.example", name="Ana López")

    out = StringIO()
    call_command("anonymise_campaigns", "--dry-run", stdout=out)
    assert out.getvalue() == ""
    assert anonymisation.anonymise_campaigns() == {}
    assert late.signatures.get().name == "Ana López"

    # The day the delay is over, any time of the closing day counts.
    Campaign.objects.filter(pk=late.pk).update(closed_at=days_ago(90, hour=23))
    assert list(anonymisation.campaigns_due_for_anonymisation()) == [late]


def test_a_campaign_closed_today_by_staff_is_not_due_the_same_day(db, settings):
    settings.CAMPAIGN_ANONYMISE_AFTER_DAYS = 1
    campaign = make_campaign(starts_on=timezone.localdate() - timedelta(days=100),
                             ends_on=timezone.localdate() - timedelta(days=50))
    campaign.status = Campaign.Status.CLOSED
    campaign.save()

    assert list(anonymisation.campaigns_due_for_anonymisation()) == []
    assert list(anonymisation.campaigns_due_for_anonymisation(today=timezone.localdate() + timedelta(days=1))) == [campaign]


def test_the_migration_dates_the_closing_of_campaigns_closed_before_it_from_their_end_date(db):
    ends_on = timezone.localdate() - timedelta(days=40)
    closed = make_campaign(slug="closed", starts_on=ends_on - timedelta(days=90), ends_on=ends_on,
                           status=Campaign.Status.CLOSED)
    running = make_campaign(slug="running")
    Campaign.objects.update(closed_at=None)

    migration.closed_at_from_ends_on(apps, None)

    closed.refresh_from_db()
    running.refresh_from_db()
    assert timezone.localtime(closed.closed_at).date() == ends_on
    assert running.closed_at is None
