"""What the supporters app does when other apps say something happened."""

import logging

from django.utils import timezone, translation

log = logging.getLogger(__name__)


def on_signature_confirmed(sender, signature, **kwargs):
    """A petition signer confirmed their signature from our e-mail; if they ticked the
    newsletter box, they join the newsletter (see services.add_campaign_signer)."""
    if not getattr(signature, "wants_newsletter", False):
        return
    from .services import add_campaign_signer

    campaign = signature.campaign
    add_campaign_signer(
        email=signature.email, name=getattr(signature, "name", "") or "",
        language=getattr(signature, "language", "") or "en",
        campaign_slug=getattr(campaign, "slug", "") or str(getattr(campaign, "pk", "")),
        consent_text=_campaign_consent_text(signature),
    )


def _campaign_consent_text(signature):
    """The newsletter box's words as the signer saw them: the campaign's own text if it keeps
    one, otherwise the label of the box on the signing form, in the signer's language."""
    for owner in (signature, signature.campaign):
        for attribute in ("newsletter_consent_text", "consent_text"):
            value = getattr(owner, attribute, "")
            if isinstance(value, str) and value:
                return value
    try:
        from solidarity.campaigns.models import NEWSLETTER_CONSENT_LABEL as label
    except ImportError:
        return ""
    with translation.override(getattr(signature, "language", "") or "en"):
        return str(label)


def on_suppression_lifted(sender, instance, **kwargs):
    """Staff removed an address from the suppression list: a bounced or complained subscriber
    becomes unsubscribed, so they can sign up and confirm again (nothing is sent before)."""
    from .models import Subscriber

    Subscriber.objects.filter(
        email_key=instance.email_key, status__in=[Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED],
    ).update(status=Subscriber.Status.UNSUBSCRIBED, soft_bounces=0, status_changed_at=timezone.now())


def connect():
    from django.db.models.signals import post_delete

    from .models import Suppression

    post_delete.connect(on_suppression_lifted, sender=Suppression, dispatch_uid="supporters.on_suppression_lifted")
    try:
        from solidarity.campaigns.signals import signature_confirmed
    except ImportError:  # the campaigns app does not send it (yet)
        log.debug("solidarity.campaigns.signals.signature_confirmed not found")
        return
    signature_confirmed.connect(on_signature_confirmed, dispatch_uid="supporters.on_signature_confirmed")
