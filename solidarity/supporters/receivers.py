"""What the supporters app does when other apps say something happened."""

from django.utils import timezone, translation


def on_signature_confirmed(sender, signature, **kwargs):
    """A petition signer confirmed their signature from our e-mail; if they ticked the
    newsletter box, they join the newsletter (see services.add_campaign_signer)."""
    if not signature.wants_newsletter:
        return
    from .services import add_campaign_signer

    add_campaign_signer(
        email=signature.email, name=signature.name, language=signature.language or "en",
        campaign_slug=signature.campaign.slug, consent_text=_campaign_consent_text(signature),
    )


def _campaign_consent_text(signature):
    """The label of the newsletter box on the signing form, in the signer's language."""
    from solidarity.campaigns.models import NEWSLETTER_CONSENT_LABEL

    with translation.override(signature.language or "en"):
        return str(NEWSLETTER_CONSENT_LABEL)


def on_suppression_lifted(sender, instance, **kwargs):
    """Staff removed an address from the suppression list: a bounced or complained subscriber
    becomes unsubscribed, so they can sign up and confirm again (nothing is sent before)."""
    from .models import Subscriber

    Subscriber.objects.filter(
        email_key=instance.email_key, status__in=[Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED],
    ).update(status=Subscriber.Status.UNSUBSCRIBED, soft_bounces=0, status_changed_at=timezone.now())
