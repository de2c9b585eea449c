"""Signing, confirming and counting; endorsements; updates and protest messages by e-mail.

The signing request does as little as it can, because a viral case brings thousands of
signatures a minute: the campaign and the access rules come from this process's memory (kept
a few seconds), the per-IP rate limit from the signature rows themselves (one indexed read),
and one INSERT stores the signature. Those two statements are written out once rather than
built by the ORM on every request, which cost more than all the rest of the request.
A second signature from the same address is refused by the unique constraint, not by a
look-up first, so 50 simultaneous identical submissions store exactly one row. E-mail is
queued after the commit; `resend_lost_confirmations` catches a queue entry lost to a crash.

Counters: the confirmed rows are counted (index-only, by country) at most once a second per
campaign and kept in the shared cache, so no campaign row is updated per signature and the
count a reader sees is never more than a second older than the page it is on (campaign
pages are cached for at most 4 seconds: 5 seconds in all). The JSON count counts afresh
each time it is drawn, since the page cache and proxies keep it 5 seconds.
"""

import functools
import hashlib
import hmac
import ipaddress
import secrets
import smtplib
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from solidarity.core import security
from solidarity.core.countries import COUNTRIES
from solidarity.core.i18n import is_rtl
from solidarity.core.text import clean_line

from .models import MAIL_ATTEMPTS, AccessRule, Campaign, Endorsement, ProtestDelivery, Signature
from .signals import signature_confirmed

CONFIRM_SALT = "campaigns.signature.confirm"
LETTER_SALT = "campaigns.signature.letter"
ENDORSEMENT_SALT = "campaigns.endorsement.confirm"
POW_SALT = "campaigns.pow"


# --- Errors -----------------------------------------------------------------------------


class SigningError(Exception):
    """A signature we cannot take; the text says why, in the signer's language."""

    status = 400


class CampaignClosed(SigningError):
    status = 410

    def __init__(self):
        super().__init__(_("This campaign is closed: it no longer takes signatures."))


class RateLimited(SigningError):
    status = 429

    def __init__(self):
        super().__init__(_("Several signatures came from your connection in a short time. "
                           "Please wait a few minutes and send the form again; what you typed is kept below."))


class BlockedDomain(SigningError):
    status = 403

    def __init__(self):
        super().__init__(_("We cannot accept signatures from this e-mail provider. Please use another address."))


class BlockedNetwork(SigningError):
    status = 403

    def __init__(self):
        super().__init__(_("We cannot accept signatures from your network. "
                           "If you think this is a mistake, please write to us through the contact page."))


class InvalidCountry(SigningError):
    def __init__(self):
        super().__init__(_("Please choose your country from the list."))


# --- E-mail addresses -------------------------------------------------------------------

# Domains whose mailboxes ignore dots in the local part, and those that deliver
# name+anything@ to name@: one person, one signature.
DOTS_IGNORED = {"gmail.com", "googlemail.com"}
PLUS_TAGS = DOTS_IGNORED | {
    "outlook.com", "hotmail.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com",
    "fastmail.com", "fastmail.fm", "protonmail.com", "protonmail.ch", "proton.me", "pm.me",
    "yandex.com", "yandex.ru", "riseup.net", "posteo.de", "posteo.net", "mailbox.org",
}
SAME_MAILBOX = {"googlemail.com": "gmail.com"}


