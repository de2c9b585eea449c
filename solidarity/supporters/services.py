"""Supporters' workflows: signing up (double opt-in), preferences, unsubscribing, bounces,
campaign signers joining the newsletter, and a person's data exported or erased.

The suppression list has the last word everywhere: an address on it is never mailed by
the newsletter, and no signup, import or campaign puts it back on a list by accident.
Only a new double opt-in confirmation lifts an "unsubscribed" suppression; the other
reasons (bounced, complained, erased, staff) are lifted by staff.
"""

import hashlib
import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from solidarity.core import security
from solidarity.core.mailboxes import mailbox_key
from solidarity.core.transactions import after_commit

from .models import (
    Bounce,
    Consent,
    MailingList,
    StaffAction,
    Subscriber,
    Subscription,
    SubscriptionRequest,
    Suppression,
    clean_email,
    erased_key,
    settings_confirmation_age,
)
from .signals import bounce_received

__all__ = [
    "mailbox_key", "sendable_subscribers", "unsubscribe_url", "preferences_url", "list_unsubscribe_headers",
    "unsubscribe", "request_subscription", "confirm_subscription", "update_preferences", "add_campaign_signer",
    "record_bounce", "export_person", "erase_person",
]

log = logging.getLogger(__name__)

SIGNUP_SOURCE = "signup form"
# Suppressions that a person cannot lift by signing up again (staff decide).
STAFF_ONLY_REASONS = {Suppression.Reason.BOUNCED, Suppression.Reason.COMPLAINED, Suppression.Reason.ERASED,
                      Suppression.Reason.STAFF}
# Subscribers in these states are mailed again only once staff lift the suppression
# (deleting it: see receivers.on_suppression_lifted).
STAFF_ONLY_STATUSES = {Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED}
# When two reasons apply, the stronger one is kept.
REASON_STRENGTH = {Suppression.Reason.UNSUBSCRIBED: 1, Suppression.Reason.STAFF: 2, Suppression.Reason.BOUNCED: 3,
                   Suppression.Reason.COMPLAINED: 4, Suppression.Reason.ERASED: 5}
# The same signup sent again this soon (double click, reload) is the same request: no second mail.
DUPLICATE_SECONDS = 120


class SupportersError(Exception):
    """Something we cannot do now; the text says why, in the person's language."""


class TooManyRequests(SupportersError):
    status = 429

    def __init__(self):
        super().__init__(_("Several signups came from your connection in a short time. Please try again later; "
                           "what you wrote is kept below."))


class ConfirmationExpired(SupportersError):
    def __init__(self, request):
        self.request = request
        super().__init__(_("This confirmation link has expired."))


class CannotSubscribe(SupportersError):
    def __init__(self):
        super().__init__(_("We cannot subscribe this address. Please write to us if you want to receive our mail."))


# Lists and addresses

def _list_ids(lists):
    if lists is None:
        return []
    if isinstance(lists, MailingList):
        return [lists.pk]
    if hasattr(lists, "values_list") and getattr(lists, "model", None) is MailingList:
        return list(lists.values_list("pk", flat=True))
    return [item.pk if isinstance(item, MailingList) else int(item) for item in lists]


def sendable_subscribers(lists):
    """Active subscribers on any of `lists` (MailingList objects, a queryset or ids), each once,
    never a suppressed address."""
    on_lists = Subscription.objects.filter(mailing_list_id__in=_list_ids(lists)).values("subscriber_id")
    return Subscriber.objects.sendable().filter(pk__in=on_lists)


def newsletter_lists(language):
    """The newsletter in one language: the lists a campaign signer's tick adds them to."""
    return MailingList.objects.filter(kind=MailingList.Kind.LANGUAGE, language=language)


def public_lists():
    return MailingList.objects.filter(is_public=True)


PLACEHOLDER = "TOKEN-PLACEHOLDER"
_url_patterns = {}


def _personal_url(name, token, language):
    # The newsletter asks for two links per recipient; reversing a URL in a language costs
    # far more than filling in a pattern reversed once per language.
    key = (settings.SITE_URL, name, language, get_urlconf())
    pattern = _url_patterns.get(key)
    if pattern is None:
        with translation.override(language):
            pattern = settings.SITE_URL + reverse(f"supporters:{name}", args=[PLACEHOLDER])
        _url_patterns[key] = pattern
    return pattern.replace(PLACEHOLDER, token)


