"""The sending engine: workers claim batches of deliveries and send them over SMTP.

Claiming. A worker takes up to `batch_size` queued deliveries of a send in one short
transaction: on PostgreSQL `SELECT ... FOR UPDATE SKIP LOCKED` then an UPDATE, on SQLite the
same inside a write transaction (the project opens SQLite transactions IMMEDIATE, so only one
claimer runs at a time). Claimed rows are in state "sending" with the batch's random `claim`
token and `claimed_at`.

Sending. Each claimed delivery is sent over one SMTP connection reused for the batch (and for
the next batches of the same run), in id order, and is marked "sent" in its own autocommit
UPDATE immediately after the server's 250 reply, guarded by `claim = token`.

Why mark after the 250 and not before. SMTP itself says a message is delivered when, and only
when, the server has answered 250 to the end of its data (RFC 5321 §4.1.1.4, §6.1): before
that reply the server may discard it, after it the server owns it. So we record exactly that
event. Marking "sent" *before* sending would make a worker that dies before the data is out
skip that reader for good (at-most-once: silent loss); marking after makes the send
at-least-once, and the only message that can ever go twice is one whose 250 arrived while the
worker died before its UPDATE committed (a window of one local database write, for one
message per killed connection, never per batch). That message is resent with the same
Message-ID, which mail programs use to show one copy. Everything else is exact:

- an exception in a worker that lives on gives the rest of its batch back to the queue at once;
- a worker killed mid-batch leaves its unsent rows "sending" under a claim nobody refreshes;
  after `NEWSLETTER_CLAIM_LEASE_SECONDS` any worker gives rows of a stale claim back to the
  queue (`release_stale_claims`), and they are sent once by whoever claims them next;
- a worker that stalled longer than the lease and lost its claim notices at its next UPDATE
  (no row matched its token) and stops: only the message in its hands at that moment can go
  twice, the rest of its batch goes once, by the new claimer (keep the lease far above
  EMAIL_TIMEOUT and a batch's sending time);
- a refused connection, a dropped connection or a temporary refusal puts the message and
  the rest of the batch back in the queue at once; permanent refusals (5xx) mark "failed";
  a message refused for now (4xx) is tried again by a later run, not by this one a moment
  later, and fails after MAX_ATTEMPTS runs;
- a reader whose message cannot be made (an address SMTP cannot carry, stored before
  addresses were checked) is marked "failed" with the reason, never retried, and the batch goes
  on: one bad row never holds the others back;
- pause is checked at least every second: the rest of the batch goes back to the queue;
- whether a reader may still be written to is checked when the batch is claimed, so
  unsubscribing or a new suppression after the send was scheduled is honoured ("skipped").

Speed. The issue is rendered once per language (rendering.py); each message is the shared
text with the reader's links joined in and a few headers; the body goes 8bit when the server
announces 8BITMIME, so lines stay long and few.

Servers. `NEWSLETTER_SMTP_SERVERS` is a list of {"host", "port", "user", "password", "tls",
"rate" (messages per second, 0 for no limit), "connections"}; without it the project's own
EMAIL_* settings are the one server. A run opens `connections` SMTP connections to each
server, one thread each (threads share the server's rate limiter), and when
`NEWSLETTER_PARALLEL_TASKS` worker tasks run one send together each takes that share of the
rate, so the limit holds per server across processes.
"""

import base64
import copy
import hashlib
import hmac
import logging
import re
import secrets
import smtplib
import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from email.charset import Charset
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from solidarity.supporters import services as supporters

from .models import Delivery, Send
from .rendering import render_issue

log = logging.getLogger(__name__)

# How often a worker looks whether its send was paused (one small query).
PAUSE_CHECK_SECONDS = 1
MAX_ATTEMPTS = 5
# After this many temporary refusals in a row the server is given a rest: the run stops.
TEMPORARY_FAILURES_BEFORE_REST = 3


@dataclass
class Server:
    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    tls: bool = False
    rate: float = 0
    connections: int = 1
    name: str = ""

    def __post_init__(self):
        self.name = self.name or f"{self.host}:{self.port}"


