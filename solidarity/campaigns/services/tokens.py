"""Signed links in signers' e-mails: the confirmation link and the letter link."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from ..models import Signature
from .errors import InvalidLink

CONFIRM_SALT = "campaigns.signature.confirm"
LETTER_SALT = "campaigns.signature.letter"

def confirmation_lifetime():
    return timedelta(days=settings.CAMPAIGN_CONFIRMATION_DAYS)


def confirmation_token(signature):
    return signing.dumps(signature.pk, salt=CONFIRM_SALT)


def letter_token(signature):
    return signing.dumps(signature.pk, salt=LETTER_SALT)


def signature_for_token(token):
    """(signature, expired) for a confirmation link; InvalidLink when it is not one of ours."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        raise InvalidLink() from None
    signature = Signature.objects.select_related("campaign").filter(pk=pk).first()
    if signature is None or signature.status == Signature.Status.INVALIDATED:
        raise InvalidLink()
    try:
        signing.loads(token, salt=CONFIRM_SALT, max_age=confirmation_lifetime())
    except signing.SignatureExpired:
        return signature, True
    return signature, False


def signature_for_letter(token):
    try:
        pk = signing.loads(token, salt=LETTER_SALT)
    except signing.BadSignature:
        raise InvalidLink() from None
    signature = Signature.objects.select_related("campaign").filter(pk=pk).first()
    if signature is None or signature.status == Signature.Status.INVALIDATED or not signature.campaign.letter_enabled:
        raise InvalidLink()
    return signature
