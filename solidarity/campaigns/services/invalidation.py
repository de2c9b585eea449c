"""Suspicious signatures found, previewed and invalidated by staff; the dashboard's busiest
sources. The IP hash is used only as a grouping key, never shown or exported."""

import datetime
import ipaddress
import re
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from solidarity.core import security

from ..models import Signature
from .confirmations import queue_confirmations
from .counts import forget_counts
from .errors import StaffError

# How many suspicious signatures the preview lists by name (the count covers them all).
PREVIEW_ROWS = 100


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


def held_signatures(campaign):
    """Signatures held for review (a flood of one e-mail domain from one connection), oldest first."""
    return Signature.objects.filter(campaign=campaign, status=Signature.Status.HELD).order_by("created_at", "pk")


def release_held_signatures(campaign, *, up_to_id):
    """Let held signatures (up to `up_to_id`, what the reviewer saw) wait for their confirmation
    like any other: their e-mails go out from the worker. Returns how many. Those that look
    made up are invalidated instead, with the usual preview (by e-mail domain)."""
    with transaction.atomic():
        changed = held_signatures(campaign).filter(pk__lte=up_to_id).update(status=Signature.Status.PENDING)
        if changed:
            queue_confirmations()
    return changed


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
