"""E-mail to signers and endorsers: rendering, sending, and the rule for which failures stay alone."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from solidarity.core import mail
from solidarity.core.mail import fails_alone

from ..models import Signature
from .endorsements import endorsement_token
from .tokens import confirmation_lifetime, confirmation_token, letter_token

__all__ = ["fails_alone", "record_mail_failure", "render_email", "send_endorsement_email", "send_signature_email"]


def record_mail_failure(record, error):
    """Count a failed try at a signer's or endorser's e-mail, with its reason for staff."""
    type(record).objects.filter(pk=record.pk).update(mail_attempts=F("mail_attempts") + 1,
                                                     mail_error=mail.error_text(error))
    record.refresh_from_db(fields=["mail_attempts", "mail_error"])


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def render_email(template, context, *, language, to, reply_to=None, connection=None):
    """An e-mail in `language` from templates/campaigns/email/."""
    return mail.render_message(f"campaigns/email/{template}", language=language, to=to, context=context,
                               reply_to=reply_to, connection=connection)


def send_signature_email(signature, *, kind, connection=None):
    """The confirmation link (kind "confirm"; "again" for a new link; "duplicate" when the
    address signed again while pending) or the "already signed" notice, in the signer's
    language."""
    campaign = signature.campaign
    language = signature.language
    with translation.override(language):
        confirm_url = absolute(reverse("campaigns:confirm", args=[confirmation_token(signature)]))
        campaign_url = absolute(campaign.get_absolute_url(language))
        letter_url = absolute(reverse("campaigns:letter", args=[letter_token(signature)])) if campaign.letter_enabled else ""
    pending = signature.status == Signature.Status.PENDING
    if pending and kind == "duplicate" and not _claim_reminder(signature):
        return
    template = "confirm" if pending else "already_signed"
    context = {
        "signature": signature,
        "campaign_title": campaign.translated("title", language),
        "confirm_url": confirm_url,
        "campaign_url": campaign_url,
        "letter_url": letter_url,
        "again": kind == "duplicate",
        "days": confirmation_lifetime().days,
    }
    render_email(template, context, language=language, to=[signature.email], connection=connection).send()
    if pending:
        Signature.objects.filter(pk=signature.pk).update(confirmation_sent_at=timezone.now())


def _claim_reminder(signature):
    """Whether to send the link again to someone who signed again while pending: not while the
    first e-mail is on its way or was sent minutes ago (a burst of the same address gets one)."""
    now = timezone.now()
    recent = now - timedelta(seconds=settings.CAMPAIGN_DUPLICATE_MAIL_SECONDS)
    return bool(Signature.objects.filter(pk=signature.pk, confirmation_sent_at__lt=recent).update(confirmation_sent_at=now))


def send_endorsement_email(endorsement):
    language = endorsement.language
    with translation.override(language):
        confirm_url = absolute(reverse("campaigns:endorsement_confirm", args=[endorsement_token(endorsement)]))
    context = {
        "endorsement": endorsement,
        "campaign_title": endorsement.campaign.translated("title", language),
        "confirm_url": confirm_url,
        "days": confirmation_lifetime().days,
    }
    render_email("endorsement_confirm", context, language=language, to=[endorsement.email]).send()
