"""Workflows of the newsletter: building issues from published records, sending, pausing,
test sends, and bounces reported back."""

import logging
import secrets

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from solidarity.campaigns import services as campaigns
from solidarity.cases import services as cases
from solidarity.core.transactions import after_commit
from solidarity.network import services as network
from solidarity.publishing import services as publishing
from solidarity.supporters import services as supporters

from . import sending
from .models import Delivery, Issue, IssueItem, Send
from .rendering import absolute

log = logging.getLogger(__name__)


class NewsletterError(Exception):
    """Something staff asked for that cannot be done; the text says why, in their language."""


# Items chosen from published records ---------------------------------------------------------

# kind -> how its app offers the records an issue may hold (the public ones, in a language).
SOURCES = {
    IssueItem.Kind.ARTICLE: (publishing.public_article_records, publishing.public_article_record),
    IssueItem.Kind.CAMPAIGN: (campaigns.public_campaign_records, campaigns.public_campaign_record),
    IssueItem.Kind.CASE: (cases.public_case_records, cases.public_case_record),
    IssueItem.Kind.RESOLUTION: (network.public_resolution_records, network.public_resolution_record),
}


def source_records(kind, language, *, limit=200):
    """The records of a kind that an issue in `language` may hold, newest first."""
    listing, _one = SOURCES[kind]
    return listing(language, limit=limit)


def source_record(kind, pk, language):
    """One such record, or None: a crafted choice cannot reach a private or unpublished one."""
    _listing, one = SOURCES[kind]
    return one(pk, language)


def source_choices(language, *, limit=200):
    """(value, label) groups for the item form: "kind:id" for each record that can be chosen."""
    groups = []
    for kind in SOURCES:
        options = [(f"{kind}:{record.pk}", record.title) for record in source_records(kind, language, limit=limit)]
        if options:
            groups.append((IssueItem.Kind(kind).label, options))
    return groups


def fill_item_from_source(item, *, choice, language):
    """Copy the chosen record ("kind:id")'s title, summary and link into the item where still
    empty; False when there is no such record (any more)."""
    kind, _sep, pk = (choice or "").partition(":")
    record = source_record(kind, int(pk), language) if kind in SOURCES and pk.isdigit() else None
    if record is None:
        return False
    item.kind, item.source_id, item.source = kind, record.pk, f"{kind}:{record.pk}"
    item.title = item.title or record.title[:300]
    item.summary = item.summary or record.summary
    item.url = item.url or (absolute(record.url)[:500] if record.url else "")
    return True


def add_item(*, issue, choice="", heading="", text="", summary="", url=""):
    """An item at the end of an issue: chosen from a record ("kind:id") or a free section."""
    item = IssueItem(issue=issue, source=choice, title=heading, body=text, summary=summary, url=url,
                     sort_order=issue.items.count())
    item.save()
    return item


# Sending ---------------------------------------------------------------------------------


def _enqueue_after_commit(task, *, run_after=None, **kwargs):
    if run_after is not None:
        task = task.using(run_after=run_after)
    after_commit(task.enqueue, **kwargs)


def create_send(*, issue, lists, scheduled_at=None, user=None):
    """Send an issue to one or more lists, now or at `scheduled_at`."""
    from .tasks import start_newsletter_send

    lists = list(lists)
    if not lists:
        raise NewsletterError(_("Choose at least one list."))
    now = timezone.now()
    scheduled_at = scheduled_at or now
    with transaction.atomic():
        send = Send.objects.create(issue=issue, scheduled_at=scheduled_at, created_by=user)
        send.lists.set(lists)
        issue.status = Issue.Status.SCHEDULED
        issue.save(update_fields=["status"])
        if scheduled_at <= now:
            _enqueue_after_commit(start_newsletter_send, send_id=send.pk)
        elif start_newsletter_send.get_backend().supports_defer:
            _enqueue_after_commit(start_newsletter_send, run_after=scheduled_at, send_id=send.pk)
        # Otherwise `manage.py send_newsletter --due` (run from cron) starts it when due.
    return send


