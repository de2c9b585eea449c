"""Background work of the campaigns: e-mail to signers, endorsers and targets.

The same task code runs on the database worker and on the Redis queue (RQ)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from solidarity.core.mail import retry_later

from . import deliverypack, services
from .models import MAIL_ATTEMPTS, Campaign, CampaignUpdate, Endorsement, Signature


@task()
def send_signature_email(signature_id, kind="confirm", attempt=0):
    signature = Signature.objects.select_related("campaign").filter(pk=signature_id).first()
    # A held signature gets no e-mail (a confirmation or a reminder) until staff release it.
    if signature is None or signature.status in (Signature.Status.INVALIDATED, Signature.Status.HELD) \
            or signature.mail_failed:
        return "nothing to do"
    try:
        services.send_signature_email(signature, kind=kind)
    except Exception as error:
        if services.fails_alone(error):
            # This address alone: marked with the reason, tried again MAIL_ATTEMPTS times in all.
            services.record_mail_failure(signature, error)
            if signature.mail_attempts < MAIL_ATTEMPTS:
                retry_later(send_signature_email, attempt, signature_id=signature_id, kind=kind)
            return "failed"
        retry_later(send_signature_email, attempt, signature_id=signature_id, kind=kind)
        raise
    return "sent"


@task()
def send_waiting_confirmations_task(shard=None, attempt=0):
    try:
        return services.send_waiting_confirmations(shard=shard)
    except Exception:
        # The mail server is down: the waiting e-mails are tried again by themselves later.
        retry_later(send_waiting_confirmations_task, attempt, shard=shard)
        raise


@task()
def send_endorsement_email(endorsement_id, attempt=0):
    endorsement = Endorsement.objects.select_related("campaign").filter(pk=endorsement_id).first()
    if endorsement is None or endorsement.confirmed_at is not None or endorsement.mail_attempts >= MAIL_ATTEMPTS:
        return "nothing to do"
    # Counted once per request, not per retry: at most a few e-mails an hour to one address.
    if attempt == 0 and not services.may_mail_endorser(endorsement):
        return "too many for this address"
    try:
        services.send_endorsement_email(endorsement)
    except Exception as error:
        if services.fails_alone(error):
            services.record_mail_failure(endorsement, error)
            if endorsement.mail_attempts < MAIL_ATTEMPTS:
                retry_later(send_endorsement_email, attempt, endorsement_id=endorsement_id)
            return "failed"
        retry_later(send_endorsement_email, attempt, endorsement_id=endorsement_id)
        raise
    return "sent"


@task()
def send_campaign_update(update_id, attempt=0):
    """Send an update to the signers who asked and have not had it yet; a failed run is tried
    again later and carries on where it stopped (past the last try, `send_campaign_updates`
    from cron finishes it)."""
    update = CampaignUpdate.objects.select_related("campaign").filter(pk=update_id).first()
    if update is None:
        return 0
    try:
        sent = services.email_update(update)
    except Exception:
        retry_later(send_campaign_update, attempt, update_id=update_id)
        raise
    held_until = CampaignUpdate.objects.filter(pk=update_id, emailed_at__isnull=True).values_list(
        "sending_until", flat=True).first()
    if held_until and send_campaign_update.get_backend().supports_defer:
        # Another worker holds it (or held it and died): look again once its hold runs out.
        send_campaign_update.using(run_after=held_until + timedelta(seconds=1)).enqueue(update_id=update_id,
                                                                                         attempt=attempt)
    return sent


@task()
def build_delivery_pack(pack_id):
    return deliverypack.build_queued_pack(pack_id)


@task()
def deliver_protests_task(campaign_id):
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    sent, more = services.deliver_protests(campaign)
    if more and deliver_protests_task.get_backend().supports_defer:
        # The rest in the next batch: targets' mail servers are not flooded.
        interval = settings.CAMPAIGN_PROTEST_INTERVAL
        deliver_protests_task.using(run_after=timezone.now() + timedelta(seconds=interval)).enqueue(campaign_id=campaign_id)
    return sent
