"""Confirmation e-mails queued, sent in batches and sent again; confirming a signature."""

import functools

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Mod
from django.utils import timezone

from solidarity.core import security
from solidarity.core.transactions import after_commit

from ..models import MAIL_ATTEMPTS, Campaign, Signature
from ..signals import signature_confirmed
from .errors import InvalidLink
from .mail import fails_alone, record_mail_failure, send_signature_email
from .protests import queue_protest_delivery
from .tokens import CONFIRM_SALT, confirmation_lifetime

CONFIRMATIONS_KEY = "campaigns:confirmations-queued"
# How many e-mails apart the sending task says it is still at work (well within the key's life
# even when a slow mail server takes a second for each).
KEY_REFRESH_EVERY = 10


def confirmations_keys(shard=None):
    """The keys that say a task is queued or running for a share of the waiting e-mails (all
    shares when `shard` is None)."""
    shards = range(settings.CAMPAIGN_CONFIRMATION_SENDERS) if shard is None else [shard]
    return [f"{CONFIRMATIONS_KEY}:{number}" for number in shards]


def queue_confirmations(signature_id=None):
    """Make sure a worker sends the waiting confirmation e-mails, after the commit.

    The waiting e-mails are shared among CAMPAIGN_CONFIRMATION_SENDERS tasks (a signature's
    share is its id modulo that number), so that several workers send at once: one sender,
    one e-mail after the other, is what a surge's confirmations wait for. A task sends every
    waiting e-mail of its share, so a surge enqueues about one task per share per batch rather
    than one per signature (on the database queue each would be another write). A share's key
    says its task is queued or running; the task removes it and then looks once more, so a
    signature committed while it ran is never left waiting (see send_waiting_confirmations).
    If the task is lost, the key expires and the next signature queues another;
    `resend_lost_confirmations` catches the last ones of a surge. Without a signature (held
    ones released, the sweeper) every share is looked at."""
    from ..tasks import send_waiting_confirmations_task

    senders = settings.CAMPAIGN_CONFIRMATION_SENDERS
    shards = range(senders) if signature_id is None else [signature_id % senders]
    for shard in shards:
        if cache.add(confirmations_keys(shard)[0], 1, timeout=settings.CAMPAIGN_CONFIRMATIONS_KEY_SECONDS):
            after_commit(send_waiting_confirmations_task.enqueue, shard=shard)


def _waiting_confirmations():
    # An address that failed MAIL_ATTEMPTS times is left failed (shown to staff).
    return (
        Signature.objects.filter(status=Signature.Status.PENDING, confirmation_sent_at__isnull=True,
                                 mail_attempts__lt=MAIL_ATTEMPTS,
                                 created_at__gte=timezone.now() - confirmation_lifetime())
        .select_related("campaign").order_by("pk")
    )


def send_waiting_confirmations(*, shard=None, batch=200):
    """Send the confirmation e-mail of every pending signature of a share (`shard`, see
    queue_confirmations; every share when None) that has not had one, over one SMTP
    connection. Each is marked sent after it went out (at least once, never lost).

    An e-mail that fails for its own sake (an address SMTP cannot carry, a recipient the server
    refuses) is marked on its signature with the reason and the batch goes on: it is tried
    again by later runs, MAIL_ATTEMPTS times in all. Raises when the mail server itself fails;
    what is left waits for the next task."""
    sent = 0
    looked_again = False
    last = 0
    waiting = _waiting_confirmations()
    if shard is not None:
        waiting = waiting.alias(share=Mod("pk", Value(settings.CAMPAIGN_CONFIRMATION_SENDERS))).filter(share=shard)
    keys = confirmations_keys(shard)
    connection = get_connection()
    with connection:
        while True:
            # Onwards from the last one looked at: one that failed now waits for the next run.
            signatures = list(waiting.filter(pk__gt=last)[:batch])
            if not signatures:
                if looked_again:
                    return sent
                # Anyone who committed before this could not queue a task (the key was
                # there): their row is visible to the next query.
                cache.delete_many(keys)
                looked_again = True
                continue
            for number, signature in enumerate(signatures):
                if number % KEY_REFRESH_EVERY == 0:
                    # While this task sends, the key stays: a surge's backlog can take longer than
                    # the key lives, and a second task started beside it would send the same
                    # e-mails again. A task that died lets the key lapse, and the next takes over.
                    for key in keys:
                        cache.touch(key, settings.CAMPAIGN_CONFIRMATIONS_KEY_SECONDS)
                last = signature.pk
                try:
                    send_signature_email(signature, kind="confirm", connection=connection)
                except Exception as error:
                    if not fails_alone(error):
                        raise
                    record_mail_failure(signature, error)
                    continue
                sent += 1


def queue_signature_email(signature, *, kind):
    from ..tasks import send_signature_email

    if kind == "duplicate" and signature.status != Signature.Status.PENDING:
        # A burst of the same address (a double click, a script) gets one e-mail, not fifty
        # (while pending, the worker claims the reminder on the row instead: _claim_reminder).
        if not cache.add(f"campaigns:duplicate-mail:{signature.pk}", 1, timeout=settings.CAMPAIGN_DUPLICATE_MAIL_SECONDS):
            return
    after_commit(send_signature_email.enqueue, signature_id=signature.pk, kind=kind)


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
        cache.delete_many(confirmations_keys())
        queue_confirmations()
    return count


