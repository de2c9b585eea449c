"""Signatures over time: the buckets counted and the SVG drawn on the server."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone, translation

from solidarity.campaigns import charts
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Campaign, Signature

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))  # noqa: S314 - our own output


def signed_at(campaign, moment, *, email, confirmed=True):
    signature = make_signature(campaign, email=email, confirmed=confirmed)
    Signature.objects.filter(pk=signature.pk).update(created_at=moment)
    return signature


@pytest.fixture
def now():
    return timezone.now().replace(minute=30, second=0, microsecond=0)


def test_a_young_campaign_is_counted_per_hour_with_empty_hours_kept(db, now):
    campaign = make_campaign()
    signed_at(campaign, now - datetime.timedelta(hours=5), email="a@union.example")
    signed_at(campaign, now - datetime.timedelta(hours=5, minutes=10), email="b@union.example", confirmed=False)
    signed_at(campaign, now - datetime.timedelta(hours=1), email="c@union.example")

    series = charts.signatures_over_time(campaign, now=now)

    assert series.unit == "hour"
    assert [b.total for b in series.buckets] == [2, 0, 0, 0, 1, 0]
    assert series.buckets[0].counts == {"confirmed": 1, "pending": 1, "held": 0, "invalidated": 0}
    assert series.totals == {"confirmed": 2, "pending": 1, "held": 0, "invalidated": 0}


def test_an_older_campaign_is_counted_per_day_up_to_its_last_signature_once_closed(db, now):
    campaign = make_campaign(status=Campaign.Status.CLOSED)
    signed_at(campaign, now - datetime.timedelta(days=20), email="a@union.example")
    signed_at(campaign, now - datetime.timedelta(days=10), email="b@union.example")

    series = charts.signatures_over_time(campaign, now=now)

    assert series.unit == "day"
    assert len(series.buckets) == 11
    assert sum(b.total for b in series.buckets) == 2


def test_days_are_counted_in_the_site_time_zone_across_a_clock_change(db, settings):
    settings.TIME_ZONE = "Europe/London"
    london = datetime.timezone(datetime.timedelta(hours=1))
    campaign = make_campaign(status=Campaign.Status.CLOSED)
    # The clocks went back on 27 October 2024: a day of 25 hours.
    signed_at(campaign, datetime.datetime(2024, 10, 20, 23, 30, tzinfo=london), email="a@union.example")
    signed_at(campaign, datetime.datetime(2024, 10, 27, 23, 30, tzinfo=datetime.UTC), email="b@union.example")
    signed_at(campaign, datetime.datetime(2024, 10, 28, 0, 30, tzinfo=datetime.UTC), email="c@union.example")

    with timezone.override("Europe/London"):
        series = charts.signatures_over_time(campaign)
        days = [timezone.localtime(b.start).date().isoformat() for b in series.buckets]

    assert days[0] == "2024-10-20" and days[-1] == "2024-10-28"
    assert len(days) == len(set(days)) == 9
    assert [b.total for b in series.buckets][-2:] == [1, 1]


def test_the_chart_is_well_formed_svg_with_its_own_title_description_and_a_title_per_bar(db, now):
    campaign = make_campaign()
    signed_at(campaign, now - datetime.timedelta(hours=2), email="a@union.example")

    svg = charts.render_svg(charts.signatures_over_time(campaign, now=now))

    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Signatures over time"
    assert "1 in all, 1 confirmed, 0 waiting for confirmation, 0 invalidated" in root.find(f"{SVG}desc").text
    bars = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}rect") is not None]
    assert len(bars) == 1
    assert "1 confirmed, 0 waiting, 0 invalidated" in bars[0].find(f"{SVG}title").text
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "Signatures" in labels and "Hour" in labels


def test_in_persian_every_number_and_date_on_the_chart_is_persian(db, now):
    campaign = make_campaign()
    for i in range(12):
        signed_at(campaign, now - datetime.timedelta(hours=2), email=f"s{i}@union.example")

    with translation.override("fa"):
        svg = str(charts.render_svg(charts.signatures_over_time(campaign, now=now)))

    root = parse(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")] + [root.find(f"{SVG}desc").text]
    assert not any(ch.isascii() and ch.isdigit() for text in texts for ch in text)
    assert "۱۲" in root.find(f"{SVG}desc").text
    assert root.find(f"{SVG}title").text == "امضاها در گذر زمان"


def test_a_campaign_without_signatures_draws_empty_axes(db):
    svg = str(charts.render_svg(charts.signatures_over_time(make_campaign())))

    root = parse(svg)
    assert root.find(f"{SVG}desc").text == "No signatures yet."
    assert list(root.iter(f"{SVG}rect")) == []


@pytest.mark.parametrize("value, top", [(0, 1), (1, 1), (3, 5), (7, 10), (10, 10), (11, 20), (180, 200), (4001, 5000)])
def test_the_y_axis_ends_on_a_round_number(value, top):
    assert charts.nice_ceiling(value) == top
