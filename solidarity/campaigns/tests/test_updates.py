"""Further information: published on the page and e-mailed once to signers who asked."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from solidarity.campaigns.factories import make_signature
from solidarity.campaigns.models import CampaignUpdate

from .conftest import html_text, plain_text


def make_update(campaign, **fields):
    values = {"title_en": "Two drivers released on bail", "title_fa": "دو راننده با وثیقه آزاد شدند",
              "body_en": "Two were released.\n\nThe others are still held.",
              "body_fa": "دو نفر آزاد شدند.\n\nبقیه هنوز در بازداشت‌اند.", **fields}
    return CampaignUpdate.objects.create(campaign=campaign, **values)


def test_a_published_update_is_emailed_once_to_confirmed_signers_who_asked_in_their_language(
        campaign, smtp_server, after_commit, client):
    make_signature(campaign, email="en@union.example", wants_updates=True)
    make_signature(campaign, email="fa@union.example", wants_updates=True, language="fa", name="مریم")
    make_signature(campaign, email="no@union.example", wants_updates=False)
    make_signature(campaign, email="pending@union.example", wants_updates=True, confirmed=False)

    with after_commit():
        update = make_update(campaign, published_at=timezone.now())
    with after_commit():
        update.save()

    by_recipient = {message["To"]: message for message in smtp_server.messages}
    assert sorted(by_recipient) == ["en@union.example", "fa@union.example"]
    assert "The others are still held." in plain_text(by_recipient["en@union.example"])
    assert "بقیه هنوز در بازداشت‌اند." in plain_text(by_recipient["fa@union.example"])
    assert 'dir="rtl"' in html_text(by_recipient["fa@union.example"])
    assert CampaignUpdate.objects.get().emailed_at is not None
    assert "Two drivers released on bail" in client.get(campaign.get_absolute_url("en")).content.decode()


def test_an_update_scheduled_for_later_is_neither_shown_nor_sent_before_its_time(campaign, smtp_server, after_commit,
                                                                                   client):
    make_signature(campaign, wants_updates=True)
    with after_commit():
        update = make_update(campaign, published_at=timezone.now() + timedelta(hours=1))
    assert smtp_server.messages == []
    assert "Two drivers released" not in client.get(campaign.get_absolute_url("en")).content.decode()

    CampaignUpdate.objects.filter(pk=update.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    call_command("send_campaign_updates", stdout=open("/dev/null", "w"))
    call_command("send_campaign_updates", stdout=open("/dev/null", "w"))
    assert len(smtp_server.messages) == 1


def test_a_draft_update_is_not_sent(campaign, smtp_server, after_commit):
    make_signature(campaign, wants_updates=True)
    with after_commit():
        make_update(campaign)

    call_command("send_campaign_updates", stdout=open("/dev/null", "w"))
    assert smtp_server.messages == []
