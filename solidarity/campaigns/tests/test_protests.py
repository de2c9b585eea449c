"""Protest messages to the targets: after confirmation, in batches or as a daily digest, logged."""

from django.core.management import call_command

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Campaign, ProtestDelivery

from .conftest import link_in, path_of, plain_text, signing_data


def test_a_confirmed_signer_s_own_message_goes_to_each_target_without_their_email(client, smtp_server, after_commit, db):
    campaign = make_campaign(protest_enabled=True)
    with after_commit():
        client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(message="Free them now, from Local 4400."))
    assert len(smtp_server.messages) == 1  # only the confirmation: nothing goes before it
    with after_commit():
        client.post(path_of(link_in(smtp_server.messages[0], "/confirm/")))

    protest = smtp_server.messages[1]
    assert protest["To"] == "judiciary@authority.example"
    text = plain_text(protest)
    assert "Free them now, from Local 4400." in text
    assert "Jane Worker, Local 4400 (United Kingdom)" in text
    assert "jane@union.example" not in protest.as_string()
    delivery = ProtestDelivery.objects.get()
    assert (delivery.kind, delivery.status, delivery.attempts) == ("each", "sent", 1)
    assert list(delivery.signatures.values_list("name", flat=True)) == ["Jane Worker"]


def test_each_signer_s_message_is_delivered_once(db, smtp_server):
    campaign = make_campaign(protest_enabled=True)
    make_signature(campaign, email="a@union.example", message="One")
    make_signature(campaign, email="b@union.example", message="Two")

    assert services.deliver_protests(campaign) == (2, False)
    assert services.deliver_protests(campaign) == (0, False)
    assert len(smtp_server.messages) == 2


def test_messages_go_in_throttled_batches(db, smtp_server, settings):
    settings.CAMPAIGN_PROTEST_BATCH = 2
    campaign = make_campaign(protest_enabled=True)
    for number in range(3):
        make_signature(campaign, email=f"s{number}@union.example")

    assert services.deliver_protests(campaign) == (2, True)
    assert services.deliver_protests(campaign) == (1, False)


def test_a_digest_campaign_sends_one_daily_message_per_target_with_every_signer(db, smtp_server):
    campaign = make_campaign(protest_enabled=True, protest_delivery=Campaign.Delivery.DIGEST)
    make_signature(campaign, email="a@union.example", name="Ana", message="Release them.")
    make_signature(campaign, email="b@union.example", name="Bo", language="fa")
    make_signature(campaign, email="c@union.example", name="Pending", confirmed=False)
    assert services.deliver_protests(campaign) == (0, False)

    call_command("deliver_protests", "--digest", stdout=open("/dev/null", "w"))

    (digest,) = smtp_server.messages
    text = plain_text(digest)
    assert digest["Subject"] == "Free the bus drivers: 2 messages"
    assert "Ana" in text and "Release them." in text
    assert "Bo" in text and "از شما می‌خواهم رانندگان را آزاد کنید." in text
    assert "Pending" not in text
    delivery = ProtestDelivery.objects.get()
    assert (delivery.kind, delivery.signatures.count()) == ("digest", 2)


def test_a_failed_delivery_is_logged_and_sent_on_the_next_run(db, smtp_server):
    campaign = make_campaign(protest_enabled=True)
    make_signature(campaign)
    smtp_server.down()

    services.deliver_protests(campaign)
    failed = ProtestDelivery.objects.get()
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert failed.error

    smtp_server.up()
    services.deliver_protests(campaign)
    delivered = ProtestDelivery.objects.get()
    assert (delivered.status, delivered.attempts) == ("sent", 2)
    assert len(smtp_server.messages) == 1
