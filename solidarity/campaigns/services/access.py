"""Who may sign: access rules for domains and networks, rate limits per connection, proof of work,
and the hold on a flood of one e-mail domain from one connection.

Many real people share one address: a union meeting on one Wi-Fi, mobile users in Iran behind
their carrier's shared addresses. The per-connection limits (settings.CAMPAIGN_RATE_*) are set
high enough for a room of 200 and only stop a machine. What keeps made-up signatures out does not
punish them: a signature counts only once confirmed by e-mail, an address signs once, a campaign
may ask for proof of work, and a flood of one e-mail domain from one connection is held for staff
review (connection_guard) instead of refused."""

import functools
import hashlib
import ipaddress
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection, transaction

from solidarity.core import security

from ..models import AccessRule, Signature

POW_SALT = "campaigns.pow"


# Rules are few and change rarely: each process keeps them this many seconds.
RULES_SECONDS = 10
_rules = {"expires": 0.0, "domains": {}, "networks": []}


def forget_access_rules():
    _rules["expires"] = 0.0


def _access_rules():
    if _rules["expires"] < time.monotonic():
        domains, networks = {}, []
        for rule in AccessRule.objects.all():
            if rule.kind == AccessRule.Kind.DOMAIN:
                domains[rule.value] = rule.action
            else:
                try:
                    networks.append((ipaddress.ip_network(rule.value, strict=False), rule.action))
                except ValueError:
                    continue
        # The narrowest range decides, so an allowed office can sit inside a blocked range.
        networks.sort(key=lambda item: -item[0].prefixlen)
        _rules.update(expires=time.monotonic() + RULES_SECONDS, domains=domains, networks=networks)
    return _rules


def domain_rule(email_key):
    """'block', 'allow' or None for the address's domain (a rule covers its subdomains too)."""
    domains = _access_rules()["domains"]
    if not domains:
        return None
    labels = email_key.rpartition("@")[2].split(".")
    # The most specific rule wins: a.b.example.org before b.example.org before example.org.
    for start in range(len(labels) - 1):
        action = domains.get(".".join(labels[start:]))
        if action:
            return action
    return None


def ip_rule(ip):
    networks = _access_rules()["networks"]
    if not networks or not ip:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    for network, action in networks:
        if address.version == network.version and address in network:
            return action
    return None


def rate_limits(campaign, *, proof_of_work=None):
    """[(limit, window_seconds), ...] for one IP address on this campaign.

    Without the proof of work on a campaign that asks for it (a browser without JavaScript,
    or a script), the stricter limits apply: the signature is still taken."""
    burst_seconds, sustained_seconds = 60, 300
    burst = campaign.burst_limit or settings.CAMPAIGN_RATE_BURST
    sustained = campaign.sustained_limit or settings.CAMPAIGN_RATE_SUSTAINED
    limits = [(burst, burst_seconds), (sustained, sustained_seconds)]
    if proof_of_work is False:
        limits.append((settings.CAMPAIGN_RATE_WITHOUT_PROOF_PER_HOUR, 3600))
    return limits


# The hold counts one connection's signatures with one e-mail domain over this many seconds.
HOLD_WINDOW_SECONDS = 3600


def mail_domain(email_key):
    """The domain that one party controls: example.org for a@mail.example.org, example.co.uk
    for a@x.example.co.uk (a short second-level label is taken as part of the suffix)."""
    labels = email_key.rpartition("@")[2].split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _webmail_domains():
    return {domain.lower() for domain in settings.CAMPAIGN_WEBMAIL_DOMAINS}


def _held_domain(email_key):
    """The domain whose flood this address would be part of, or None when it is not counted
    (an address at a large webmail provider is an account of its own)."""
    domain = mail_domain(email_key)
    if not domain or domain in _webmail_domains():
        return None
    return domain


@dataclass(frozen=True)
class ConnectionGuard:
    """The parts of a new signature's `INSERT ... SELECT` that apply a connection's limits and
    the hold, each with its parameters: `source` (a FROM clause) is one row counting this
    connection's recent signatures, `allows` (a WHERE clause) is false once a window is full, so
    a refused signature inserts nothing, and `status` is the stored status, held or as given.
    On PostgreSQL, `lock` is a statement to run first in the same transaction."""

    source: str
    source_params: list
    allows: str
    allows_params: list
    status: str
    status_params: list
    lock: str = ""
    lock_params: tuple = ()