def unsubscribe_url(subscriber):
    return _personal_url("unsubscribe", subscriber.token, subscriber.language)


def preferences_url(subscriber):
    return _personal_url("preferences", subscriber.token, subscriber.language)


def confirmation_url(request):
    return _personal_url("confirm", request.token, request.language)


def list_unsubscribe_headers(subscriber):
    """Headers for one-click unsubscribe (RFC 2369 and RFC 8058) on every newsletter.

    A mailto: address is offered only when SUPPORTERS_UNSUBSCRIBE_MAILTO is set: that
    mailbox must be read by `process_bounces`, which acts on "unsubscribe <token>"
    subjects. The HTTPS link always works by itself.
    """
    links = [f"<{unsubscribe_url(subscriber)}>"]
    mailbox = settings.SUPPORTERS_UNSUBSCRIBE_MAILTO
    if mailbox:
        links.append(f"<mailto:{mailbox}?subject=unsubscribe%20{subscriber.token}>")
    return {"List-Unsubscribe": ", ".join(links), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def suppress(email_key, *, reason, note=""):
    """Put an address on the suppression list, keeping the stronger reason if already there."""
    existing = Suppression.objects.filter(email_key=email_key).first()
    if existing is None:
        try:
            with transaction.atomic():
                return Suppression.objects.create(email_key=email_key, reason=reason, note=note[:255])
        except IntegrityError:
            existing = Suppression.objects.get(email_key=email_key)
    if REASON_STRENGTH[reason] > REASON_STRENGTH.get(existing.reason, 0):
        existing.reason = reason
        existing.note = note[:255]
        existing.save(update_fields=["reason", "note"])
    return existing


# Signing up

def consent_text(language):
    """The words shown above the signup button, stored with each consent exactly as shown."""
    with translation.override(language):
        return str(_(
            "We will e-mail you the lists you chose, in the language you chose, and nothing else. "
            "We keep your address and name only for this, never share them, and do not track "
            "whether you open our messages. Every message has a link to change your choices or "
            "unsubscribe in one click."
        ))


def _rate_limit(ip_hash):
    if not ip_hash:
        return
    key = f"supporters:signup:{ip_hash}"
    limit = {"limit": settings.SUPPORTERS_SIGNUP_RATE_LIMIT,
             "window_seconds": settings.SUPPORTERS_SIGNUP_RATE_WINDOW_SECONDS}
    if not security.hit(key, **limit):
        raise TooManyRequests()


def _may_mail(email_key):
    """At most a few signup e-mails an hour to one address, so nobody can flood a stranger's
    inbox through our form (the page looks the same either way)."""
    digest = hashlib.sha256(email_key.encode()).hexdigest()
    return security.hit(f"supporters:mail:{digest}", limit=settings.SUPPORTERS_MAILS_PER_ADDRESS,
                        window_seconds=3600)


def _get_or_create_subscriber(*, email, name, language):
    email = clean_email(email)
    key = mailbox_key(email)
    subscriber = Subscriber.objects.filter(email_key=key).first()
    if subscriber is not None:
        return subscriber, False
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email, name=name, language=language), True
    except IntegrityError:  # created by a concurrent request
        return Subscriber.objects.get(email_key=key), False


def request_subscription(*, email, name="", language="en", lists=(), source=SIGNUP_SOURCE, consent_text="",
                         consent_language="", ip=""):
    """Ask a person to confirm a subscription by e-mail (double opt-in).

    A new address is stored as pending; what was asked for waits in a SubscriptionRequest
    until the person confirms. An address already active is sent a note saying so, with its
    preferences link, instead. Addresses suppressed for a reason only staff can lift get no
    mail at all. The caller shows the same page whatever happened, so the page never tells
    who is subscribed. Returns the SubscriptionRequest, or None when none was made.
    Raises TooManyRequests when this connection has signed up too often.
    """
    from . import tasks

    ip_hash = security.hash_ip(ip) if ip else ""
    _rate_limit(ip_hash)
    email = clean_email(email)
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    list_ids = _list_ids(lists)
    suppression = Suppression.find(email)
    if suppression is not None and suppression.reason in STAFF_ONLY_REASONS:
        log.info("Signup for a suppressed address (%s) ignored", suppression.reason)
        return None

    with transaction.atomic():
        subscriber, created = _get_or_create_subscriber(email=email, name=name, language=language)
        # One signup of an address at a time, so that a twin sent at the same moment finds
        # this one's request instead of making a second.
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status in STAFF_ONLY_STATUSES:
            log.info("Signup for a %s address ignored", subscriber.status)
            return None
        if subscriber.is_active and suppression is None:
            if _may_mail(subscriber.email_key):
                after_commit(tasks.send_already_subscribed.enqueue, subscriber_id=subscriber.pk)
            return None
        recent = _recent_twin(subscriber, list_ids=list_ids, language=language, name=name)
        if recent is not None:
            return recent
        request = SubscriptionRequest.objects.create(
            subscriber=subscriber, name=name, language=language, source=source[:255],
            consent_text=consent_text, consent_language=consent_language or language, ip_hash=ip_hash,
        )
        request.lists.set(list_ids)
        if _may_mail(subscriber.email_key):
            after_commit(tasks.send_confirmation.enqueue, request_id=request.pk)
    return request