def smtp_servers():
    configured = settings.NEWSLETTER_SMTP_SERVERS
    if configured:
        return [Server(**server) for server in configured]
    return [Server(host=settings.EMAIL_HOST or "127.0.0.1", port=settings.EMAIL_PORT,
                   user=settings.EMAIL_HOST_USER, password=settings.EMAIL_HOST_PASSWORD,
                   tls=settings.EMAIL_USE_TLS, rate=settings.NEWSLETTER_RATE)]


class RateLimiter:
    """At most `rate` messages a second, shared by the threads sending to one server."""

    def __init__(self, rate):
        self.interval = 1.0 / rate if rate else 0
        self.next_slot = time.monotonic()
        self.lock = threading.Lock()

    def wait(self):
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot)
            self.next_slot = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


class ServerUnavailable(Exception):
    """The SMTP server refused or dropped the connection, or keeps refusing for now."""


class ClaimLost(Exception):
    """Another worker released this batch as stale: stop before sending anything twice."""


# Claiming ----------------------------------------------------------------------------------


def claim_batch(send_id, *, size, token, exclude=()):
    """Take up to `size` queued deliveries of a send for this worker, except the ids in `exclude`;
    returns their ids."""
    now = timezone.now()
    with transaction.atomic():
        queued = Delivery.objects.filter(send_id=send_id, state=Delivery.State.QUEUED).order_by("id")
        if exclude:
            queued = queued.exclude(id__in=exclude)
        if connection.features.has_select_for_update_skip_locked:
            queued = queued.select_for_update(skip_locked=True)
        ids = list(queued.values_list("id", flat=True)[:size])
        if ids:
            Delivery.objects.filter(id__in=ids, state=Delivery.State.QUEUED).update(
                state=Delivery.State.SENDING, claim=token, claimed_at=now)
    return ids


def release_stale_claims(send_id, *, lease_seconds=None):
    """Give back to the queue rows claimed by a worker that stopped answering for a lease."""
    lease = settings.NEWSLETTER_CLAIM_LEASE_SECONDS if lease_seconds is None else lease_seconds
    return Delivery.objects.filter(
        send_id=send_id, state=Delivery.State.SENDING, claimed_at__lt=timezone.now() - timedelta(seconds=lease),
    ).update(state=Delivery.State.QUEUED, claim="", claimed_at=None)


def release_claim(token):
    """This worker's unsent rows go back to the queue (pause, server trouble, shutdown)."""
    return Delivery.objects.filter(claim=token, state=Delivery.State.SENDING).update(
        state=Delivery.State.QUEUED, claim="", claimed_at=None)


# Messages ----------------------------------------------------------------------------------

_UTF8 = Charset("utf-8")


def message_domain():
    return settings.NEWSLETTER_MESSAGE_ID_DOMAIN or urlsplit(settings.SITE_URL).hostname or "localhost"


