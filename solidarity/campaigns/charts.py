"""Signatures over time, drawn on the server as SVG: no JavaScript, no chart library.

Bars per hour while a campaign is young (up to three days of signatures), per day after
that; each bar is stacked by what became of the signatures received in it (confirmed,
waiting, invalidated). The picture carries its own accessible <title> and <desc>, and
every bar a <title> that browsers show on hover. On a Persian page the digits and month
names are Persian (Jalali dates); time still runs left to right, as on Persian charts.
"""

import datetime
import math
from dataclasses import dataclass, field

import jdatetime
from django.db import connection
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from solidarity.core.dates import JALALI_MONTHS
from solidarity.core.i18n import is_persian
from solidarity.core.text import to_persian_digits

from .models import Signature

# Hourly bars for campaigns whose signatures span up to this many hours.
HOURLY_SPAN_HOURS = 72
WIDTH, HEIGHT = 720, 260
MARGIN_START, MARGIN_END, MARGIN_TOP, MARGIN_BOTTOM = 56, 16, 16, 44
COLOURS = {"confirmed": "#a8201a", "pending": "#e8a09a", "held": "#d9a400", "invalidated": "#9a9a9a"}
STATUSES = ("confirmed", "pending", "held", "invalidated")


@dataclass
class Bucket:
    start: datetime.datetime
    counts: dict = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def total(self):
        return sum(self.counts.values())


@dataclass
class Series:
    unit: str  # "hour" or "day"
    buckets: list

    @property
    def totals(self):
        return {status: sum(b.counts[status] for b in self.buckets) for status in STATUSES}


def signatures_over_time(campaign, *, now=None):
    """Every hour or day from the first signature to the last (or now, while it runs), with
    the signatures received in it by status.

    Counted in the database without reading a row: each (bucket, status) is one range count
    on the index (campaign, status, created_at), all of them sent as one statement (a few if
    there are many buckets). Grouping by an expression on created_at instead would read and
    sort every signature, and on SQLite call Python once per row to find its hour."""
    now = now or timezone.now()
    first, last = _first_and_last(campaign)
    if first is None:
        return Series("hour", [])
    if campaign.status == campaign.Status.ACTIVE:
        last = max(last, now)
    unit = "hour" if (last - first) <= datetime.timedelta(hours=HOURLY_SPAN_HOURS) else "day"
    zone = timezone.get_current_timezone()
    step = datetime.timedelta(hours=1) if unit == "hour" else datetime.timedelta(days=1)
    end = _truncate(last, unit, zone)
    starts = [_truncate(first, unit, zone)]
    while starts[-1] <= end:
        moment = starts[-1]
        # A day is rounded again (days of 23 and 25 hours); an hour is an hour.
        starts.append(_truncate(moment + step + datetime.timedelta(hours=2), unit, zone) if unit == "day" else (
            (moment.astimezone(datetime.UTC) + step).astimezone(zone)))
    # starts[-1] is the end of the last bucket.
    buckets = [Bucket(moment) for moment in starts[:-1]]
    for index, status, n in _range_counts(campaign, starts):
        buckets[index].counts[status] = n
    return Series(unit, buckets)


def _first_and_last(campaign):
    """The first and last signature's time: two index look-ups per status."""
    moments = []
    for status in STATUSES:
        times = Signature.objects.filter(campaign=campaign, status=status).values_list("created_at", flat=True)
        moments += [moment for moment in (times.order_by("created_at").first(), times.order_by("-created_at").first())
                    if moment is not None]
    if not moments:
        return None, None
    return min(moments), max(moments)


# SQLite takes at most 500 SELECTs in one UNION ALL.
RANGES_PER_STATEMENT = 240


def _range_counts(campaign, starts):
    """(bucket index, status, n) for every bucket [starts[i], starts[i + 1]) and status with
    signatures in it."""
    table = connection.ops.quote_name(Signature._meta.db_table)
    column = {name: connection.ops.quote_name(Signature._meta.get_field(name).column)
              for name in ("campaign", "status", "created_at")}
    # Only quoted names from the model go into the text; every value is a parameter.
    where = f"{column['campaign']} = %s AND {column['status']} = %s AND {column['created_at']} >= %s"
    select = f"SELECT %s, %s, COUNT(*) FROM {table} WHERE {where} AND {column['created_at']} < %s"  # noqa: S608
    adapt = connection.ops.adapt_datetimefield_value
    ranges = [
        (index, status, adapt(starts[index]), adapt(starts[index + 1]))
        for index in range(len(starts) - 1) for status in STATUSES
    ]
    rows = []
    with connection.cursor() as cursor:
        for offset in range(0, len(ranges), RANGES_PER_STATEMENT):
            part = ranges[offset:offset + RANGES_PER_STATEMENT]
            params = []
            for index, status, start, end in part:
                params += [index, status, campaign.pk, status, start, end]
            cursor.execute(" UNION ALL ".join([select] * len(part)), params)
            rows += [(int(index), status, n) for index, status, n in cursor.fetchall() if n]
    return rows


def _truncate(moment, unit, zone):
    local = timezone.localtime(moment, zone).replace(minute=0, second=0, microsecond=0)
    if unit == "hour":
        return local
    # Midnight rebuilt from the date, so a day after a clock change has its own offset.
    return timezone.make_aware(datetime.datetime.combine(local.date(), datetime.time()), zone)