def normalise_email(address):
    """The address as the mailbox sees it: lower case, and without dots and +tags where
    the domain ignores them (j.doe+campaign@googlemail.com -> jdoe@gmail.com)."""
    address = (address or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    domain = domain.rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    domain = SAME_MAILBOX.get(domain, domain)
    if domain in PLUS_TAGS:
        local = local.split("+", 1)[0]
    if domain in DOTS_IGNORED:
        local = local.replace(".", "")
    return f"{local}@{domain}"


# --- Access rules -----------------------------------------------------------------------

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


# --- Campaigns being signed -------------------------------------------------------------

# What signing needs of a campaign: the long texts are read only to draw the page again.
SIGNING_FIELDS = ("id", "slug", "status", "starts_on", "ends_on", "title_en", "title_fa", "protest_enabled",
                  "protest_text_en", "protest_text_fa", "protest_delivery", "letter_enabled", "pow_enabled",
                  "burst_limit", "sustained_limit")
# In a surge every signature would read the same campaign row: each process keeps it this many
# seconds. Saving a campaign forgets them in that process at once; the other processes stop
# taking signatures for a closed campaign within these seconds.
SIGNING_CAMPAIGN_SECONDS = 2
_signing_campaigns = {}


def campaign_for_signing(slug):
    """The public (not draft) campaign with this slug, with SIGNING_FIELDS only, or None.
    Shared by the requests of this process: read it, never change it."""
    now = time.monotonic()
    entry = _signing_campaigns.get(slug)
    if entry is None or entry[0] < now:
        campaign = (Campaign.objects.exclude(status=Campaign.Status.DRAFT).only(*SIGNING_FIELDS)
                    .filter(slug=slug).first())
        if len(_signing_campaigns) >= 1000:  # addresses made up by a robot do not pile up
            _signing_campaigns.clear()
        entry = _signing_campaigns[slug] = (now + SIGNING_CAMPAIGN_SECONDS, campaign)
    return entry[1]


def forget_signing_campaigns():
    _signing_campaigns.clear()


# --- Rate limits ------------------------------------------------------------------------


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


def _signed_too_often(campaign, ip_hash, limits, now):
    """Whether this connection's stored signatures on the campaign, with its repeated ones,
    already fill a window.

    Counted from the signature rows (an index on campaign, IP hash and time): exact across
    every process, and no shared counter to write on each signature. Refused attempts are not
    stored, so the rows counted are at most the limits. A repeated address stores no row, so
    it is counted in the cache (_repeats): otherwise whether the next signature is refused
    would tell whether an address had signed before."""
    starts = [now - timedelta(seconds=window) for _limit, window in limits]
    db = transaction.get_connection()
    adapt = db.ops.adapt_datetimefield_value
    with db.cursor() as cursor:
        # Called in the transaction that then stores the signature. SQLite runs one writing
        # transaction at a time; PostgreSQL is told to, for this connection on this campaign
        # only, by a lock held until the commit.
        if db.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [campaign.pk, int(ip_hash[:7], 16)])
        cursor.execute(_rate_sql(db.vendor, len(limits)),
                       [*map(adapt, starts), campaign.pk, ip_hash, adapt(min(starts))])
        counts = cursor.fetchone()
    repeats = cache.get(_repeats_key(campaign, ip_hash)) or ()
    return any((count or 0) + sum(1 for moment in repeats if moment > start.timestamp()) >= limit
               for count, start, (limit, _window) in zip(counts, starts, limits, strict=True))


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
def _rate_sql(vendor, windows):
    """The recent signatures of one connection on one campaign, counted in each window."""
    quote = connection.ops.quote_name
    column = partial(_column, quote)
    counts = ", ".join([f"SUM(CASE WHEN {column('created_at')} > %s THEN 1 ELSE 0 END)"] * windows)
    # Only names from the model are written into the statement; every value is a parameter.
    return (f"SELECT {counts} FROM {quote(Signature._meta.db_table)} WHERE {column('campaign')} = %s "  # noqa: S608
            f"AND {column('ip_hash')} = %s AND {column('created_at')} > %s")


def _column(quote, name):
    return quote(Signature._meta.get_field(name).column)


def _within_limits(key, limits):
    allowed = True
    for limit, window in limits:
        # Every window counts the attempt, so a refused burst still uses up the longer window.
        allowed = security.hit(f"{key}:{limit}", limit=limit, window_seconds=window) and allowed
    return allowed


# --- Proof of work ----------------------------------------------------------------------


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


# --- Signing ----------------------------------------------------------------------------


@dataclass
class Signed:
    signature: Signature
    created: bool