def start_send(*, send, enqueue=True):
    """Make the send's deliveries (one per reader who may be written to now) and start it.

    Safe to call twice: only a scheduled send starts, and a reader has one delivery per send.
    """
    with transaction.atomic():
        locked = Send.objects.select_for_update().get(pk=send.pk)
        if locked.status != Send.Status.SCHEDULED:
            return locked
        create_deliveries(locked)
        now = timezone.now()
        locked.status, locked.started_at = Send.Status.SENDING, now
        locked.save(update_fields=["status", "started_at"])
        issue = locked.issue
        issue.status = Issue.Status.SENDING
        issue.published_at = issue.published_at or now
        issue.save(update_fields=["status", "published_at"])
        if issue.counterpart_id and not issue.counterpart.published_at:
            Issue.objects.filter(pk=issue.counterpart_id).update(published_at=now)
        if enqueue:
            enqueue_workers(locked)
    return locked


def create_deliveries(send):
    """One queued delivery per reader the send may go to, in one INSERT ... SELECT: 100,000
    rows never pass through Python. A reader who already has one (a second start) is left be."""
    readers = supporters.sendable_subscribers(send.lists.all()).order_by("pk").values(
        reader_id=F("pk"), reader_email=F("email"))
    select_sql, params = readers.query.sql_with_params()
    table = connection.ops.quote_name(Delivery._meta.db_table)
    columns = "send_id, subscriber_id, email, state, attempts, message_id, error, claim"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT %s, readers.reader_id, readers.reader_email, %s, 0, '', '', '' "  # noqa: S608
            f"FROM ({select_sql}) AS readers WHERE true ON CONFLICT DO NOTHING",
            [send.pk, Delivery.State.QUEUED, *params],
        )


def enqueue_workers(send):
    from .tasks import process_newsletter_send

    parallel = settings.NEWSLETTER_PARALLEL_TASKS
    for _number in range(parallel):
        _enqueue_after_commit(process_newsletter_send, send_id=send.pk, rate_share=parallel)


def process_send(*, send, seconds=None, rate_share=1, batch_size=None):
    """Send what is queued (for at most `seconds`); finish the send when nothing is left."""
    send.refresh_from_db(fields=["status"])
    if send.status != Send.Status.SENDING:
        return sending.RunResult(outcome="paused" if send.status == Send.Status.PAUSED else "done")
    result = sending.Run(send, seconds=seconds, rate_share=rate_share, batch_size=batch_size).run()
    if result.outcome == "done":
        finish_if_complete(send=send)
    return result


def finish_if_complete(*, send):
    unfinished = (Delivery.State.QUEUED, Delivery.State.SENDING)
    if send.deliveries.filter(state__in=unfinished).exists():
        return False
    now = timezone.now()
    with transaction.atomic():
        updated = Send.objects.filter(pk=send.pk, status=Send.Status.SENDING).update(
            status=Send.Status.SENT, finished_at=now)
        if updated and not send.issue.sends.exclude(pk=send.pk).exclude(status=Send.Status.SENT).exists():
            Issue.objects.filter(pk=send.issue_id).update(status=Issue.Status.SENT)
    send.refresh_from_db()
    return bool(updated)


def pause_send(*, send):
    """Workers stop within a second; what they had claimed goes back to the queue."""
    updated = Send.objects.filter(pk=send.pk, status__in=[Send.Status.SENDING, Send.Status.SCHEDULED]).update(
        status=Send.Status.PAUSED)
    if updated:
        Issue.objects.filter(pk=send.issue_id).update(status=Issue.Status.PAUSED)
    send.refresh_from_db()
    return bool(updated)