def _recent_twin(subscriber, *, list_ids, language, name):
    since = timezone.now() - timedelta(seconds=DUPLICATE_SECONDS)
    for request in subscriber.requests.filter(confirmed_at__isnull=True, created_at__gte=since).prefetch_related("lists"):
        if request.language == language and request.name == name and {lst.pk for lst in request.lists.all()} == set(list_ids):
            return request
    return None


def confirm_subscription(*, token, ip=""):
    """Confirm a signup from the link we e-mailed (by a POST: mail scanners only GET).

    Confirming twice is harmless (returns the request, already confirmed). Raises
    SubscriptionRequest.DoesNotExist for an unknown link, ConfirmationExpired for an old one,
    CannotSubscribe when the address was suppressed meanwhile for a reason only staff lift.
    """
    with transaction.atomic():
        request = SubscriptionRequest.objects.select_for_update().select_related("subscriber").get(token=token)
        if request.confirmed_at is not None:
            return request
        if request.is_expired():
            raise ConfirmationExpired(request)
        subscriber = Subscriber.objects.select_for_update().get(pk=request.subscriber_id)
        if subscriber.status in STAFF_ONLY_STATUSES:
            raise CannotSubscribe()
        suppression = Suppression.find(subscriber.email)
        if suppression is not None:
            if suppression.reason in STAFF_ONLY_REASONS:
                raise CannotSubscribe()
            # This click is the new, explicit double opt-in that lifts an unsubscription.
            suppression.delete()
        now = timezone.now()
        fields = []
        if request.name and request.name != subscriber.name:
            subscriber.name = request.name
            fields.append("name")
        if request.language != subscriber.language:
            subscriber.language = request.language
            fields.append("language")
        if fields:
            subscriber.save(update_fields=fields)
        if not subscriber.is_active:
            subscriber.set_status(Subscriber.Status.ACTIVE, now=now)
        _add_to_lists(subscriber, request.lists.all(), now=now)
        Consent.objects.create(
            subscriber=subscriber, created_at=now, source=request.source, text=request.consent_text,
            language=request.consent_language, ip_hash=security.hash_ip(ip) if ip else request.ip_hash,
        )
        request.confirmed_at = now
        request.save(update_fields=["confirmed_at"])
    return request


def renew_confirmation(*, token, ip=""):
    """A new confirmation e-mail for an expired link, asking for the same things."""
    request = SubscriptionRequest.objects.select_related("subscriber").get(token=token)
    return request_subscription(
        email=request.subscriber.email, name=request.name, language=request.language,
        lists=list(request.lists.values_list("pk", flat=True)), source=request.source,
        consent_text=request.consent_text, consent_language=request.consent_language, ip=ip,
    )


def _add_to_lists(subscriber, lists, *, now=None):
    now = now or timezone.now()
    Subscription.objects.bulk_create(
        [Subscription(subscriber=subscriber, mailing_list=mailing_list, created_at=now) for mailing_list in lists],
        ignore_conflicts=True,
    )


# Preferences and unsubscribing

