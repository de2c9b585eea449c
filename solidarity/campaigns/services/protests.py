"""Signers' protest messages delivered to the campaign's targets, one by one or as a digest."""

from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from solidarity.core import mail
from solidarity.core.transactions import after_commit

from ..models import Campaign, ProtestDelivery, Signature


def queue_protest_delivery(campaign):
    """Ask the worker to send waiting protest messages; a surge of confirmations makes one
    request a minute, and each run sends one throttled batch."""
    from ..tasks import deliver_protests_task

    if cache.add(f"campaigns:protest-kick:{campaign.pk}", 1, timeout=settings.CAMPAIGN_PROTEST_INTERVAL):
        after_commit(deliver_protests_task.enqueue, campaign_id=campaign.pk)


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
    context = {"campaign": campaign, "target": target, "signatures": signatures,
               "campaign_title": campaign.translated("title", language),
               "demands": campaign.demands(language), "digest": delivery.kind == ProtestDelivery.Kind.DIGEST}
    message = mail.render_message("campaigns/email/protest", language=language, to=[target.email], context=context,
                                  connection=connection, html=False)
    delivery.attempts += 1
    try:
        message.send()
    except Exception as error:
        # Failed alone: the next target and the next signer's message go on; it is tried
        # again by later runs, CAMPAIGN_PROTEST_ATTEMPTS times in all.
        delivery.status = ProtestDelivery.Status.FAILED
        delivery.error = mail.error_text(error)
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
