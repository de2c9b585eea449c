"""What campaign staff do with signer data: export it (logged), invalidate suspicious
signatures after a preview, and erase it a while after a campaign has closed.

Signer data is personal and can endanger people: every export is written to the export log
(who, when, what, how many rows); nothing here shows or exports the IP hash except as a
grouping key, and anonymisation keeps only what the public counters need (status, country,
dates).
"""

import csv
import datetime
import io
import ipaddress
import re
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Count, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.core import security
from solidarity.core.csv import safe_cell

from .models import Campaign, Endorsement, ExportLog, Signature

ANONYMISED_KEY_PREFIX = "anonymised-"
# How many suspicious signatures the preview lists by name (the count covers them all).
PREVIEW_ROWS = 100


class StaffError(Exception):
    """A staff action we refuse; the text says why."""


# --- Export -----------------------------------------------------------------------------


CSV_COLUMNS = [
    # The name as the signer typed it (staff need it) and what they chose the authorities see of it.
    ("id", "pk"), ("name", "name"), ("name_shown", "name_shown"), ("email", "email"), ("country", "country"),
    ("organisation", "organisation"),
    ("language", "language"), ("status", "status"), ("signed_at", "created_at"), ("confirmed_at", "confirmed_at"),
    ("wants_updates", "wants_updates"), ("wants_newsletter", "wants_newsletter"), ("message", "message"),
    ("invalidated_reason", "invalidated_reason"),
]


@dataclass
class Export:
    filename: str
    rows: int
    lines: object  # an iterator of CSV text chunks


def export_signatures(campaign, *, user, statuses=None):
    """The campaign's signatures as CSV (UTF-8 with a byte-order mark, so spreadsheets read
    Persian names), logged before a single row leaves. `statuses` limits which ones."""
    statuses = list(statuses or [Signature.Status.CONFIRMED])
    signatures = Signature.objects.filter(campaign=campaign, status__in=statuses).order_by("created_at", "pk")
    rows = signatures.count()
    labels = ", ".join(str(Signature.Status(s).label) for s in statuses)
    ExportLog.objects.create(campaign=campaign, user=user, what=f"signatures CSV ({labels})"[:250], rows=rows)
    fields = [name for _header, name in CSV_COLUMNS]

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow([header for header, _name in CSV_COLUMNS])
        for values in signatures.values_list(*fields).iterator(chunk_size=2000):
            writer.writerow([safe_cell(value) for value in values])
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    filename = f"signatures-{campaign.pk}-{timezone.now():%Y-%m-%d-%H%M}.csv"
    return Export(filename=filename, rows=rows, lines=lines())


def log_delivery_pack(campaign, *, user, language, rows):
    return ExportLog.objects.create(campaign=campaign, user=user, what=f"delivery pack PDF ({language})", rows=rows)


# --- Bulk invalidation ------------------------------------------------------------------


@dataclass(frozen=True)
class Suspicion:
    """Which signatures look made up: every criterion given must hold."""

    email_domain: str = ""
    ip: str = ""  # an IP address (hashed here) or the 64-digit hash shown on the dashboard
    signed_from: datetime.datetime | None = None
    signed_until: datetime.datetime | None = None
    name_contains: str = ""
    include_confirmed: bool = True

    def is_empty(self):
        return not (self.email_domain or self.ip or self.signed_from or self.signed_until or self.name_contains)

    def ip_hash(self):
        value = self.ip.strip().lower()
        if re.fullmatch(r"[0-9a-f]{64}", value):
            return value
        try:
            ipaddress.ip_address(value)
        except ValueError:
            raise StaffError(_("This is neither an IP address nor an IP hash from the dashboard.")) from None
        return security.hash_ip(value)

    def filter(self):
        condition = Q()
        domain = self.email_domain.strip().lower().lstrip("@.")
        if domain:
            # The domain itself and its subdomains (mail.example.org), compared on the normalised address.
            condition &= Q(email_key__endswith=f"@{domain}") | Q(email_key__endswith=f".{domain}")
        if self.ip.strip():
            condition &= Q(ip_hash=self.ip_hash())
        if self.signed_from:
            condition &= Q(created_at__gte=self.signed_from)
        if self.signed_until:
            condition &= Q(created_at__lt=self.signed_until)
        if self.name_contains.strip():
            condition &= Q(name__icontains=self.name_contains.strip())
        if not self.include_confirmed:
            condition &= Q(status=Signature.Status.PENDING)
        return condition


def suspicious_signatures(campaign, suspicion):
    """The signatures `suspicion` would invalidate (not yet invalidated), oldest first."""
    if suspicion.is_empty():
        raise StaffError(_("Give at least one criterion: an e-mail domain, an IP address, a time or a name."))
    return (
        Signature.objects.filter(campaign=campaign).exclude(status=Signature.Status.INVALIDATED)
        .filter(suspicion.filter()).order_by("created_at", "pk")
    )


@dataclass
class Preview:
    total: int
    confirmed: int
    pending: int
    up_to_id: int
    sample: list