def update_preferences(subscriber, *, name, language, lists):
    """Save what a person chose on their preferences page. Only public lists can be chosen
    there; lists staff put them on that are not offered publicly stay as they are."""
    subscriber.name = name
    subscriber.language = language
    subscriber.save(update_fields=["name", "language"])
    chosen = set(_list_ids(lists)) & set(public_lists().values_list("pk", flat=True))
    with transaction.atomic():
        subscriber.subscriptions.filter(mailing_list__is_public=True).exclude(mailing_list_id__in=chosen).delete()
        _add_to_lists(subscriber, MailingList.objects.filter(pk__in=chosen))


def unsubscribe(subscriber, *, how):
    """Stop all mail to this person: status unsubscribed, off every list, suppressed.

    `how` says where it came from ("one-click", "link", "preferences", "staff"). Waiting
    confirmation links stop working, so an old e-mail cannot undo this by accident.
    """
    with transaction.atomic():
        if subscriber.status in (Subscriber.Status.PENDING, Subscriber.Status.ACTIVE):
            subscriber.set_status(Subscriber.Status.UNSUBSCRIBED)
        subscriber.subscriptions.all().delete()
        subscriber.requests.filter(confirmed_at__isnull=True).delete()
        suppress(subscriber.email_key, reason=Suppression.Reason.UNSUBSCRIBED, note=how)


# Campaign signers

def campaign_consent_text(language):
    """The words beside a petition's newsletter box, when the campaign does not give its own."""
    with translation.override(language):
        return str(_("Send me the alliance's newsletter by e-mail. I can unsubscribe at any time."))


def add_campaign_signer(*, email, name, language, campaign_slug, consent_text=""):
    """A signer who ticked the newsletter box has just confirmed their signature from an
    e-mail we sent, so their address is proven: they join the newsletter in their language.

    Suppressed addresses are not added: someone who unsubscribed gets our double opt-in
    e-mail instead (their tick is a new request, but it lifts an unsubscription only through
    an explicit confirmation of the newsletter itself); bounced, complained and erased
    addresses get nothing. Returns the Subscriber, or None when not added.
    """
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    source = f"campaign:{campaign_slug}"[:255]
    text = consent_text or campaign_consent_text(language)
    lists = list(newsletter_lists(language))
    suppression = Suppression.find(email)
    if suppression is not None:
        if suppression.reason == Suppression.Reason.UNSUBSCRIBED:
            request_subscription(email=email, name=name, language=language, lists=lists, source=source,
                                 consent_text=text)
        return None
    with transaction.atomic():
        subscriber, created = _get_or_create_subscriber(email=email, name=name, language=language)
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status in STAFF_ONLY_STATUSES:
            return None
        if not subscriber.is_active:
            subscriber.set_status(Subscriber.Status.ACTIVE)
        _add_to_lists(subscriber, lists)
        Consent.objects.create(subscriber=subscriber, source=source, text=text, language=language)
    return subscriber


# Bounces and complaints

def record_bounce(*, email, kind, status_code="", diagnostic="", message_id="", report_id=""):
    """Act on one bounce or complaint report and tell the newsletter (`bounce_received`).

    Hard bounce: bounced and suppressed. Soft bounce: counted; bounced and suppressed after
    SUPPORTERS_SOFT_BOUNCE_LIMIT (3) in a row. Complaint (spam button): complained and
    suppressed. A report seen before (same report id and address) changes nothing, so the
    command can read a mailbox twice. Returns the Bounce, or None for a report seen before.
    """
    email = clean_email(email)
    key = mailbox_key(email)
    if report_id and Bounce.objects.filter(report_id=report_id[:255], email=email, kind=kind).exists():
        return None
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email_key=key).first()
        bounce = Bounce.objects.create(
            subscriber=subscriber, email=email, kind=kind, status_code=status_code[:20], diagnostic=diagnostic[:2000],
            message_id=message_id[:255], report_id=report_id[:255],
        )
        if kind == Bounce.Kind.HARD:
            _mark(subscriber, Subscriber.Status.BOUNCED)
            suppress(key, reason=Suppression.Reason.BOUNCED, note=status_code)
        elif kind == Bounce.Kind.COMPLAINT:
            _mark(subscriber, Subscriber.Status.COMPLAINED)
            suppress(key, reason=Suppression.Reason.COMPLAINED)
        elif subscriber is not None:
            Subscriber.objects.filter(pk=subscriber.pk).update(soft_bounces=F("soft_bounces") + 1)
            subscriber.refresh_from_db(fields=["soft_bounces"])
            if subscriber.soft_bounces >= settings.SUPPORTERS_SOFT_BOUNCE_LIMIT:
                _mark(subscriber, Subscriber.Status.BOUNCED)
                suppress(key, reason=Suppression.Reason.BOUNCED, note=f"{subscriber.soft_bounces} soft bounces")
        transaction.on_commit(partial(bounce_received.send, sender=Bounce, email=email, kind=kind,
                                      message_id=message_id))
    return bounce