def resume_send(*, send):
    """A paused send carries on (a paused scheduled send starts). For a send still sending, new
    worker tasks are queued: after a worker process died with its task, nothing else would
    pick the send up again (the claims it held go back to the queue when stale)."""
    if send.status == Send.Status.SENDING:
        with transaction.atomic():
            enqueue_workers(send)
        return True
    with transaction.atomic():
        started = send.started_at is not None
        new_status = Send.Status.SENDING if started else Send.Status.SCHEDULED
        updated = Send.objects.filter(pk=send.pk, status=Send.Status.PAUSED).update(status=new_status)
        if updated:
            Issue.objects.filter(pk=send.issue_id).update(
                status=Issue.Status.SENDING if started else Issue.Status.SCHEDULED)
            send.refresh_from_db()
            if started:
                enqueue_workers(send)
            else:
                from .tasks import start_newsletter_send

                _enqueue_after_commit(start_newsletter_send, send_id=send.pk)
    send.refresh_from_db()
    return bool(updated)


def due_sends(now=None):
    return Send.objects.filter(status=Send.Status.SCHEDULED, scheduled_at__lte=now or timezone.now())


def send_test(*, issue, addresses):
    """The issue, as a reader would get it, to staff addresses now; links lead to the public
    newsletter page since there is no reader. Returns how many were accepted."""
    server = sending.smtp_servers()[0]
    factory = sending.MessageFactory(Send(issue=issue))
    smtp = sending.open_connection(server)
    accepted = 0
    try:
        eight_bit = smtp.has_extn("8bitmime")
        for address in addresses:
            message_id = f"<newsletter.test.{secrets.token_hex(8)}@{sending.message_domain()}>"
            address = sending.smtp_address(address)
            message = factory.build(subscriber=None, email=address, message_id=message_id, eight_bit=eight_bit,
                                    test=True)
            sending.transmit(smtp, factory.envelope_from, address, message, eight_bit=eight_bit)
            accepted += 1
    finally:
        sending.close_connection(smtp)
    return accepted


# Bounces -----------------------------------------------------------------------------------


def record_bounce(*, email, kind, message_id=""):
    """A bounce report names the message (or only the address): its delivery is "bounced"."""
    deliveries = Delivery.objects.filter(state=Delivery.State.SENT)
    if message_id:
        message_id = message_id.strip()
        if not message_id.startswith("<"):
            message_id = f"<{message_id}>"
        delivery_id = sending.delivery_id_from(message_id)
        deliveries = deliveries.filter(message_id=message_id)
        if delivery_id:
            deliveries = deliveries.filter(pk=delivery_id)
    else:
        latest = deliveries.filter(email__iexact=email).order_by("-sent_at").values_list("pk", flat=True)[:1]
        deliveries = deliveries.filter(pk__in=list(latest))
    return deliveries.update(state=Delivery.State.BOUNCED, error=f"bounce: {kind}")


def on_bounce_received(sender=None, *, email="", kind="", message_id="", **kwargs):
    record_bounce(email=email, kind=kind, message_id=message_id or "")


def searchable_records(language):
    """The newsletter issues in the web archive, in the reader's language, offered to site search
    (core/search.py): the title, the introduction and every item's words."""
    from django.utils.translation import gettext

    from solidarity.core.bilingual import in_language
    from solidarity.core.i18n import is_persian
    from solidarity.core.search import SearchRecord, record_words
    from solidarity.core.text import html_text, to_persian_digits

    records = []
    with translation.override(language):
        for issue in Issue.objects.archived(language).prefetch_related("items"):
            with translation.override(issue.language):
                numbers = {"title": issue.display_title, "volume": issue.volume, "number": issue.number}
                if is_persian(issue.language):
                    numbers.update(volume=to_persian_digits(str(issue.volume)), number=to_persian_digits(str(issue.number)))
                title = in_language(gettext("%(title)s — Volume %(volume)s, Number %(number)s") % numbers,
                                    issue.language)
            records.append(SearchRecord(
                kind=str(_("Newsletter issue")), title=title, language=issue.language, url=issue.get_absolute_url(),
                summary=" ".join(html_text(issue.introduction).split())[:300], date=issue.date,
                titles=(issue.display_title,), key=f"issue:{min(issue.pk, issue.counterpart_id or issue.pk)}",
                words=record_words(html_text(issue.introduction),
                                   *(text for item in issue.items.all()
                                     for text in (item.title, item.summary, html_text(item.body)))),
            ))
    return records
