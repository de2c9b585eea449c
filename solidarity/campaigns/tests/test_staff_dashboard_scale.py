"""The dashboard counts in the database, on the indexes: the same few queries whatever the
number of signatures, and the figures equal the stored rows."""

import datetime
import random
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from solidarity.campaigns import charts, services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Endorsement, Signature
from solidarity.campaigns.services.invalidation import busiest_sources

STATUSES = [Signature.Status.CONFIRMED, Signature.Status.PENDING, Signature.Status.HELD, Signature.Status.INVALIDATED]


def many_signatures(campaign, count, *, start, hours, seed=1):
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        status = rng.choice(STATUSES)
        email = f"s{number}@union{number % 7}.example"
        rows.append(Signature(
            campaign=campaign, name=f"Signer {number}", email=email, email_key=email, status=status,
            country=rng.choice(["GB", "DE", "IR", "FR"]), created_at=start + timedelta(seconds=rng.random() * hours * 3600),
            ip_hash=f"{number % 5:064x}",
        ))
    Signature.objects.bulk_create(rows)
    return rows


def stored_counts(campaign):
    return {status: campaign.signatures.filter(status=status).count() for status in STATUSES}


def dashboard_queries(client, campaign):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("campaigns_staff_dashboard", args=[campaign.pk]))
    assert response.status_code == 200
    return response, len(queries)


def test_the_dashboard_makes_as_many_queries_for_thousands_of_signatures_as_for_a_few(client, make_staff, db):
    client.force_login(make_staff("campaigner", "Campaigners"))
    start = timezone.now() - timedelta(days=20)
    small, big = make_campaign(slug="small", starts_on=start.date()), make_campaign(slug="big", starts_on=start.date())
    many_signatures(small, 12, start=start, hours=20 * 24)
    many_signatures(big, 3000, start=start, hours=20 * 24)

    small_response, small_queries = dashboard_queries(client, small)
    big_response, big_queries = dashboard_queries(client, big)

    assert big_queries == small_queries
    page = big_response.content.decode()
    counts = stored_counts(big)
    assert f'<li id="count-confirmed"><strong>{counts["confirmed"]}</strong>' in page
    assert f'<li id="count-pending"><strong>{counts["pending"]}</strong>' in page
    assert f'<li id="count-invalidated"><strong>{counts["invalidated"]}</strong>' in page


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tehran", "Europe/London", "America/St_Johns"])
@pytest.mark.parametrize("hours", [30, 24 * 40])
def test_every_signature_is_counted_once_in_the_right_hour_or_day_in_any_time_zone(db, settings, zone, hours):
    settings.TIME_ZONE = zone
    # Across the clock change in Europe and Newfoundland.
    start = timezone.make_aware(datetime.datetime(2026, 10, 10, 7, 45), datetime.UTC)
    campaign = make_campaign(status="closed", starts_on=start.date())
    rows = many_signatures(campaign, 600, start=start, hours=hours, seed=hours)

    with timezone.override(zone):
        series = charts.signatures_over_time(campaign)
        local = timezone.get_current_timezone()
        expected = {}
        for row in rows:
            moment = timezone.localtime(row.created_at, local)
            key = moment.replace(minute=0, second=0, microsecond=0) if series.unit == "hour" else moment.date()
            expected[(key, row.status)] = expected.get((key, row.status), 0) + 1
        got = {}
        for bucket in series.buckets:
            start_local = timezone.localtime(bucket.start, local)
            key = start_local if series.unit == "hour" else start_local.date()
            for status, n in bucket.counts.items():
                if n:
                    got[(key, status)] = n

    assert series.unit == ("hour" if hours <= 72 else "day")
    assert got == expected
    assert series.totals == stored_counts(campaign)


def test_the_busiest_sources_are_those_of_the_last_day_and_skip_invalidated_signatures(db):
    campaign = make_campaign()
    now = timezone.now()
    for number in range(4):
        make_signature(campaign, email=f"bot{number}@flood.example", ip_hash="f" * 64, created_at=now - timedelta(hours=1))
    for number in range(6):
        make_signature(campaign, email=f"old{number}@old.example", ip_hash="0" * 64, created_at=now - timedelta(days=3))
    for number in range(5):
        make_signature(campaign, email=f"gone{number}@gone.example", ip_hash="e" * 64,
                       status=Signature.Status.INVALIDATED, confirmed=False, created_at=now - timedelta(hours=2))
    make_signature(campaign, email="waiting@flood.example", ip_hash="f" * 64, confirmed=False,
                   created_at=now - timedelta(minutes=5))

    sources = busiest_sources(campaign)

    assert sources == {"ips": [("f" * 64, 5)], "domains": [("flood.example", 5)]}


def test_the_list_of_dashboards_counts_each_campaign_once_however_many_endorsements_it_has(client, make_staff, db):
    client.force_login(make_staff("campaigner", "Campaigners"))
    campaign = make_campaign()
    for number in range(3):
        make_signature(campaign, email=f"c{number}@union.example")
    make_signature(campaign, email="waiting@union.example", confirmed=False)
    for number in range(4):
        Endorsement.objects.create(campaign=campaign, organisation_name=f"Union {number}", representative_name="Jo",
                                   representative_role="Chair", email=f"u{number}@union.example", country="GB")

    response = client.get(reverse("campaigns_staff_dashboards"))

    row = response.context["campaigns"][0]
    assert (row.confirmed, row.pending, row.endorsements_waiting) == (3, 1, 4)
    assert services.count_confirmed(campaign)["total"] == 3