def sign(campaign, *, name, email, country, language, organisation="", message="", wants_updates=False,
         wants_newsletter=False, ip="", proof_of_work=None, name_shown=Signature.NameShown.COUNT_ONLY):
    """Store a pending signature and queue its confirmation e-mail.

    A second signature from the same address (after normalisation) stores nothing and
    queues an e-mail instead: the confirmation again while it is pending, "already signed"
    once confirmed. Raises a SigningError when the campaign is closed, the domain or network
    is blocked or the connection has signed too often.

    Nobody may learn from the answer whether an address signed before: the rate limit depends
    on the connection alone and is checked first, for every address alike; a repeat uses up
    the limit like a new signature, gets the same answer, and its e-mail is queued for the
    worker as a new signature's is. `name_shown` (Signature.NameShown) is what the targets
    see of the name; a caller that did not ask the signer shows none."""
    if not campaign.is_open_for_signing():
        raise CampaignClosed()
    if country not in COUNTRIES:
        raise InvalidCountry()
    email = email.strip()
    email_key = normalise_email(email)
    ip_action = ip_rule(ip)
    if ip_action == AccessRule.Action.BLOCK:
        raise BlockedNetwork()
    if domain_rule(email_key) == AccessRule.Action.BLOCK:
        raise BlockedDomain()
    ip_hash = security.hash_ip(ip) if ip else ""
    now = timezone.now()
    limited = bool(ip_hash) and ip_action != AccessRule.Action.ALLOW
    signature = Signature(
        created_at=now,
        campaign=campaign, name=name, name_shown=name_shown, email=email, email_key=email_key, country=country,
        organisation=organisation, language=language, wants_updates=wants_updates,
        wants_newsletter=wants_newsletter, message=message if campaign.protest_enabled else "",
        ip_hash=ip_hash, proof_of_work=proof_of_work,
    )
    try:
        with transaction.atomic():
            # Counted in the transaction that stores the signature, so two requests from one
            # connection at the same moment cannot both pass (see _signed_too_often). Checked
            # before the address is looked at: a limited connection is refused whoever it names.
            if limited and _signed_too_often(campaign, ip_hash, rate_limits(campaign, proof_of_work=proof_of_work), now):
                raise RateLimited()
            _insert(signature)
    except IntegrityError:
        # The same address again: answered like a new signature, and its owner is e-mailed.
        if limited:
            _count_repeat(campaign, ip_hash, now)
        earlier = Signature.objects.filter(campaign=campaign, email_key=email_key).first()
        if earlier is None:  # removed in between (anonymised): nothing to tell anyone
            return Signed(signature, created=False)
        return _repeated(earlier)
    queue_confirmations()
    return Signed(signature, created=True)


def _repeated(signature):
    queue_signature_email(signature, kind="duplicate")
    return Signed(signature, created=False)


def _insert(signature):
    """INSERT a new signature and set its id: what save() does (no signal listens to new
    signatures), with the statement written once per process instead of on every request."""
    # The connection itself rather than django.db.connection, which looks it up again on every
    # use. A string in a text field, a boolean in a boolean field and a whole number in a
    # number field are stored as they are; other values (times) are prepared by their field.
    db = transaction.get_connection()
    sql, fields = _insert_sql(db.vendor)
    values = []
    for field, plain_type in fields:
        value = getattr(signature, field.attname)
        values.append(value if value is None or type(value) is plain_type else field.get_db_prep_save(value, db))
    with db.cursor() as cursor:
        cursor.execute(sql, values)
        signature.pk = cursor.fetchone()[0]
    signature._state.adding = False
    signature._state.db = db.alias


# The type of value each kind of field stores as it is.
_PLAIN_TYPES = {"CharField": str, "TextField": str, "BooleanField": bool, "ForeignKey": int,
                "BigIntegerField": int, "IntegerField": int, "PositiveIntegerField": int,
                "PositiveSmallIntegerField": int}


@functools.cache
def _insert_sql(vendor):
    meta = Signature._meta
    quote = connection.ops.quote_name
    fields = [(field, _PLAIN_TYPES.get(field.get_internal_type()))
              for field in meta.concrete_fields if not field.primary_key]
    # Only names from the model are written into the statement; every value is a parameter.
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field, _type in fields)}) "  # noqa: S608
           f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(meta.pk.column)}")
    return sql, fields


CONFIRMATIONS_KEY = "campaigns:confirmations-queued"


def queue_confirmations():
    """Make sure a worker sends the waiting confirmation e-mails, after the commit.

    One task sends every waiting confirmation, so a surge enqueues about one task per batch
    rather than one per signature (on the database queue each would be another write). The
    key says a task is queued or running; the task removes it and then looks once more, so a
    signature committed while it ran is never left waiting (see send_waiting_confirmations).
    If the task is lost, the key expires and the next signature queues another;
    `resend_lost_confirmations` catches the last ones of a surge."""
    from .tasks import send_waiting_confirmations_task

    if cache.add(CONFIRMATIONS_KEY, 1, timeout=settings.CAMPAIGN_CONFIRMATIONS_KEY_SECONDS):
        transaction.on_commit(send_waiting_confirmations_task.enqueue, robust=True)


def _waiting_confirmations():
    # An address that failed MAIL_ATTEMPTS times is left failed (shown to staff).
    return (
        Signature.objects.filter(status=Signature.Status.PENDING, confirmation_sent_at__isnull=True,
                                 mail_attempts__lt=MAIL_ATTEMPTS,
                                 created_at__gte=timezone.now() - confirmation_lifetime())
        .select_related("campaign").order_by("pk")
    )