def message_id_for(send_id, delivery_id):
    """The same Message-ID every time a delivery is sent, unguessable from the ids alone."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"newsletter:{send_id}:{delivery_id}".encode(),
                      hashlib.sha256).hexdigest()[:16]
    return f"<newsletter.{send_id}.{delivery_id}.{digest}@{message_domain()}>"


_OUR_MESSAGE_ID = re.compile(r"<newsletter\.(\d+)\.(\d+)\.[0-9a-f]{16}@")


def delivery_id_from(message_id):
    """The delivery a Message-ID of ours names (None for any other Message-ID)."""
    match = _OUR_MESSAGE_ID.match(message_id or "")
    return int(match.group(2)) if match else None


class MessageFactory:
    """Builds each reader's message from the issue rendered once per language."""

    def __init__(self, send):
        self.send = send
        self.from_email = settings.NEWSLETTER_FROM_EMAIL or settings.DEFAULT_FROM_EMAIL
        self.envelope_from = parseaddr(self.from_email)[1]
        self.domain = message_domain()
        issue = send.issue
        self.issues = {issue.language: issue}
        if issue.counterpart_id:
            self.issues[issue.counterpart.language] = issue.counterpart
        self.rendered = {}
        self.heads = {}
        self.link_templates = {}

    def rendered_for(self, language):
        issue = self.send.issue.in_language(language)
        if issue.language not in self.rendered:
            rendered = render_issue(issue)
            self.rendered[issue.language] = rendered
            self.heads[issue.language] = (
                f"From: {self.from_email}\r\n"
                f"Subject: {Header(rendered.subject, _UTF8).encode()}\r\n"
                f"MIME-Version: 1.0\r\n"
                f"Content-Language: {issue.language}\r\n"
                f"List-Id: {Header(rendered.list_name, _UTF8).encode()} "
                f"<newsletter-{issue.language}.{self.domain}>\r\n"
                f"Precedence: bulk\r\n"
                f"Auto-Submitted: auto-generated\r\n"
            )
        return self.rendered[issue.language], self.heads[issue.language]

    def links(self, subscriber):
        """The reader's unsubscribe and preferences links and List-Unsubscribe headers.

        Made by the supporters app; reversing three URLs per message costs more than the rest of
        the message, so each language's links are made once with a marker for the token and the
        token put in, after checking on the first reader that this gives what the app gives."""
        template = self.link_templates.get(subscriber.language)
        if template is None:
            reader = subscriber.as_subscriber() if isinstance(subscriber, Recipient) else subscriber
            real = _supporter_links(reader)
            stand_in = copy.copy(reader)
            stand_in.token = TOKEN_MARK
            candidate = _supporter_links(stand_in)
            template = candidate if _fill(candidate, subscriber.token) == real else False
            self.link_templates[subscriber.language] = template
            return real
        if template is False:
            return _supporter_links(subscriber.as_subscriber() if isinstance(subscriber, Recipient) else subscriber)
        return _fill(template, subscriber.token)

    def build(self, *, subscriber, email, message_id, eight_bit=True, test=False):
        """The whole message as bytes ready for SMTP DATA."""
        rendered, head = self.rendered_for(subscriber.language if subscriber else self.send.issue.language)
        if subscriber is not None:
            unsubscribe, preferences, list_headers = self.links(subscriber)
            name = subscriber.name
        else:  # a test send to staff: no reader, so the links lead to the public newsletter page
            unsubscribe = preferences = settings.SITE_URL + "/" + rendered.language + "/newsletter/"
            list_headers = {}
            name = ""
        html_body, text_body = rendered.personalise(unsubscribe_url=unsubscribe, preferences_url=preferences)
        boundary = "=_nl_" + secrets.token_hex(12)
        to = formataddr((name, email), charset="utf-8") if name else email
        extra = "".join(f"{key}: {value}\r\n" for key, value in list_headers.items())
        subject_prefix = ""
        if test:
            head = head.replace("Subject: ", "Subject: [TEST] ", 1)
        parts = [
            f"{head}{subject_prefix}To: {to}\r\nDate: {formatdate(localtime=False)}\r\nMessage-ID: {message_id}\r\n{extra}"
            f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n',
            _part(boundary, "text/plain", text_body, eight_bit),
            _part(boundary, "text/html", html_body, eight_bit),
            f"--{boundary}--\r\n",
        ]
        return "".join(parts).encode("utf-8")


TOKEN_MARK = "NLTOKENMARKNL"  # noqa: S105 (a placeholder, not a secret)


def _supporter_links(subscriber):
    return (supporters.unsubscribe_url(subscriber), supporters.preferences_url(subscriber),
            supporters.list_unsubscribe_headers(subscriber))


def _fill(links, token):
    unsubscribe, preferences, headers = links
    return (unsubscribe.replace(TOKEN_MARK, token), preferences.replace(TOKEN_MARK, token),
            {key: value.replace(TOKEN_MARK, token) for key, value in headers.items()})


def _part(boundary, content_type, body, eight_bit):
    if eight_bit:
        encoded, encoding = body.replace("\r\n", "\n").replace("\n", "\r\n"), "8bit"
    else:
        encoded, encoding = base64.encodebytes(body.encode("utf-8")).decode("ascii").replace("\n", "\r\n"), "base64"
    return (f"--{boundary}\r\nContent-Type: {content_type}; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: {encoding}\r\n\r\n{encoded}\r\n")


# SMTP --------------------------------------------------------------------------------------


