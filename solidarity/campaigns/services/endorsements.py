"""Union endorsements: stored, confirmed by e-mail and decided by staff."""

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.utils import timezone

from solidarity.core import security
from solidarity.core.countries import is_known
from solidarity.core.mailboxes import mailbox_key
from solidarity.core.transactions import after_commit

from ..models import AccessRule, Endorsement
from .access import _within_limits, domain_rule, ip_rule, rate_limits
from .errors import (
    BlockedDomain,
    BlockedNetwork,
    CampaignClosed,
    InvalidCountry,
    InvalidLink,
    TooManyRequests,
)
from .tokens import confirmation_lifetime

ENDORSEMENT_SALT = "campaigns.endorsement.confirm"


def endorse(campaign, *, organisation_name, representative_name, representative_role, email, country, language, ip=""):
    """A pending endorsement and its confirmation e-mail; the same address again for the
    same campaign gets the e-mail again rather than a second endorsement."""
    if not campaign.endorsement_enabled or not campaign.is_open_for_signing():
        raise CampaignClosed()
    if not is_known(country):
        raise InvalidCountry()
    email = email.strip()
    if ip_rule(ip) == AccessRule.Action.BLOCK:
        raise BlockedNetwork()
    if domain_rule(mailbox_key(email)) == AccessRule.Action.BLOCK:
        raise BlockedDomain()
    ip_hash = security.hash_ip(ip) if ip else ""
    if ip_rule(ip) != AccessRule.Action.ALLOW and not _within_limits(
        f"campaigns:endorse:{campaign.pk}:{ip_hash}", rate_limits(campaign)
    ):
        raise TooManyRequests()
    existing = campaign.endorsements.filter(email__iexact=email).exclude(status=Endorsement.Status.REJECTED).first()
    endorsement = existing or Endorsement.objects.create(
        campaign=campaign, organisation_name=organisation_name, representative_name=representative_name,
        representative_role=representative_role, email=email, country=country, language=language, ip_hash=ip_hash,
    )
    # Queued whatever is stored, so the answer takes as long for a known address as for a new
    # one; the worker decides whether to write (not when confirmed, nor past the address's cap).
    from ..tasks import send_endorsement_email

    after_commit(send_endorsement_email.enqueue, endorsement_id=endorsement.pk)
    return endorsement


def address_digest(email):
    """A keyed hash of an address as its mailbox sees it: the cache never holds the address."""
    key = settings.IP_HASH_KEY.encode()
    return hmac.new(key, f"email:{mailbox_key(email)}".encode(), hashlib.sha256).hexdigest()


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