def send_waiting_confirmations(*, batch=200):
    """Send the confirmation e-mail of every pending signature that has not had one, over one
    SMTP connection. Each is marked sent after it went out (at least once, never lost).

    An e-mail that fails for its own sake (an address SMTP cannot carry, a recipient the server
    refuses) is marked on its signature with the reason and the batch goes on: it is tried
    again by later runs, MAIL_ATTEMPTS times in all. Raises when the mail server itself fails;
    what is left waits for the next task."""
    sent = 0
    looked_again = False
    last = 0
    connection = get_connection()
    with connection:
        while True:
            # Onwards from the last one looked at: one that failed now waits for the next run.
            signatures = list(_waiting_confirmations().filter(pk__gt=last)[:batch])
            if not signatures:
                if looked_again:
                    return sent
                # Anyone who committed before this could not queue a task (the key was
                # there): their row is visible to the next query.
                cache.delete(CONFIRMATIONS_KEY)
                looked_again = True
                continue
            for signature in signatures:
                last = signature.pk
                try:
                    send_signature_email(signature, kind="confirm", connection=connection)
                except Exception as error:
                    if not fails_alone(error):
                        raise
                    record_mail_failure(signature, error)
                    continue
                sent += 1


def fails_alone(error):
    """Whether an e-mail failed for its own sake (its address or its content), so that it is
    marked failed and the others go on; otherwise the mail server or the connection failed,
    and the whole batch is tried again later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # 421: the server is closing the connection, whoever the recipient.
        return all(code != 421 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500  # this message refused for good; 4xx: the server, for now
    # Other SMTP errors (the sender refused, authentication, a lost connection) are OSErrors
    # too: the server or the connection. ValueError and the rest (an address SMTP cannot
    # carry, a header that cannot be encoded) belong to the message.
    return not isinstance(error, OSError)


def mail_error_text(error):
    return clean_line(f"{type(error).__name__}: {error}")[:500]


def record_mail_failure(record, error):
    """Count a failed try at a signer's or endorser's e-mail, with its reason for staff."""
    from django.db.models import F

    type(record).objects.filter(pk=record.pk).update(mail_attempts=F("mail_attempts") + 1,
                                                     mail_error=mail_error_text(error))
    record.refresh_from_db(fields=["mail_attempts", "mail_error"])


def queue_signature_email(signature, *, kind):
    from .tasks import send_signature_email

    if kind == "duplicate" and signature.status != Signature.Status.PENDING:
        # A burst of the same address (a double click, a script) gets one e-mail, not fifty
        # (while pending, the worker claims the reminder on the row instead: _claim_reminder).
        if not cache.add(f"campaigns:duplicate-mail:{signature.pk}", 1, timeout=settings.CAMPAIGN_DUPLICATE_MAIL_SECONDS):
            return
    transaction.on_commit(partial(send_signature_email.enqueue, signature_id=signature.pk, kind=kind), robust=True)


def resend_confirmation(signature):
    """A new link for a pending signature whose link expired (at most a few an hour)."""
    if signature.status != Signature.Status.PENDING:
        return False
    if not security.hit(f"campaigns:resend:{signature.pk}", limit=3, window_seconds=3600):
        return False
    queue_signature_email(signature, kind="again")
    return True


def resend_lost_confirmations(*, older_than):
    """Queue again the confirmation of pending signatures whose e-mail never went out
    (the process died between the commit and the queue, or the queue lost it)."""
    count = _waiting_confirmations().filter(created_at__lt=timezone.now() - older_than).count()
    if count:
        cache.delete(CONFIRMATIONS_KEY)
        queue_confirmations()
    return count


def confirmation_lifetime():
    return timedelta(days=settings.CAMPAIGN_CONFIRMATION_DAYS)


def confirmation_token(signature):
    return signing.dumps(signature.pk, salt=CONFIRM_SALT)


def letter_token(signature):
    return signing.dumps(signature.pk, salt=LETTER_SALT)


class InvalidLink(Exception):
    pass


def signature_for_token(token):
    """(signature, expired) for a confirmation link; InvalidLink when it is not one of ours."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        raise InvalidLink() from None
    signature = Signature.objects.select_related("campaign").filter(pk=pk).first()
    if signature is None or signature.status == Signature.Status.INVALIDATED:
        raise InvalidLink()
    try:
        signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_lifetime())
    except signing.SignatureExpired:
        return signature, True
    return signature, False


