import pytest
from django.utils import translation

from solidarity.campaigns import services as campaigns
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.forms import SignatureForm
from solidarity.supporters import services
from solidarity.supporters.models import Consent, Subscriber, Suppression

from .conftest import make_active


@pytest.fixture
def campaign(db):
    return make_campaign(slug="free-the-drivers")


@pytest.fixture
def confirm_signature(campaign, committing):
    """A signer confirms their signature from the e-mail the campaign sent them."""
    def confirm(email="driver@union.example", *, language="en", wants_newsletter=True, name="Reza"):
        signature = make_signature(campaign, email=email, name=name, language=language, confirmed=False,
                                   wants_newsletter=wants_newsletter)
        with committing():
            campaigns.confirm(signature)
        return signature
    return confirm


def test_a_signer_who_ticked_the_box_joins_the_newsletter_in_their_language(confirm_signature, lists, smtp_server):
    confirm_signature(language="fa")

    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.name, subscriber.status) == ("driver@union.example", "Reza", "active")
    assert list(subscriber.lists.values_list("slug", flat=True)) == ["newsletter-fa"]
    [consent] = subscriber.consents.all()
    assert consent.source == "campaign:free-the-drivers"
    assert consent.language == "fa"
    with translation.override("fa"):
        assert consent.text == str(SignatureForm.base_fields["wants_newsletter"].label)  # the box's words
    assert smtp_server.messages == []  # their address is proven by the signature's confirmation


def test_a_signer_who_did_not_tick_the_box_is_not_added(confirm_signature, lists):
    confirm_signature(wants_newsletter=False)

    assert not Subscriber.objects.exists()


def test_a_subscriber_already_active_keeps_their_lists_and_gains_the_newsletter(confirm_signature, lists):
    make_active("driver@union.example", lists=[lists["branch-uk"]])

    confirm_signature()

    subscriber = Subscriber.objects.get()
    assert sorted(subscriber.lists.values_list("slug", flat=True)) == ["branch-uk", "newsletter-en"]
    assert Consent.objects.get().source == "campaign:free-the-drivers"


def test_a_signer_who_had_unsubscribed_is_asked_to_confirm_the_newsletter_again(confirm_signature, lists, smtp_server):
    subscriber = make_active("driver@union.example", lists=[lists["newsletter-en"]])
    services.unsubscribe(subscriber, how="link")

    confirm_signature()

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert not subscriber.lists.exists()
    assert Suppression.objects.get().reason == Suppression.Reason.UNSUBSCRIBED
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Please confirm your subscription"
    assert subscriber.requests.get().source == "campaign:free-the-drivers"


@pytest.mark.parametrize("reason", ["bounced", "complained", "erased", "staff"])
def test_a_signer_whose_address_is_suppressed_by_staff_rules_gets_nothing(confirm_signature, lists, smtp_server, reason):
    from solidarity.supporters.models import erased_key

    key = erased_key("driver@union.example") if reason == "erased" else "driver@union.example"
    Suppression.objects.create(email_key=key, reason=reason)

    confirm_signature(email="Driver@Union.example")

    assert not Subscriber.objects.exists()
    assert smtp_server.messages == []
    assert not services.sendable_subscribers([lists["newsletter-en"]]).exists()