def _mark(subscriber, status):
    if subscriber is not None and subscriber.status != Subscriber.Status.COMPLAINED:
        subscriber.set_status(status)


# A person's data

def export_person(subscriber, *, user=None):
    """Everything we hold about one person, as a dictionary ready for JSON."""
    StaffAction.objects.create(user=user, action=StaffAction.Action.EXPORT_PERSON, detail=f"subscriber {subscriber.pk}")
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "language": subscriber.language,
        "status": subscriber.status,
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "soft_bounces": subscriber.soft_bounces,
        "lists": [
            {"list": s.mailing_list.slug, "name_en": s.mailing_list.name_en, "name_fa": s.mailing_list.name_fa,
             "since": s.created_at.isoformat()}
            for s in subscriber.subscriptions.select_related("mailing_list").order_by("created_at", "pk")
        ],
        "consents": [
            {"given_at": c.created_at.isoformat(), "source": c.source, "text": c.text, "language": c.language,
             "ip_hash": c.ip_hash}
            for c in subscriber.consents.order_by("created_at", "pk")
        ],
        "signup_requests": [
            {"requested_at": r.created_at.isoformat(), "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
             "source": r.source, "language": r.language, "lists": [lst.slug for lst in r.lists.all()]}
            for r in subscriber.requests.prefetch_related("lists").order_by("created_at", "pk")
        ],
        "bounces": [
            {"received_at": b.received_at.isoformat(), "kind": b.kind, "status_code": b.status_code,
             "diagnostic": b.diagnostic}
            for b in Bounce.objects.filter(email_key_filter(subscriber)).order_by("received_at", "pk")
        ],
        "suppressed": bool(Suppression.find(subscriber.email)),
    }


def email_key_filter(subscriber):
    from django.db.models import Q

    return Q(subscriber=subscriber) | Q(email=subscriber.email)


def erase_person(subscriber, *, user=None):
    """Delete everything we hold about a person, keeping only a one-way hash of their address
    on the suppression list, so that no import or form can add them again by accident (a
    hash, so the list does not itself keep the address we were asked to forget)."""
    key = subscriber.email_key
    subscriber_id = subscriber.pk
    with transaction.atomic():
        Bounce.objects.filter(email_key_filter(subscriber)).delete()
        Suppression.objects.filter(email_key=key).delete()
        suppress(erased_key(key), reason=Suppression.Reason.ERASED)
        subscriber.delete()
        StaffAction.objects.create(user=user, action=StaffAction.Action.ERASE_PERSON, detail=f"subscriber {subscriber_id}")


# Keeping the least data

def purge_stale_signups(*, now=None):
    """Forget what we no longer need: signups never confirmed (the request, and the pending
    address itself when nothing else keeps it) a month after their link expired, and the IP
    hashes of consents and requests after SUPPORTERS_IP_HASH_DAYS (90). Returns the counts."""
    now = now or timezone.now()
    stale = now - settings_confirmation_age() - timedelta(days=30)
    with transaction.atomic():
        _total, deleted = SubscriptionRequest.objects.filter(confirmed_at__isnull=True, created_at__lt=stale).delete()
        requests = deleted.get("supporters.SubscriptionRequest", 0)
        _total, deleted = Subscriber.objects.filter(
            status=Subscriber.Status.PENDING, created_at__lt=stale, requests__isnull=True, consents__isnull=True,
        ).delete()
        forgotten = deleted.get("supporters.Subscriber", 0)
        ip_cutoff = now - timedelta(days=settings.SUPPORTERS_IP_HASH_DAYS)
        hashes = Consent.objects.filter(created_at__lt=ip_cutoff).exclude(ip_hash="").update(ip_hash="")
        hashes += SubscriptionRequest.objects.filter(created_at__lt=ip_cutoff).exclude(ip_hash="").update(ip_hash="")
    return {"requests": requests, "pending addresses": forgotten, "ip hashes": hashes}