def signature_for_letter(token):
    try:
        pk = signing.loads(token, salt=LETTER_SALT)
    except signing.BadSignature:
        raise InvalidLink() from None
    signature = Signature.objects.select_related("campaign").filter(pk=pk).first()
    if signature is None or signature.status == Signature.Status.INVALIDATED or not signature.campaign.letter_enabled:
        raise InvalidLink()
    return signature


def confirm(signature):
    """Count a pending signature. True when this call confirmed it, False when it already was."""
    now = timezone.now()
    updated = Signature.objects.filter(pk=signature.pk, status=Signature.Status.PENDING).update(
        status=Signature.Status.CONFIRMED, confirmed_at=now
    )
    if not updated:
        signature.refresh_from_db(fields=["status", "confirmed_at"])
        return False
    signature.status, signature.confirmed_at = Signature.Status.CONFIRMED, now
    transaction.on_commit(partial(signature_confirmed.send, sender=Signature, signature=signature), robust=True)
    campaign = signature.campaign
    if campaign.protest_enabled and campaign.protest_delivery == Campaign.Delivery.EACH:
        queue_protest_delivery(campaign)
    return True


# --- Counters ---------------------------------------------------------------------------


def counts(campaign, *, max_age=None):
    """{"total": n, "by_country": {code: n}} of confirmed signatures, at most `max_age`
    (default CAMPAIGN_COUNTS_SECONDS) old. When the cached count is due, one process counts
    while the others keep answering from the previous count."""
    key = f"campaigns:counts:{campaign.pk}"
    entry = cache.get(key)
    now = time.time()
    if max_age is None:
        max_age = settings.CAMPAIGN_COUNTS_SECONDS
    if entry is not None:
        counted_at, value = entry
        if now - counted_at < max_age:
            return value
        # While another process counts, a count at most half a second past due will do.
        if now - counted_at < max_age + 0.5 and not cache.add(f"{key}:counting", 1, timeout=10):
            return value
    value = count_confirmed(campaign)
    cache.set(key, (now, value), timeout=3600)
    cache.delete(f"{key}:counting")
    return value


def count_confirmed(campaign):
    rows = (
        Signature.objects.filter(campaign=campaign, status=Signature.Status.CONFIRMED)
        .order_by().values_list("country").annotate(n=Count("*"))
    )
    by_country = dict(rows)
    return {"total": sum(by_country.values()), "by_country": by_country}


# --- Endorsements -----------------------------------------------------------------------


def endorse(campaign, *, organisation_name, representative_name, representative_role, email, country, language, ip=""):
    """A pending endorsement and its confirmation e-mail; the same address again for the
    same campaign gets the e-mail again rather than a second endorsement."""
    if not campaign.endorsement_enabled or not campaign.is_open_for_signing():
        raise CampaignClosed()
    if country not in COUNTRIES:
        raise InvalidCountry()
    email = email.strip()
    if ip_rule(ip) == AccessRule.Action.BLOCK:
        raise BlockedNetwork()
    if domain_rule(normalise_email(email)) == AccessRule.Action.BLOCK:
        raise BlockedDomain()
    ip_hash = security.hash_ip(ip) if ip else ""
    if ip_rule(ip) != AccessRule.Action.ALLOW and not _within_limits(
        f"campaigns:endorse:{campaign.pk}:{ip_hash}", rate_limits(campaign)
    ):
        raise RateLimited()
    existing = campaign.endorsements.filter(email__iexact=email).exclude(status=Endorsement.Status.REJECTED).first()
    endorsement = existing or Endorsement.objects.create(
        campaign=campaign, organisation_name=organisation_name, representative_name=representative_name,
        representative_role=representative_role, email=email, country=country, language=language, ip_hash=ip_hash,
    )
    # Queued whatever is stored, so the answer takes as long for a known address as for a new
    # one; the worker decides whether to write (not when confirmed, nor past the address's cap).
    from .tasks import send_endorsement_email

    transaction.on_commit(partial(send_endorsement_email.enqueue, endorsement_id=endorsement.pk), robust=True)
    return endorsement


def address_digest(email):
    """A keyed hash of an address as its mailbox sees it: the cache never holds the address."""
    key = settings.IP_HASH_KEY.encode()
    return hmac.new(key, f"email:{normalise_email(email)}".encode(), hashlib.sha256).hexdigest()


