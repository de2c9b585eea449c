"""E-mail to signers and endorsers: rendering, sending, and the rule for which failures stay alone."""

import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from solidarity.core.i18n import is_rtl
from solidarity.core.text import clean_line

from ..models import Signature
from .endorsements import endorsement_token
from .tokens import confirmation_lifetime, confirmation_token, letter_token


def fails_alone(error):
    """Whether an e-mail failed for its own sake (its address or its content), so that it is
    marked failed and the others go on; otherwise the mail server or the connection failed,
    and the whole batch is tried again later."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # 421: the server is closing the connection, whoever the recipient.
        return all(code != 421 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500  # this message refused for good; 4xx: the server, for now
    # Other SMTP errors (the sender refused, authentication, a lost connection) are OSErrors
    # too: the server or the connection. ValueError and the rest (an address SMTP cannot
    # carry, a header that cannot be encoded) belong to the message.
    return not isinstance(error, OSError)


def mail_error_text(error):
    return clean_line(f"{type(error).__name__}: {error}")[:500]


def record_mail_failure(record, error):
    """Count a failed try at a signer's or endorser's e-mail, with its reason for staff."""
    from django.db.models import F

    type(record).objects.filter(pk=record.pk).update(mail_attempts=F("mail_attempts") + 1,
                                                     mail_error=mail_error_text(error))
    record.refresh_from_db(fields=["mail_attempts", "mail_error"])


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def render_email(template, context, *, language, to, reply_to=None, connection=None):
    """An e-mail in `language`: subject, plain text and HTML from templates/campaigns/email/."""
    with translation.override(language):
        context = {**context, "language": language, "rtl": is_rtl(language)}
        subject = render_subject(f"campaigns/email/{template}_subject.txt", context)
        text = render_to_string(f"campaigns/email/{template}.txt", context)
        html = render_to_string(f"campaigns/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, reply_to=reply_to, connection=connection)
    message.attach_alternative(html, "text/html")
    return message


def render_subject(template, context):
    """A subject is plain text: its template escapes nothing (see the {% autoescape off %} in
    each), and line breaks, which would break the header, become spaces."""
    return " ".join(render_to_string(template, context).split())


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
