"""The signing request does as little as it can, because a viral case brings thousands of
signatures a minute: the campaign and the access rules come from this process's memory (kept
a few seconds), and one statement counts the connection's recent signatures (the per-IP rate
limit, from the signature rows themselves) and stores the signature unless a limit is reached:
on PostgreSQL one round trip with its lock, where a transaction of its own would take five.
It is written out once rather than built by the ORM on every request, which cost more than all
the rest of the request.
A second signature from the same address is refused by the unique constraint, not by a
look-up first, so 50 simultaneous identical submissions store exactly one row. E-mail is
queued after the commit; `resend_lost_confirmations` catches a queue entry lost to a crash.
"""

import contextlib
import functools
import time
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from solidarity.core import security
from solidarity.core.countries import is_known
from solidarity.core.mailboxes import mailbox_key

from ..models import AccessRule, Campaign, Signature
from .access import _count_repeat, connection_guard, domain_rule, ip_rule, rate_limits
from .confirmations import queue_confirmations, queue_signature_email
from .errors import BlockedDomain, BlockedNetwork, CampaignClosed, InvalidCountry, TooManyRequests

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
    if not is_known(country):
        raise InvalidCountry()
    email = email.strip()
    email_key = mailbox_key(email)
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
    guard = None
    if limited:
        # Checked before the address is looked at: a limited connection is refused whoever it names.
        guard = connection_guard(campaign, ip_hash, email_key, rate_limits(campaign, proof_of_work=proof_of_work),
                                 now, status=str(signature.status))
    try:
        stored = _store(signature, guard)
    except IntegrityError:
        # The same address again: answered like a new signature, and its owner is e-mailed.
        if limited:
            _count_repeat(campaign, ip_hash, now)
        earlier = Signature.objects.filter(campaign=campaign, email_key=email_key).first()
        if earlier is None:  # removed in between (anonymised): nothing to tell anyone
            return Signed(signature, created=False)
        return _repeated(earlier)
    if not stored:
        raise TooManyRequests()
    queue_confirmations(signature.pk)
    return Signed(signature, created=True)


def _repeated(signature):
    queue_signature_email(signature, kind="duplicate")
    return Signed(signature, created=False)


def _store(signature, guard=None):
    """INSERT a new signature and set its id and status: what save() does (no signal listens to
    new signatures), with the statement written once per process instead of on every request.
    With a `guard` (access.connection_guard) the same statement counts the connection's recent
    signatures, and stores nothing (False) when a limit is reached; a signature held for review
    is stored as held. Raises IntegrityError when the address has signed before."""
    # The connection itself rather than django.db.connection, which looks it up again on every
    # use. A string in a text field, a boolean in a boolean field and a whole number in a
    # number field are stored as they are; other values (times) are prepared by their field.
    db = transaction.get_connection()
    insert, returning, fields = _insert_sql(db.vendor)
    values = []
    for field, plain_type in fields:
        value = getattr(signature, field.attname)
        values.append(value if value is None or type(value) is plain_type else field.get_db_prep_save(value, db))
    if guard is None:
        sql, params = f"{insert} %s", [*values, str(signature.status)]
    else:
        sql = f"{insert} {guard.status} {guard.source} WHERE {guard.allows}"
        params = [*values, *guard.status_params, *guard.source_params, *guard.allows_params]
    sql += returning
    lock = guard is not None and guard.lock
    if lock:
        # One round trip to PostgreSQL: the two statements of one query run as one transaction.
        sql, params = f"{guard.lock}; {sql}", [*guard.lock_params, *params]
    # SQLite takes its write lock at BEGIN (IMMEDIATE); a transaction already open keeps a
    # refused duplicate to a savepoint.
    atomic = db.vendor != "postgresql" or db.in_atomic_block
    with transaction.atomic() if atomic else contextlib.nullcontext(), db.cursor() as cursor:
        cursor.execute(sql, params)
        if lock:
            cursor.nextset()
        row = cursor.fetchone()
    if row is None:
        return False
    signature.pk, signature.status = row
    signature._state.adding = False
    signature._state.db = db.alias
    return True


# The type of value each kind of field stores as it is.
_PLAIN_TYPES = {"CharField": str, "TextField": str, "BooleanField": bool, "ForeignKey": int,
                "BigIntegerField": int, "IntegerField": int, "PositiveIntegerField": int,
                "PositiveSmallIntegerField": int}


@functools.cache
def _insert_sql(vendor):
    """The statement up to the status, the last column, whose value the caller adds: `INSERT
    INTO ... (columns) SELECT %s, ..., `; what ends it (` RETURNING id, status`); and the fields
    of the other columns."""
    meta = Signature._meta
    quote = connection.ops.quote_name
    status = quote(meta.get_field("status").column)
    fields = [(field, _PLAIN_TYPES.get(field.get_internal_type()))
              for field in meta.concrete_fields if not field.primary_key and field.name != "status"]
    columns = [quote(field.column) for field, _type in fields] + [status]
    # Only names from the model are written into the statement; every value is a parameter.
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
           f"SELECT {'%s, ' * len(fields)}")
    return sql, f" RETURNING {quote(meta.pk.column)}, {status}", fields
