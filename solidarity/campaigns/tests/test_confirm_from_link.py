"""Confirming from the link: the workflow a surge of confirmations goes through."""

from datetime import timedelta

import pytest
from django.core import signing

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Signature
from solidarity.campaigns.services.confirmations import confirm_from_link
from solidarity.campaigns.signals import signature_confirmed

from .conftest import sign


def stored(signature):
    fields = Signature._meta.concrete_fields
    return {field.attname: getattr(signature, field.attname) for field in fields}


def test_those_who_listen_get_the_signature_as_stored(campaign, django_capture_on_commit_callbacks):
    signature = sign(campaign, name="Reza Driver رضا", organisation="Local 4400", wants_newsletter=True,
                     wants_updates=True, language="fa").signature
    received = []
    signature_confirmed.connect(lambda signature, **kw: received.append(signature), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            confirmed = confirm_from_link(services.confirmation_token(signature))
    finally:
        signature_confirmed.disconnect(dispatch_uid="t")

    assert received == [confirmed]
    assert stored(confirmed) == stored(Signature.objects.get(pk=signature.pk))
    assert confirmed.wants_newsletter is True and confirmed.created_at.tzinfo is not None
    assert confirmed.campaign.slug == campaign.slug


def test_a_link_confirms_once(campaign):
    token = services.confirmation_token(sign(campaign).signature)

    assert confirm_from_link(token) is not None
    assert confirm_from_link(token) is None
    assert Signature.objects.get().status == Signature.Status.CONFIRMED


def test_an_old_link_confirms_nothing(campaign, settings):
    signature = sign(campaign).signature
    old = signing.TimestampSigner(salt=services.CONFIRM_SALT)
    real_time = signing.time.time
    signing.time.time = lambda: real_time() - timedelta(days=15).total_seconds()
    try:
        token = old.sign_object(signature.pk)
    finally:
        signing.time.time = real_time
    settings.CAMPAIGN_CONFIRMATION_DAYS = 14

    assert confirm_from_link(token) is None
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_an_invalidated_signature_or_a_made_up_link_is_refused(campaign):
    signature = sign(campaign).signature
    Signature.objects.filter(pk=signature.pk).update(status=Signature.Status.INVALIDATED)

    for token in (services.confirmation_token(signature), services.confirmation_token(Signature(pk=999_999)),
                  services.letter_token(signature), "made-up"):
        with pytest.raises(services.InvalidLink):
            confirm_from_link(token)
    assert Signature.objects.get().status == Signature.Status.INVALIDATED


def test_a_signature_of_a_campaign_put_back_to_draft_is_confirmed_with_its_campaign(db):
    campaign = make_campaign(status="draft")
    signature = make_signature(campaign, confirmed=False)

    confirmed = confirm_from_link(services.confirmation_token(signature))

    assert confirmed.campaign == campaign