def nice_ceiling(value):
    """The smallest 1, 2 or 5 x 10^n at or above `value` (the top of the y axis)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if factor * power >= value:
            return factor * power
    return 10 * power


def _digits(value):
    text = formats.number_format(value, force_grouping=True) if isinstance(value, int) else str(value)
    return to_persian_digits(text) if is_persian() else text


def bucket_label(moment, unit, *, long=False):
    """'22 Nov', '22 Nov 14:00' in English; '۱ آذر', '۱ آذر ۱۴:۰۰' (Jalali) in Persian."""
    local = timezone.localtime(moment)
    if is_persian():
        j = jdatetime.date.fromgregorian(date=local.date())
        text = f"{j.day} {JALALI_MONTHS[j.month - 1]}"
        if long:
            text += f" {j.year}"
        if unit == "hour":
            text += f" {local:%H}:۰۰"
        return to_persian_digits(text)
    text = f"{local.day} {formats.date_format(local, 'M')}"
    if long:
        text += f" {local.year}"
    if unit == "hour":
        text += f" {local:%H}:00"
    return text


def _bar_title(bucket, unit):
    parts = [
        ngettext("%(n)s confirmed", "%(n)s confirmed", bucket.counts["confirmed"]) % {"n": _digits(bucket.counts["confirmed"])},
        ngettext("%(n)s waiting", "%(n)s waiting", bucket.counts["pending"]) % {"n": _digits(bucket.counts["pending"])},
        ngettext("%(n)s invalidated", "%(n)s invalidated", bucket.counts["invalidated"])
        % {"n": _digits(bucket.counts["invalidated"])},
    ]
    return f"{bucket_label(bucket.start, unit, long=True)}: " + ("، " if is_persian() else ", ").join(parts)


def description(series):
    if not series.buckets:
        return _("No signatures yet.")
    totals = series.totals
    busiest = max(series.buckets, key=lambda b: b.total)
    first, last = series.buckets[0].start, series.buckets[-1].start
    text = _(
        "Signatures received per %(unit)s from %(first)s to %(last)s: %(total)s in all, %(confirmed)s confirmed, "
        "%(pending)s waiting for confirmation, %(invalidated)s invalidated. The busiest %(unit)s was %(busiest)s "
        "with %(most)s."
    ) % {
        "unit": _("hour") if series.unit == "hour" else _("day"),
        "first": bucket_label(first, series.unit, long=True),
        "last": bucket_label(last, series.unit, long=True),
        "total": _digits(sum(totals.values())),
        "confirmed": _digits(totals["confirmed"]),
        "pending": _digits(totals["pending"]),
        "invalidated": _digits(totals["invalidated"]),
        "busiest": bucket_label(busiest.start, series.unit, long=True),
        "most": _digits(busiest.total),
    }
    return text


def render_svg(series, *, chart_id="signatures-chart"):
    """The chart as an inline <svg> element (safe to put in a template)."""
    title = _("Signatures over time")
    desc = description(series)
    plot_width = WIDTH - MARGIN_START - MARGIN_END
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    bottom = MARGIN_TOP + plot_height
    top_value = nice_ceiling(max((b.total for b in series.buckets), default=0))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="signatures-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'direction="ltr" font-family="sans-serif" font-size="11">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    # The y axis: five steps up to a round number, labelled with the number of signatures.
    for i in range(5):
        value = top_value * i // 4 if top_value >= 4 else round(top_value * i / 4, 2)
        if i and top_value < 4 and value != int(value):
            continue
        y = bottom - plot_height * i / 4
        out.append(f'<line x1="{MARGIN_START}" y1="{y:.1f}" x2="{WIDTH - MARGIN_END}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{MARGIN_START - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333">{_digits(int(value))}</text>')
    out.append(
        f'<text x="12" y="{MARGIN_TOP + plot_height / 2:.1f}" text-anchor="middle" fill="#333" '
        f'transform="rotate(-90 12 {MARGIN_TOP + plot_height / 2:.1f})">{escape(_("Signatures"))}</text>'
    )
    count = len(series.buckets)
    if count:
        slot = plot_width / count
        bar = max(slot * 0.8, 1)
        label_every = max(1, math.ceil(count / 8))
        for index, bucket in enumerate(series.buckets):
            x = MARGIN_START + slot * index + (slot - bar) / 2
            y = bottom
            out.append(f"<g><title>{escape(_bar_title(bucket, series.unit))}</title>")
            for status in STATUSES:
                n = bucket.counts[status]
                if not n:
                    continue
                h = plot_height * n / top_value
                y -= h
                out.append(
                    f'<rect class="bar-{status}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{COLOURS[status]}"/>'
                )
            out.append("</g>")
            if index % label_every == 0:
                centre = x + bar / 2
                out.append(f'<line x1="{centre:.1f}" y1="{bottom}" x2="{centre:.1f}" y2="{bottom + 4}" stroke="#333"/>')
                out.append(
                    f'<text x="{centre:.1f}" y="{bottom + 16}" text-anchor="middle" fill="#333">'
                    f"{escape(bucket_label(bucket.start, series.unit))}</text>"
                )
    out.append(f'<line x1="{MARGIN_START}" y1="{bottom}" x2="{WIDTH - MARGIN_END}" y2="{bottom}" stroke="#333"/>')
    out.append(f'<line x1="{MARGIN_START}" y1="{MARGIN_TOP}" x2="{MARGIN_START}" y2="{bottom}" stroke="#333"/>')
    axis = _("Hour") if series.unit == "hour" else _("Day")
    out.append(
        f'<text x="{MARGIN_START + plot_width / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" fill="#333">'
        f"{escape(axis)}</text>"
    )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


def legend():
    """The colours and what they mean, for the page beside the chart."""
    labels = {"confirmed": _("Confirmed"), "pending": _("Waiting for confirmation"), "held": _("Held for review"),
              "invalidated": _("Invalidated")}
    return [(COLOURS[status], labels[status]) for status in STATUSES]