def open_connection(server):
    try:
        smtp = smtplib.SMTP(server.host, server.port, timeout=settings.EMAIL_TIMEOUT or 20)
        smtp.ehlo()
        if server.tls:
            smtp.starttls()
            smtp.ehlo()
        if server.user:
            smtp.login(server.user, server.password)
    except (OSError, smtplib.SMTPException) as error:
        raise ServerUnavailable(f"{server.name}: {error}") from error
    return smtp


class Undeliverable(Exception):
    """This one reader's message cannot be sent as it is (an address SMTP cannot carry): the
    delivery fails for good with the reason, and the batch goes on."""


def smtp_address(email):
    """The address as SMTP carries it (an international domain in IDNA), or Undeliverable.

    An address stored before addresses were checked (a bidi or zero-width character, a domain
    IDNA cannot write) would otherwise fail in the middle of a batch, again at every retry."""
    from django.core.exceptions import ValidationError

    from solidarity.core.validators import validate_deliverable_email

    try:
        validate_deliverable_email(email)
    except ValidationError as error:
        raise Undeliverable(f"address refused before sending: {' '.join(error.messages)}") from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.encode('idna').decode('ascii')}"


def transmit(smtp, sender, recipient, message, *, eight_bit):
    """smtplib's sendmail for one recipient, without re-parsing both addresses per message, and
    with MAIL, RCPT and DATA sent together where the server offers PIPELINING (RFC 2920).
    Raises what sendmail raises."""
    if any(character in recipient for character in "\r\n<>"):
        raise smtplib.SMTPRecipientsRefused({recipient: (553, b"malformed address")})
    body = b" BODY=8BITMIME" if eight_bit else b""
    if smtp.does_esmtp and smtp.has_extn("pipelining"):
        smtp.send(b"MAIL FROM:<%s>%s\r\nRCPT TO:<%s>\r\nDATA\r\n" % (sender.encode(), body, recipient.encode()))
        replies = [smtp.getreply() for _ in range(3)]
        (mail_code, mail_reply), (rcpt_code, rcpt_reply), (data_code, data_reply) = replies
        if mail_code != 250:
            _abort(smtp, data_code)
            raise smtplib.SMTPSenderRefused(mail_code, mail_reply, sender)
        if rcpt_code not in (250, 251):
            _abort(smtp, data_code)
            raise smtplib.SMTPRecipientsRefused({recipient: (rcpt_code, rcpt_reply)})
        if data_code != 354:
            raise smtplib.SMTPDataError(data_code, data_reply)
        smtp.send(_dot_stuffed(message))
        code, reply = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
        return
    smtp.putcmd("mail", f"FROM:<{sender}>{body.decode()}")
    code, reply = smtp.getreply()
    if code != 250:
        _abort(smtp)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    smtp.putcmd("rcpt", f"TO:<{recipient}>")
    code, reply = smtp.getreply()
    if code not in (250, 251):
        _abort(smtp)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    smtp.putcmd("data")
    code, reply = smtp.getreply()
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    smtp.send(_dot_stuffed(message))
    code, reply = smtp.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def _abort(smtp, data_code=None):
    if data_code == 354:  # the server took DATA after all: end it empty, then reset
        smtp.send(b".\r\n")
        smtp.getreply()
    smtp.rset()


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _dot_stuffed(message):
    """RFC 5321 §4.5.2: a line starting with "." gets another; then the end-of-data line."""
    data = _LEADING_DOT.sub(b"..", message) if message.startswith(b".") or b"\n." in message else message
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def close_connection(smtp):
    if smtp is None:
        return
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


# Marking -----------------------------------------------------------------------------------


def _execute(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


TABLE = Delivery._meta.db_table


def mark_sent(delivery_id, token, message_id):
    """Recorded right after the server's 250, in its own commit; raises ClaimLost when the row is
    no longer ours (released as stale), so the batch stops."""
    updated = _execute(
        f"UPDATE {TABLE} SET state = %s, sent_at = %s, message_id = %s, attempts = attempts + 1, error = '' "  # noqa: S608
        f"WHERE id = %s AND claim = %s AND state = %s",
        [Delivery.State.SENT, timezone.now(), message_id, delivery_id, token, Delivery.State.SENDING],
    )
    if updated != 1:
        raise ClaimLost(delivery_id)


def mark_failed(delivery_id, token, error, *, permanent):
    """A permanent refusal ends the delivery; a temporary one puts it back in the queue, until
    MAX_ATTEMPTS."""
    state = Delivery.State.FAILED
    if not permanent:
        attempts = Delivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True).first() or 0
        if attempts + 1 < MAX_ATTEMPTS:
            state = Delivery.State.QUEUED
    Delivery.objects.filter(pk=delivery_id, claim=token, state=Delivery.State.SENDING).update(
        state=state, attempts=F("attempts") + 1, error=str(error)[:500],
        claim="" if state == Delivery.State.QUEUED else token,
    )


