"""Campaign updates e-mailed to the signers who asked for them, resumably, in batches."""

import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone

from solidarity.core import mail
from solidarity.core.transactions import after_commit

from ..models import MAIL_ATTEMPTS, Signature
from .mail import absolute, fails_alone, render_email


def queue_update_email(update):
    from ..tasks import send_campaign_update

    after_commit(send_campaign_update.enqueue, update_id=update.pk)


def email_update(update, *, batch=200):
    """E-mail a published update to every confirmed signer who asked for updates, each in
    their language. Each copy is recorded (UpdateEmail) as soon as the mail server accepted
    it, so a send cut short (the server refused mail, the worker died) carries on where it
    stopped when tried again: nobody is left out, and nobody gets it twice unless the worker
    dies between the server's answer and the record. The update is held while one worker
    sends it, so two workers never send it side by side. Returns how many went out now."""
    from django.db.models import Exists, OuterRef, Q

    from ..models import UpdateEmail

    now = timezone.now()
    if not update.is_published(now):
        return 0
    updates = type(update).objects.filter(pk=update.pk)
    connection = get_connection()
    # Opened before the update is held: with the mail server down, nothing changes.
    connection.open()
    lease = timedelta(seconds=settings.CAMPAIGN_UPDATE_LEASE_SECONDS)
    held = updates.filter(emailed_at__isnull=True).filter(
        Q(sending_until__isnull=True) | Q(sending_until__lt=now)).update(sending_until=now + lease)
    if not held:
        connection.close()
        return 0
    campaign = update.campaign
    copies = UpdateEmail.objects.filter(update=update)
    # A copy is done once sent, refused for good, or failed MAIL_ATTEMPTS times.
    done = copies.filter(Q(error="") | Q(attempts__gte=MAIL_ATTEMPTS))
    waiting = (
        campaign.signatures.filter(status=Signature.Status.CONFIRMED, wants_updates=True)
        .exclude(email="")  # anonymised
        .exclude(Exists(done.filter(signature=OuterRef("pk"))))
        # Any copy left is one that failed before: it is updated rather than written again.
        .annotate(failed_before=Exists(copies.filter(signature=OuterRef("pk"))))
        .order_by("pk").only("pk", "email", "name", "language")
    )
    sent = 0
    try:
        with connection:
            last = 0
            while chunk := list(waiting.filter(pk__gt=last)[:batch]):
                for signature in chunk:
                    try:
                        accepted = _send_update(update, signature, connection)
                    except Exception as error:
                        if not fails_alone(error):
                            raise
                        _record_update_failure(update, signature, error)
                        continue
                    _record_update_copy(update, signature, refused=not accepted)
                    if accepted:
                        sent += 1
                last = chunk[-1].pk
                updates.update(sending_until=timezone.now() + lease)
    except BaseException:
        # Let go at once, so the retry need not wait for the hold to run out.
        updates.update(sending_until=None)
        raise
    # A copy that failed alone and may be tried again keeps the update due for the next run.
    retry = copies.exclude(error="").filter(attempts__lt=MAIL_ATTEMPTS).exists()
    updates.update(emailed_at=None if retry else timezone.now(), sending_until=None)
    return sent


def _record_update_copy(update, signature, *, refused):
    from ..models import UpdateEmail

    if signature.failed_before:
        UpdateEmail.objects.filter(update=update, signature=signature).update(refused=refused, error="",
                                                                             sent_at=timezone.now())
    else:
        UpdateEmail.objects.bulk_create([UpdateEmail(update=update, signature=signature, refused=refused)],
                                        ignore_conflicts=True)


def _record_update_failure(update, signature, error):
    from django.db.models import F

    from ..models import UpdateEmail

    reason = mail.error_text(error)
    if signature.failed_before:
        UpdateEmail.objects.filter(update=update, signature=signature).update(attempts=F("attempts") + 1, error=reason)
    else:
        UpdateEmail.objects.bulk_create([UpdateEmail(update=update, signature=signature, error=reason)],
                                        ignore_conflicts=True)


def _send_update(update, signature, connection):
    """True once the mail server accepted the copy; False if it refused the address for good
    (a temporary refusal of the server raises, and the copy is tried again with the rest; a
    failure of this copy alone raises an error that fails_alone() recognises)."""
    language = signature.language
    campaign = update.campaign
    context = {
        "update": update,
        "title": update.translated("title", language),
        "paragraphs": update.paragraphs(language),
        "campaign_title": campaign.translated("title", language),
        "campaign_url": absolute(campaign.get_absolute_url(language)),
        "signature": signature,
    }
    message = render_email("update", context, language=language, to=[signature.email], connection=connection)
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as refusal:
        if all(code >= 500 for code, _reply in refusal.recipients.values()):
            return False
        raise
    return True


def email_due_updates():
    """Updates whose publication time has come and that have not been e-mailed to everyone
    yet (also those a send left half done)."""
    from ..models import CampaignUpdate

    due = CampaignUpdate.objects.filter(published_at__lte=timezone.now(), emailed_at__isnull=True).order_by("pk")
    return sum(email_update(update) for update in due)