def may_mail_endorser(endorsement):
    """At most CAMPAIGN_ENDORSEMENT_MAILS_PER_ADDRESS confirmation e-mails an hour to one
    address, however many connections ask: nobody can flood a stranger's inbox through the form."""
    return security.hit(f"campaigns:endorse-mail:{address_digest(endorsement.email)}",
                        limit=settings.CAMPAIGN_ENDORSEMENT_MAILS_PER_ADDRESS, window_seconds=3600)


def endorsement_token(endorsement):
    return signing.dumps(endorsement.pk, salt=ENDORSEMENT_SALT)


def endorsement_for_token(token):
    try:
        pk = signing.loads(token, salt=ENDORSEMENT_SALT, max_age=confirmation_lifetime())
    except signing.BadSignature:
        raise InvalidLink() from None
    endorsement = Endorsement.objects.select_related("campaign").filter(pk=pk).first()
    if endorsement is None or endorsement.status == Endorsement.Status.REJECTED:
        raise InvalidLink()
    return endorsement


def confirm_endorsement(endorsement):
    updated = Endorsement.objects.filter(pk=endorsement.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    endorsement.refresh_from_db(fields=["confirmed_at"])
    return bool(updated)


# --- E-mail to signers ------------------------------------------------------------------


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def render_email(template, context, *, language, to, reply_to=None, connection=None):
    """An e-mail in `language`: subject, plain text and HTML from templates/campaigns/email/."""
    with translation.override(language):
        context = {**context, "language": language, "rtl": is_rtl(language)}
        subject = render_subject(f"campaigns/email/{template}_subject.txt", context)
        text = render_to_string(f"campaigns/email/{template}.txt", context)
        html = render_to_string(f"campaigns/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, reply_to=reply_to, connection=connection)
    message.attach_alternative(html, "text/html")
    return message


def render_subject(template, context):
    """A subject is plain text: its template escapes nothing (see the {% autoescape off %} in
    each), and line breaks, which would break the header, become spaces."""
    return " ".join(render_to_string(template, context).split())


def send_signature_email(signature, *, kind, connection=None):
    """The confirmation link (kind "confirm"; "again" for a new link; "duplicate" when the
    address signed again while pending) or the "already signed" notice, in the signer's
    language."""
    campaign = signature.campaign
    language = signature.language
    with translation.override(language):
        confirm_url = absolute(reverse("campaigns:confirm", args=[confirmation_token(signature)]))
        campaign_url = absolute(campaign.get_absolute_url(language))
        letter_url = absolute(reverse("campaigns:letter", args=[letter_token(signature)])) if campaign.letter_enabled else ""
    pending = signature.status == Signature.Status.PENDING
    if pending and kind == "duplicate" and not _claim_reminder(signature):
        return
    template = "confirm" if pending else "already_signed"
    context = {
        "signature": signature,
        "campaign_title": campaign.translated("title", language),
        "confirm_url": confirm_url,
        "campaign_url": campaign_url,
        "letter_url": letter_url,
        "again": kind == "duplicate",
        "days": confirmation_lifetime().days,
    }
    render_email(template, context, language=language, to=[signature.email], connection=connection).send()
    if pending:
        Signature.objects.filter(pk=signature.pk).update(confirmation_sent_at=timezone.now())


def _claim_reminder(signature):
    """Whether to send the link again to someone who signed again while pending: not while the
    first e-mail is on its way or was sent minutes ago (a burst of the same address gets one)."""
    now = timezone.now()
    recent = now - timedelta(seconds=settings.CAMPAIGN_DUPLICATE_MAIL_SECONDS)
    return bool(Signature.objects.filter(pk=signature.pk, confirmation_sent_at__lt=recent).update(confirmation_sent_at=now))


def send_endorsement_email(endorsement):
    language = endorsement.language
    with translation.override(language):
        confirm_url = absolute(reverse("campaigns:endorsement_confirm", args=[endorsement_token(endorsement)]))
    context = {
        "endorsement": endorsement,
        "campaign_title": endorsement.campaign.translated("title", language),
        "confirm_url": confirm_url,
        "days": confirmation_lifetime().days,
    }
    render_email("endorsement_confirm", context, language=language, to=[endorsement.email]).send()


# --- Updates ----------------------------------------------------------------------------


def queue_update_email(update):
    from .tasks import send_campaign_update

    transaction.on_commit(partial(send_campaign_update.enqueue, update_id=update.pk), robust=True)


def email_update(update, *, batch=200):
    """E-mail a published update to every confirmed signer who asked for updates, each in
    their language. Each copy is recorded (UpdateEmail) as soon as the mail server accepted
    it, so a send cut short (the server refused mail, the worker died) carries on where it
    stopped when tried again: nobody is left out, and nobody gets it twice unless the worker
    dies between the server's answer and the record. The update is held while one worker
    sends it, so two workers never send it side by side. Returns how many went out now."""
    from django.db.models import Exists, OuterRef, Q

    from .models import UpdateEmail

    now = timezone.now()
    if not update.is_published(now):
        return 0
    updates = type(update).objects.filter(pk=update.pk)
    connection = get_connection()
    # Opened before the update is held: with the mail server down, nothing changes.
    connection.open()
    lease = timedelta(seconds=settings.CAMPAIGN_UPDATE_LEASE_SECONDS)
    held = updates.filter(emailed_at__isnull=True).filter(
        Q(sending_until__isnull=True) | Q(sending_until__lt=now)).update(sending_until=now + lease)
    if not held:
        connection.close()
        return 0
    campaign = update.campaign
    copies = UpdateEmail.objects.filter(update=update)
    # A copy is done once sent, refused for good, or failed MAIL_ATTEMPTS times.
    done = copies.filter(Q(error="") | Q(attempts__gte=MAIL_ATTEMPTS))
    waiting = (
        campaign.signatures.filter(status=Signature.Status.CONFIRMED, wants_updates=True)
        .exclude(email="")  # anonymised
        .exclude(Exists(done.filter(signature=OuterRef("pk"))))
        # Any copy left is one that failed before: it is updated rather than written again.
        .annotate(failed_before=Exists(copies.filter(signature=OuterRef("pk"))))
        .order_by("pk").only("pk", "email", "name", "language")
    )
    sent = 0
    try:
        with connection:
            last = 0
            while chunk := list(waiting.filter(pk__gt=last)[:batch]):
                for signature in chunk:
                    try:
                        accepted = _send_update(update, signature, connection)
                    except Exception as error:
                        if not fails_alone(error):
                            raise
                        _record_update_failure(update, signature, error)
                        continue
                    _record_update_copy(update, signature, refused=not accepted)
                    if accepted:
                        sent += 1
                last = chunk[-1].pk
                updates.update(sending_until=timezone.now() + lease)
    except BaseException:
        # Let go at once, so the retry need not wait for the hold to run out.
        updates.update(sending_until=None)
        raise
    # A copy that failed alone and may be tried again keeps the update due for the next run.
    retry = copies.exclude(error="").filter(attempts__lt=MAIL_ATTEMPTS).exists()
    updates.update(emailed_at=None if retry else timezone.now(), sending_until=None)
    return sent


def _record_update_copy(update, signature, *, refused):
    from .models import UpdateEmail

    if signature.failed_before:
        UpdateEmail.objects.filter(update=update, signature=signature).update(refused=refused, error="",
                                                                             sent_at=timezone.now())
    else:
        UpdateEmail.objects.bulk_create([UpdateEmail(update=update, signature=signature, refused=refused)],
                                        ignore_conflicts=True)


def _record_update_failure(update, signature, error):
    from django.db.models import F

    from .models import UpdateEmail

    reason = mail_error_text(error)
    if signature.failed_before:
        UpdateEmail.objects.filter(update=update, signature=signature).update(attempts=F("attempts") + 1, error=reason)
    else:
        UpdateEmail.objects.bulk_create([UpdateEmail(update=update, signature=signature, error=reason)],
                                        ignore_conflicts=True)


def _send_update(update, signature, connection):
    """True once the mail server accepted the copy; False if it refused the address for good
    (a temporary refusal of the server raises, and the copy is tried again with the rest; a
    failure of this copy alone raises an error that fails_alone() recognises)."""
    language = signature.language
    campaign = update.campaign
    context = {
        "update": update,
        "title": update.translated("title", language),
        "paragraphs": update.paragraphs(language),
        "campaign_title": campaign.translated("title", language),
        "campaign_url": absolute(campaign.get_absolute_url(language)),
        "signature": signature,
    }
    message = render_email("update", context, language=language, to=[signature.email], connection=connection)
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as refusal:
        if all(code >= 500 for code, _reply in refusal.recipients.values()):
            return False
        raise
    return True


def email_due_updates():
    """Updates whose publication time has come and that have not been e-mailed to everyone
    yet (also those a send left half done)."""
    from .models import CampaignUpdate

    due = CampaignUpdate.objects.filter(published_at__lte=timezone.now(), emailed_at__isnull=True).order_by("pk")
    return sum(email_update(update) for update in due)


# --- Protest messages to the targets ----------------------------------------------------


def queue_protest_delivery(campaign):
    """Ask the worker to send waiting protest messages; a surge of confirmations makes one
    request a minute, and each run sends one throttled batch."""
    from .tasks import deliver_protests_task

    if cache.add(f"campaigns:protest-kick:{campaign.pk}", 1, timeout=settings.CAMPAIGN_PROTEST_INTERVAL):
        transaction.on_commit(partial(deliver_protests_task.enqueue, campaign_id=campaign.pk), robust=True)


def _waiting_signatures(campaign, target):
    return (
        campaign.signatures.filter(status=Signature.Status.CONFIRMED)
        .exclude(protest_deliveries__target=target)
        .order_by("confirmed_at", "pk")
    )


def deliver_protests(campaign, *, digest=False):
    """Send to each target with an e-mail address the confirmed signers' messages not yet
    delivered to it: one e-mail per signer (at most CAMPAIGN_PROTEST_BATCH per target per run)
    or, for a digest campaign run with digest=True, one e-mail with all of them. Signers'
    e-mail addresses are never given to the targets. Returns (sent, more_waiting)."""
    if not campaign.protest_enabled:
        return 0, False
    if (campaign.protest_delivery == Campaign.Delivery.DIGEST) != digest:
        return 0, False
    batch = settings.CAMPAIGN_PROTEST_BATCH
    sent, more = 0, False
    connection = get_connection()
    try:
        connection.open()
    except OSError:
        pass  # each message tries again and its failure is logged on its delivery
    try:
        for target in campaign.targets.exclude(email=""):
            retry_failed_deliveries(target, connection)
            waiting = _waiting_signatures(campaign, target)
            if digest:
                signatures = list(waiting)
                if signatures:
                    sent += _deliver(campaign, target, signatures, ProtestDelivery.Kind.DIGEST, connection)
                continue
            signatures = list(waiting[: batch + 1])
            more = more or len(signatures) > batch
            for signature in signatures[:batch]:
                sent += _deliver(campaign, target, [signature], ProtestDelivery.Kind.EACH, connection)
    finally:
        connection.close()
    return sent, more


def _deliver(campaign, target, signatures, kind, connection):
    with transaction.atomic():
        delivery = ProtestDelivery.objects.create(campaign=campaign, target=target, kind=kind)
        delivery.signatures.add(*signatures)
    return _send_delivery(delivery, signatures, connection)


def _send_delivery(delivery, signatures, connection):
    campaign, target = delivery.campaign, delivery.target
    language = settings.LANGUAGE_CODE
    for signature in signatures:
        signature.text = signature.message or campaign.translated("protest_text", signature.language)
    # The targets see each name as its signer chose (protest.txt): whole, initials, or not at all.
    with translation.override(language):
        context = {"campaign": campaign, "target": target, "signatures": signatures,
                   "campaign_title": campaign.translated("title", language),
                   "demands": campaign.demands(language), "digest": delivery.kind == ProtestDelivery.Kind.DIGEST}
        subject = render_subject("campaigns/email/protest_subject.txt", context)
        body = render_to_string("campaigns/email/protest.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[target.email], connection=connection)
    delivery.attempts += 1
    try:
        message.send()
    except Exception as error:
        # Failed alone: the next target and the next signer's message go on; it is tried
        # again by later runs, CAMPAIGN_PROTEST_ATTEMPTS times in all.
        delivery.status = ProtestDelivery.Status.FAILED
        delivery.error = mail_error_text(error)
        delivery.save(update_fields=["status", "attempts", "error"])
        return 0
    delivery.status, delivery.sent_at, delivery.error = ProtestDelivery.Status.SENT, timezone.now(), ""
    delivery.save(update_fields=["status", "attempts", "sent_at", "error"])
    return 1


def retry_failed_deliveries(target, connection):
    failed = target.deliveries.filter(status=ProtestDelivery.Status.FAILED, attempts__lt=settings.CAMPAIGN_PROTEST_ATTEMPTS)
    for delivery in failed:
        _send_delivery(delivery, list(delivery.signatures.order_by("confirmed_at", "pk")), connection)


def deliver_all_protests(*, digest=False):
    total = 0
    for campaign in Campaign.objects.filter(protest_enabled=True).exclude(status=Campaign.Status.DRAFT):
        total += deliver_protests(campaign, digest=digest)[0]
    return total
