"""E-mail subjects are plain text: a campaign titled with < > ' & reads as typed, never as
&lt; or &#x27;, in English and in Persian, and a line break cannot reach the header."""

from django.utils import timezone

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import CampaignUpdate, Endorsement

from .conftest import sign

TITLE = "Tom & Jerry's <union>\nnow"
TITLE_FA = "«کارگران» & <سندیکا>'ها"


def subjects(smtp_server):
    return [message["Subject"].strip() for message in smtp_server.messages]


def test_the_confirmation_subject_shows_the_title_as_typed_in_english_and_persian(db, smtp_server, after_commit):
    campaign = make_campaign(title_en=TITLE, title_fa=TITLE_FA)
    with after_commit():
        sign(campaign, email="en@union.example", ip="198.51.100.1")
        sign(campaign, email="fa@union.example", ip="198.51.100.2", language="fa")

    assert sorted(subjects(smtp_server)) == sorted([
        "Please confirm your signature: Tom & Jerry's <union> now",
        f"لطفاً امضای خود را تأیید کنید: {TITLE_FA}",
    ])


def test_the_already_signed_update_protest_and_endorsement_subjects_are_plain_text(db, smtp_server, after_commit):
    campaign = make_campaign(title_en=TITLE, protest_enabled=True, endorsement_enabled=True)
    make_signature(campaign, email="jane@union.example", wants_updates=True)
    with after_commit():
        sign(campaign, email="jane@union.example")
    update = CampaignUpdate.objects.create(campaign=campaign, title_en="<b>Released</b> & 'free'",
                                           published_at=timezone.now())
    services.email_update(update)
    services.deliver_protests(campaign)
    endorsement = Endorsement.objects.create(campaign=campaign, organisation_name="Local 1", representative_name="Sam",
                                             representative_role="Chair", email="sam@local1.example", country="CA")
    services.send_endorsement_email(endorsement)

    assert subjects(smtp_server) == [
        "You have already signed: Tom & Jerry's <union> now",
        "Further information: <b>Released</b> & 'free'",
        "Tom & Jerry's <union> now",
        "Please confirm your organisation's endorsement: Tom & Jerry's <union> now",
    ]
