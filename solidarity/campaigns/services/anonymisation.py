"""Signer data erased a while after a campaign has closed: only what the public counters need
is kept (status, country, dates)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ..models import Campaign, Endorsement, Signature

ANONYMISED_KEY_PREFIX = "anonymised-"


def anonymise_after():
    return datetime.timedelta(days=settings.CAMPAIGN_ANONYMISE_AFTER_DAYS)


def campaigns_due_for_anonymisation(*, today=None):
    """Closed campaigns closed CAMPAIGN_ANONYMISE_AFTER_DAYS or more days ago (counted in
    days, in the site's time zone), whether staff closed them early or late."""
    today = today or timezone.localdate()
    last_day = today - anonymise_after()
    # Closed on `last_day` or before: before the midnight that starts the day after it.
    before = timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time()))
    return Campaign.objects.filter(status=Campaign.Status.CLOSED).filter(
        Q(closed_at__lt=before)
        # Closed by a bulk update that skipped save(): its last day stands in.
        | Q(closed_at__isnull=True, ends_on__lte=last_day)
    )


def anonymise_campaign(campaign):
    """Erase the signers' names, e-mail addresses, organisations, messages and IP hashes
    (and the endorsers' e-mail addresses and IP hashes, and the delivery packs; nobody gets
    updates any more). Status, country and dates stay, so
    the counters stay the same. Returns how many signatures were erased now."""
    key = Concat(Value(ANONYMISED_KEY_PREFIX), Cast("pk", output_field=CharField()))
    with transaction.atomic():
        erased = (
            Signature.objects.filter(campaign=campaign)
            .filter(~Q(name="") | ~Q(email="") | ~Q(organisation="") | ~Q(message="") | ~Q(ip_hash=""))
            .update(name="", email="", email_key=key, organisation="", message="", ip_hash="", wants_updates=False)
        )
        Endorsement.objects.filter(campaign=campaign).filter(~Q(email="") | ~Q(ip_hash="")).update(email="", ip_hash="")
    # Delivery packs list the signers' names.
    from ..deliverypack import delete_packs

    delete_packs(campaign)
    return erased


def anonymise_campaigns(*, today=None):
    """Anonymise every campaign that is due; {campaign: signatures erased} for those touched."""
    done = {}
    for campaign in campaigns_due_for_anonymisation(today=today):
        erased = anonymise_campaign(campaign)
        if erased:
            done[campaign] = erased
    return done