def confirm(signature):
    """Count a pending signature. True when this call confirmed it, False when it already was."""
    now = timezone.now()
    # The UPDATE as the ORM would write it, written once per process (see _confirm_sql).
    db = transaction.get_connection()
    with db.cursor() as cursor:
        cursor.execute(_confirm_sql(db.vendor), _confirm_params(signature.pk, now, db))
        updated = cursor.rowcount
    if not updated:
        signature.refresh_from_db(fields=["status", "confirmed_at"])
        return False
    signature.status, signature.confirmed_at = Signature.Status.CONFIRMED, now
    _after_confirming(signature)
    return True


def _after_confirming(signature):
    after_commit(signature_confirmed.send, sender=Signature, signature=signature)
    campaign = signature.campaign
    if campaign.protest_enabled and campaign.protest_delivery == Campaign.Delivery.EACH:
        queue_protest_delivery(campaign)


def confirm_from_link(token):
    """Confirm the pending signature a fresh confirmation link names: the signature when this
    call confirmed it, None when there is something to explain instead (already confirmed, a
    link past its lifetime: see signature_for_token). Raises InvalidLink for a link that is
    not ours or a signature that was invalidated.

    What a surge of confirmations costs: one check of the link's signature (with its age at
    once) and one UPDATE that gives back the row it confirmed; the row is read only when there
    is nothing to confirm, to say why. No page is drawn here."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_lifetime())
    except signing.SignatureExpired:
        return None
    except signing.BadSignature:
        raise InvalidLink() from None
    signature = _confirm_by_id(pk)
    if signature is not None:
        _after_confirming(signature)
        return signature
    signature = _signature_by_id(pk)
    if signature is None or signature.status == Signature.Status.INVALIDATED:
        raise InvalidLink()
    return None


# The statements of a confirmation, written once per process: the ORM building them again on
# every request cost more than the rest of the confirmation. Only names from the model are
# written into them; every value is a parameter.
_CONFIRMED_AT = Signature._meta.get_field("confirmed_at")


@functools.cache
def _confirm_sql(vendor, returning=False):
    """The UPDATE that confirms a pending signature; `returning`: with the row as _read_sql reads it."""
    quote = connection.ops.quote_name
    table = Signature._meta.db_table
    sql = (f"UPDATE {quote(table)} SET {quote('status')} = %s, {quote(_CONFIRMED_AT.column)} = %s "  # noqa: S608
           f"WHERE {quote(Signature._meta.pk.column)} = %s AND {quote('status')} = %s")
    if returning:
        campaigns = Campaign._meta
        columns = ", ".join(quote(field.column) for field in Signature._meta.concrete_fields)
        sql += (f" RETURNING {columns}, (SELECT {quote('slug')} FROM {quote(campaigns.db_table)} "  # noqa: S608
                f"WHERE {quote(campaigns.pk.column)} = {quote(table)}.{quote(Signature._meta.get_field('campaign').column)})")
    return sql


def _confirm_params(pk, now, db):
    return [Signature.Status.CONFIRMED.value, _CONFIRMED_AT.get_db_prep_save(now, db), pk, Signature.Status.PENDING.value]


def _confirm_by_id(pk):
    """Confirm the signature with this id if it is pending: the signature, else None."""
    db = transaction.get_connection()
    with db.cursor() as cursor:
        cursor.execute(_confirm_sql(db.vendor, returning=True), _confirm_params(pk, timezone.now(), db))
        row = cursor.fetchone()
    return None if row is None else _signature_from_row(row, db)


@functools.cache
def _read_sql(vendor):
    """The SELECT of a signature with its campaign's slug, and each field's converters (the
    values the database gives, made into what the field holds: times on SQLite, say)."""
    quote = connection.ops.quote_name
    meta, campaigns = Signature._meta, Campaign._meta
    fields = meta.concrete_fields
    columns = ", ".join(f"s.{quote(field.column)}" for field in fields)
    sql = (f"SELECT {columns}, c.{quote('slug')} FROM {quote(meta.db_table)} s "  # noqa: S608
           f"JOIN {quote(campaigns.db_table)} c ON c.{quote(campaigns.pk.column)} = s.{quote(meta.get_field('campaign').column)} "
           f"WHERE s.{quote(meta.pk.column)} = %s")
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, column, found))
    return sql, [field.attname for field in fields], converters


def _signature_by_id(pk):
    """The signature with this id, its campaign as signing keeps it (campaign_for_signing), or None."""
    db = transaction.get_connection()
    with db.cursor() as cursor:
        cursor.execute(_read_sql(db.vendor)[0], [pk])
        row = cursor.fetchone()
    return None if row is None else _signature_from_row(row, db)


def _signature_from_row(row, db):
    """A signature from a row of its columns followed by its campaign's slug (see _read_sql)."""
    from .signing import campaign_for_signing

    _sql, names, converters = _read_sql(db.vendor)
    values = list(row[:-1])
    for index, column, found in converters:
        for converter in found:
            values[index] = converter(values[index], column, db)
    signature = Signature.from_db(db.alias, names, values)
    campaign = campaign_for_signing(row[-1])
    if campaign is not None:  # else (a draft) read when first used
        signature.campaign = campaign
    return signature