def preview_invalidation(campaign, suspicion, *, up_to_id=None):
    """How many signatures would be invalidated, how many of them count now, and the first
    ones by name. `up_to_id` marks what the person saw: later signatures are left alone."""
    signatures = suspicious_signatures(campaign, suspicion)
    if up_to_id is not None:
        signatures = signatures.filter(pk__lte=up_to_id)
    by_status = dict(signatures.order_by().values_list("status").annotate(n=Count("pk")))
    up_to_id = signatures.order_by("-pk").values_list("pk", flat=True).first() or 0
    return Preview(
        total=sum(by_status.values()),
        confirmed=by_status.get(Signature.Status.CONFIRMED, 0),
        pending=by_status.get(Signature.Status.PENDING, 0),
        up_to_id=up_to_id,
        sample=list(signatures[:PREVIEW_ROWS]),
    )


def invalidate_signatures(campaign, suspicion, *, up_to_id, reason, user):
    """Invalidate what the preview showed (signatures up to `up_to_id`); returns how many.
    The public counters drop at their next count."""
    reason = " ".join(str(reason).split())
    if not reason:
        raise StaffError(_("Say why these signatures are invalidated."))
    note = f"{reason} ({user.get_username()}, {timezone.now():%Y-%m-%d %H:%M} UTC)"[:500]
    with transaction.atomic():
        changed = suspicious_signatures(campaign, suspicion).filter(pk__lte=up_to_id).update(
            status=Signature.Status.INVALIDATED, invalidated_reason=note
        )
    forget_counts(campaign)
    return changed


def forget_counts(campaign):
    # The public count is kept in the cache by services.counts(); the next reader counts again.
    cache.delete(f"campaigns:counts:{campaign.pk}")


# --- Overview ---------------------------------------------------------------------------


# The dashboard looks for floods among the last day's signatures, at most this many of each
# status (the newest): a flood shows there first, and the page stays fast however many
# signatures the campaign has.
RECENT_HOURS = 24
RECENT_ROWS = 20_000


def busiest_sources(campaign, *, limit=5, now=None):
    """The IP hashes and e-mail domains behind the most signatures of the last RECENT_HOURS
    not invalidated: where a flood of made-up signatures shows first. Read through the index
    on (campaign, status, created_at) and counted here, instead of grouping every signature."""
    since = (now or timezone.now()) - datetime.timedelta(hours=RECENT_HOURS)
    ips, domains = Counter(), Counter()
    for status in (Signature.Status.CONFIRMED, Signature.Status.PENDING):
        recent = (
            Signature.objects.filter(campaign=campaign, status=status, created_at__gte=since)
            .order_by("-created_at").values_list("ip_hash", "email_key")[:RECENT_ROWS]
        )
        for ip_hash, email_key in recent:
            if ip_hash:
                ips[ip_hash] += 1
            domains[email_key.rpartition("@")[2]] += 1
    return {
        "ips": [(key, n) for key, n in sorted(ips.items(), key=lambda item: (-item[1], item[0])) if n > 1][:limit],
        "domains": [(key, n) for key, n in sorted(domains.items(), key=lambda item: (-item[1], item[0]))
                    if n > 1 and key][:limit],
    }


# --- Anonymisation ----------------------------------------------------------------------


def anonymise_after():
    return datetime.timedelta(days=settings.CAMPAIGN_ANONYMISE_AFTER_DAYS)


def campaigns_due_for_anonymisation(*, today=None):
    """Closed campaigns closed CAMPAIGN_ANONYMISE_AFTER_DAYS or more days ago (counted in
    days, in the site's time zone), whether staff closed them early or late."""
    today = today or timezone.localdate()
    last_day = today - anonymise_after()
    # Closed on `last_day` or before: before the midnight that starts the day after it.
    before = timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time()))
    return Campaign.objects.filter(status=Campaign.Status.CLOSED).filter(
        Q(closed_at__lt=before)
        # Closed by a bulk update that skipped save(): its last day stands in.
        | Q(closed_at__isnull=True, ends_on__lte=last_day)
    )


def anonymise_campaign(campaign):
    """Erase the signers' names, e-mail addresses, organisations, messages and IP hashes
    (and the endorsers' e-mail addresses and IP hashes, and the delivery packs; nobody gets
    updates any more). Status, country and dates stay, so
    the counters stay the same. Returns how many signatures were erased now."""
    key = Concat(Value(ANONYMISED_KEY_PREFIX), Cast("pk", output_field=CharField()))
    with transaction.atomic():
        erased = (
            Signature.objects.filter(campaign=campaign)
            .filter(~Q(name="") | ~Q(email="") | ~Q(organisation="") | ~Q(message="") | ~Q(ip_hash=""))
            .update(name="", email="", email_key=key, organisation="", message="", ip_hash="", wants_updates=False)
        )
        Endorsement.objects.filter(campaign=campaign).filter(~Q(email="") | ~Q(ip_hash="")).update(email="", ip_hash="")
    # Delivery packs list the signers' names.
    from .deliverypack import delete_packs

    delete_packs(campaign)
    return erased


def anonymise_campaigns(*, today=None):
    """Anonymise every campaign that is due; {campaign: signatures erased} for those touched."""
    done = {}
    for campaign in campaigns_due_for_anonymisation(today=today):
        erased = anonymise_campaign(campaign)
        if erased:
            done[campaign] = erased
    return done