def mark_skipped(ids, token, reason):
    if ids:
        Delivery.objects.filter(id__in=ids, claim=token, state=Delivery.State.SENDING).update(
            state=Delivery.State.SKIPPED, error=reason)


# The run -----------------------------------------------------------------------------------


@dataclass
class RunResult:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    outcome: str = "done"  # done | more | paused | server-unavailable | claim-lost
    errors: list = field(default_factory=list)


class Recipient(NamedTuple):
    """A claimed delivery and what its message needs to know about the reader."""

    pk: int
    email: str
    subscriber_id: int
    language: str
    name: str
    token: str

    def as_subscriber(self):
        """The reader as the supporters app's link functions expect it (not saved)."""
        from solidarity.supporters.models import Subscriber

        return Subscriber(pk=self.subscriber_id, email=self.email, language=self.language, name=self.name,
                          token=self.token)


class Lane:
    """One SMTP connection to one server, opened on first use and reused for every batch."""

    def __init__(self, server, limiter):
        self.server = server
        self.limiter = limiter
        self.smtp = None
        self.failed = False

    def connection(self):
        if self.smtp is None:
            self.smtp = open_connection(self.server)
        return self.smtp

    def close(self):
        close_connection(self.smtp)
        self.smtp = None


class Run:
    """One worker's turn at a send: claims and sends batches until the queue is empty, the
    time is up, the send is paused, or a server fails."""

    def __init__(self, send, *, seconds=None, batch_size=None, rate_share=1):
        self.send = send
        self.deadline = time.monotonic() + seconds if seconds else None
        self.batch_size = batch_size or settings.NEWSLETTER_BATCH_SIZE
        self.factory = MessageFactory(send)
        self.lists = list(send.lists.values_list("pk", flat=True))
        self.result = RunResult()
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.rate_share = rate_share
        self.checked = time.monotonic()
        # Deliveries a server refused for now in this run: tried again by a later run, not a
        # moment later by this one (a greylisting server would refuse them every time).
        self.deferred = set()

    def finish(self, outcome, error=None):
        with self.lock:
            if self.result.outcome == "done" or (self.result.outcome == "more" and outcome != "more"):
                self.result.outcome = outcome
            if error is not None:
                self.result.errors.append(str(error))
        self.stop.set()

    def check(self, force=False):
        """At most once a second: still sending (not paused), still within the time given?"""
        now = time.monotonic()
        if not force and now - self.checked < PAUSE_CHECK_SECONDS:
            return not self.stop.is_set()
        self.checked = now
        if not Send.objects.filter(pk=self.send.pk, status=Send.Status.SENDING).exists():
            self.finish("paused")
        elif self.deadline and now > self.deadline:
            self.finish("more")
        return not self.stop.is_set()

    def batch(self, lane):
        """Claim one batch and send it through `lane`; False when there is nothing left to do."""
        if not self.check(force=True):
            return False
        token = secrets.token_hex(16)
        with self.lock:
            deferred = set(self.deferred)
        ids = claim_batch(self.send.pk, size=self.batch_size, token=token, exclude=deferred)
        if not ids:
            return False
        try:
            self.deliver(self.recipients(ids, token), token, lane)
        except ServerUnavailable as error:
            # This server is done for this run; the other lanes carry on with the queue.
            log.warning("newsletter send %s: %s", self.send.pk, error)
            lane.close()
            lane.failed = True
            with self.lock:
                self.result.errors.append(str(error))
            return False
        except ClaimLost as error:
            log.warning("newsletter send %s: claim lost at delivery %s", self.send.pk, error)
            self.finish("claim-lost", error)
        finally:
            release_claim(token)
        return not self.stop.is_set()

    def recipients(self, ids, token):
        """The claimed rows with their readers, minus those who may no longer be written to."""
        # Plain tuples, not model instances: building 200 models a batch costs more than sending.
        rows = [Recipient(*values) for values in Delivery.objects.filter(id__in=ids, claim=token).order_by("id")
                .values_list("id", "email", "subscriber_id", "subscriber__language", "subscriber__name",
                             "subscriber__token")]
        subscriber_ids = [row.subscriber_id for row in rows]
        sendable = set(supporters.sendable_subscribers(self.lists).filter(pk__in=subscriber_ids)
                       .values_list("pk", flat=True))
        skipped = [row.pk for row in rows if row.subscriber_id not in sendable]
        mark_skipped(skipped, token, "unsubscribed, suppressed or no longer on these lists")
        with self.lock:
            self.result.skipped += len(skipped)
        return [row for row in rows if row.subscriber_id in sendable]

    def deliver(self, rows, token, lane):
        temporary_in_a_row = 0
        for row in rows:
            if not self.check():
                return
            smtp = lane.connection()
            eight_bit = smtp.has_extn("8bitmime")
            message_id = message_id_for(self.send.pk, row.pk)
            try:
                address = smtp_address(row.email)
                message = self.factory.build(subscriber=row, email=address, message_id=message_id,
                                             eight_bit=eight_bit)
            except Exception as error:  # this reader's message cannot be made: the others can
                log.warning("newsletter send %s: delivery %s not sent: %s", self.send.pk, row.pk, error)
                mark_failed(row.pk, token, error if isinstance(error, Undeliverable)
                            else f"message could not be built: {type(error).__name__}: {error}", permanent=True)
                with self.lock:
                    self.result.failed += 1
                continue
            lane.limiter.wait()
            try:
                transmit(smtp, self.factory.envelope_from, address, message, eight_bit=eight_bit)
            except smtplib.SMTPRecipientsRefused as error:
                code, reply = next(iter(error.recipients.values()))
                permanent = code >= 500
                mark_failed(row.pk, token, f"{code} {reply.decode(errors='replace')}", permanent=permanent)
            except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
                permanent = error.smtp_code >= 500
                reply = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
                mark_failed(row.pk, token, f"{error.smtp_code} {reply}", permanent=permanent)
            except (OSError, smtplib.SMTPException) as error:
                # Connection refused, dropped or timed out before the 250: not delivered.
                mark_failed(row.pk, token, error, permanent=False)
                raise ServerUnavailable(f"{lane.server.name}: {error}") from error
            else:
                mark_sent(row.pk, token, message_id)
                temporary_in_a_row = 0
                with self.lock:
                    self.result.sent += 1
                continue
            with self.lock:
                self.result.failed += 1
                if not permanent:
                    self.deferred.add(row.pk)
            temporary_in_a_row = 0 if permanent else temporary_in_a_row + 1
            if temporary_in_a_row >= TEMPORARY_FAILURES_BEFORE_REST:
                raise ServerUnavailable(f"{lane.server.name}: refusing mail for now")

    def lanes(self):
        lanes = []
        for server in smtp_servers():
            limiter = RateLimiter(server.rate / self.rate_share if server.rate else 0)
            lanes += [Lane(server, limiter) for _ in range(max(1, server.connections))]
        return lanes

    def thread_main(self, lane):
        try:
            while self.batch(lane):
                pass
        finally:
            lane.close()
            connections.close_all()

    def run(self):
        release_stale_claims(self.send.pk)
        lanes = self.lanes()
        if len(lanes) == 1 or connection.in_atomic_block:
            # Threads see only committed rows: inside a transaction (tests on `db`) one thread
            # takes the lanes in turn, a batch each.
            try:
                active = list(lanes)
                while active:
                    active = [lane for lane in active if self.batch(lane)]
            finally:
                for lane in lanes:
                    lane.close()
        else:
            threads = [threading.Thread(target=self.thread_main, args=[lane], daemon=True) for lane in lanes]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        if self.result.outcome == "done" and (self.deferred or any(lane.failed for lane in lanes)):
            if Delivery.objects.filter(send_id=self.send.pk, state=Delivery.State.QUEUED).exists():
                self.result.outcome = "server-unavailable"
        return self.result