def connection_guard(campaign, ip_hash, email_key, limits, now, *, status):
    """The limits of this connection and the hold of its signatures, for the statement that
    stores the signature (see ConnectionGuard), so that counting and storing are one statement.

    The limits: this connection's stored signatures on the campaign, with its repeated ones,
    must not already fill a window. Counted from the signature rows (an index on IP hash and
    time): exact across every process, and no shared counter to write on each
    signature. Refused attempts are not stored, so the rows counted are at most the limits. A
    repeated address stores no row, so it is counted in the cache (_repeats): otherwise whether
    the next signature is refused would tell whether an address had signed before.

    The hold: who owns a domain can receive mail at any made-up address on it and confirm every
    one, so the e-mail confirmation does not stop them; a room of people on one Wi-Fi rarely
    share a domain, and when they do (a union's own domain), staff release them on the
    dashboard. Counted in the same statement as the limits.

    Two requests from one connection at the same moment must not both pass: SQLite runs one
    writing transaction at a time; PostgreSQL is told to, for this connection on this campaign
    only, by `lock`, held until the transaction ends (each later statement of the transaction
    sees what was committed before it got the lock)."""
    domain = _held_domain(email_key)
    hold_start = now - timedelta(seconds=HOLD_WINDOW_SECONDS)
    starts = [now - timedelta(seconds=window) for _limit, window in limits]
    db = transaction.get_connection()
    adapt = db.ops.adapt_datetimefield_value
    source_params = []
    for start in starts:
        source_params += [campaign.pk, adapt(start)]
    if domain:
        pattern = domain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        source_params += [campaign.pk, adapt(hold_start), f"%@{pattern}", f"%.{pattern}"]
    source_params += [ip_hash, adapt(min([*starts, hold_start] if domain else starts))]
    repeats = cache.get(_repeats_key(campaign, ip_hash)) or ()
    # What is left of each window once this connection's repeated addresses are counted.
    allowed = [limit - sum(1 for moment in repeats if moment > start.timestamp())
               for start, (limit, _window) in zip(starts, limits, strict=True)]
    source, allows, held = _guard_sql(db.vendor, len(limits), bool(domain))
    if domain:
        status_params = [settings.CAMPAIGN_HOLD_SAME_DOMAIN, Signature.Status.HELD.value, status]
    else:
        status_params = [status]
    lock, lock_params = "", ()
    if db.vendor == "postgresql":
        lock, lock_params = "SELECT pg_advisory_xact_lock(%s, %s)", (campaign.pk, int(ip_hash[:7], 16))
    return ConnectionGuard(source=source, source_params=source_params, allows=allows, allows_params=allowed,
                           status=held, status_params=status_params, lock=lock, lock_params=lock_params)


# A connection's repeated addresses are remembered for the longest window (an hour).
REPEATS_KEPT = 100


def _repeats_key(campaign, ip_hash):
    return f"campaigns:repeats:{campaign.pk}:{ip_hash}"


def _count_repeat(campaign, ip_hash, now):
    """A repeated address uses up the connection's limits as a new signature does."""
    key = _repeats_key(campaign, ip_hash)
    since = now.timestamp() - 3600
    moments = [moment for moment in cache.get(key) or () if moment > since][-REPEATS_KEPT:]
    cache.set(key, [*moments, now.timestamp()], timeout=3601)


@functools.cache
def _guard_sql(vendor, windows, same_domain=False):
    """(source, allows, status) of ConnectionGuard: the recent signatures of one connection
    counted on one campaign in each window, and (same_domain) those since the hold's start with
    an address at one domain or its subdomains. The rows are found by the connection alone (the
    index campaigns_signature_by_ip), the campaign is counted in: see the index's comment."""
    quote = connection.ops.quote_name
    column = partial(_column, quote)
    this_campaign = f"{column('campaign')} = %s AND {column('created_at')} > %s"
    counts = [f"SUM(CASE WHEN {this_campaign} THEN 1 ELSE 0 END) AS w{number}" for number in range(windows)]
    status = "%s"
    if same_domain:
        email = column("email_key")
        counts.append(f"SUM(CASE WHEN {this_campaign} AND ({email} LIKE %s ESCAPE '\\' "
                      f"OR {email} LIKE %s ESCAPE '\\') THEN 1 ELSE 0 END) AS same_domain")
        status = "CASE WHEN COALESCE(recent.same_domain, 0) >= %s THEN %s ELSE %s END"
    # Only names from the model are written into the statement; every value is a parameter.
    source = (f"FROM (SELECT {', '.join(counts)} FROM {quote(Signature._meta.db_table)} "  # noqa: S608
              f"WHERE {column('ip_hash')} = %s AND {column('created_at')} > %s) recent")
    allows = " AND ".join(f"COALESCE(recent.w{number}, 0) < %s" for number in range(windows))
    return source, allows, status


def _column(quote, name):
    return quote(Signature._meta.get_field(name).column)


def _within_limits(key, limits):
    allowed = True
    for limit, window in limits:
        # Every window counts the attempt, so a refused burst still uses up the longer window.
        allowed = security.hit(f"{key}:{limit}", limit=limit, window_seconds=window) and allowed
    return allowed


def pow_bits():
    return settings.CAMPAIGN_POW_BITS


def new_challenge(campaign):
    """A signed challenge for the signing form; pages showing it may be cached a few seconds,
    which is harmless because each solution is bound to the signer's e-mail address."""
    return signing.dumps({"c": campaign.pk, "n": secrets.token_hex(6), "b": pow_bits()}, salt=POW_SALT, compress=False)


def _leading_zero_bits(digest):
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def verify_proof(campaign, *, challenge, nonce, email):
    """True when `nonce` solves `challenge` for this e-mail address (see static campaigns/pow.js)."""
    if not challenge or not nonce or len(nonce) > 20 or len(challenge) > 300:
        return False
    try:
        data = signing.loads(challenge, salt=POW_SALT, max_age=settings.CAMPAIGN_POW_MAX_AGE)
    except signing.BadSignature:
        return False
    if data.get("c") != campaign.pk:
        return False
    text = f"{challenge}:{email.strip().lower()}:{nonce}"
    return _leading_zero_bits(hashlib.sha256(text.encode()).digest()) >= int(data.get("b", 0))
