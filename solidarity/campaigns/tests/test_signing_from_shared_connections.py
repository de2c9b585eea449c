"""Many real people share one address (a union meeting on one Wi-Fi, a mobile carrier's shared
addresses in Iran): with the default settings they all sign and confirm; a flood of one e-mail
domain from one address is held for staff review instead, and released or invalidated there."""

import re

import pytest
from django.urls import reverse

from solidarity.campaigns.models import Signature
from solidarity.campaigns.services import invalidation, send_waiting_confirmations

from .conftest import path_of, signing_data

pytestmark = pytest.mark.django_db

ROOM = "203.0.113.50"  # the meeting's one Wi-Fi address
DOMAINS = ["gmail.com", "yahoo.com", "unifor.org", "cupe.ca", "outlook.com", "unison.org.uk", "riseup.net",
           "proton.me", "teachers.example", "nurses.example"]


def sign_url(campaign, language="en"):
    return f"/{language}/campaigns/{campaign.slug}/sign/"


def person(number, language="en"):
    name = f"Delegate {number}" if language == "en" else f"نماینده {number}"
    return signing_data(name=name, email=f"delegate{number}@{DOMAINS[number % len(DOMAINS)]}")


@pytest.mark.parametrize("language", ["en", "fa"])
def test_fifty_people_from_one_address_within_a_minute_all_sign_and_can_confirm(client, campaign, language,
                                                                                 mailoutbox, after_commit):
    with after_commit():
        answers = [client.post(sign_url(campaign, language), person(n, language), REMOTE_ADDR=ROOM) for n in range(50)]

    assert [answer.status_code for answer in answers] == [302] * 50
    assert Signature.objects.filter(status=Signature.Status.PENDING).count() == 50
    send_waiting_confirmations()
    assert len(mailoutbox) == 50
    for message in mailoutbox:
        link = re.search(r"https?://\S+/confirm/\S+", message.body).group(0)
        client.post(path_of(link), REMOTE_ADDR=ROOM)
    assert Signature.objects.filter(status=Signature.Status.CONFIRMED).count() == 50


def test_a_room_of_two_hundred_passes_the_per_connection_limit(client, campaign, after_commit):
    with after_commit():
        answers = [client.post(sign_url(campaign), person(n), REMOTE_ADDR=ROOM).status_code for n in range(200)]
    assert answers == [302] * 200
    assert Signature.objects.exclude(status=Signature.Status.HELD).count() == 200


@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_flood_of_one_e_mail_domain_from_one_address_is_held_for_review(client, campaign, language, settings,
                                                                          mailoutbox, after_commit):
    with after_commit():
        answers = [client.post(sign_url(campaign, language),
                               signing_data(name=f"Fake {n}", email=f"fake{n}@made-up.example"), REMOTE_ADDR=ROOM)
                   for n in range(60)]

    # Answered as every other signature: nobody learns from the answer that they were held.
    assert {answer["Location"] for answer in answers} == {answers[0]["Location"]}
    allowed = settings.CAMPAIGN_HOLD_SAME_DOMAIN
    assert Signature.objects.filter(status=Signature.Status.PENDING).count() == allowed
    assert Signature.objects.filter(status=Signature.Status.HELD).count() == 60 - allowed
    send_waiting_confirmations()
    assert len(mailoutbox) == allowed
    # The same flood from other addresses is not held: it is one connection's flood that is.
    client.post(sign_url(campaign), signing_data(email="someone@made-up.example"), REMOTE_ADDR="198.51.100.9")
    assert Signature.objects.get(email="someone@made-up.example").status == Signature.Status.PENDING


def test_subdomains_of_one_domain_are_one_flood(client, campaign, settings, after_commit):
    settings.CAMPAIGN_HOLD_SAME_DOMAIN = 5
    with after_commit():
        for n in range(8):
            client.post(sign_url(campaign), signing_data(email=f"x@mx{n}.made-up.example"), REMOTE_ADDR=ROOM)
    assert Signature.objects.filter(status=Signature.Status.HELD).count() == 3


def test_many_people_at_one_webmail_provider_are_not_held(client, campaign, settings, after_commit):
    settings.CAMPAIGN_HOLD_SAME_DOMAIN = 5
    with after_commit():
        for n in range(20):
            client.post(sign_url(campaign), signing_data(email=f"member{n}@gmail.com"), REMOTE_ADDR=ROOM)
    assert Signature.objects.filter(status=Signature.Status.PENDING).count() == 20


def test_a_held_signature_gets_no_email_even_when_its_address_signs_again(client, campaign, settings, mailoutbox,
                                                                          after_commit):
    settings.CAMPAIGN_HOLD_SAME_DOMAIN = 0
    with after_commit():
        client.post(sign_url(campaign), signing_data(email="fake@made-up.example"), REMOTE_ADDR=ROOM)
        client.post(sign_url(campaign), signing_data(email="fake@made-up.example"), REMOTE_ADDR="198.51.100.9")
    send_waiting_confirmations()
    assert Signature.objects.get().status == Signature.Status.HELD
    assert mailoutbox == []


def test_staff_release_held_signatures_and_their_confirmations_go_out(client, campaign, settings, make_staff,
                                                                      mailoutbox, after_commit):
    settings.CAMPAIGN_HOLD_SAME_DOMAIN = 0
    with after_commit():
        for n in range(3):
            client.post(sign_url(campaign), signing_data(email=f"member{n}@local4400.example"), REMOTE_ADDR=ROOM)
    campaigner = make_staff("campaigner", "Campaigners")
    client.force_login(campaigner)
    dashboard = client.get(reverse("campaigns_staff_dashboard", args=[campaign.pk])).content.decode()
    assert "member2@local4400.example" in dashboard
    up_to = invalidation.held_signatures(campaign).last().pk
    with after_commit():
        response = client.post(reverse("campaigns_staff_release_held", args=[campaign.pk]), {"up_to_id": up_to})
    assert response.status_code == 302
    assert Signature.objects.filter(status=Signature.Status.PENDING).count() == 3
    assert sorted(message.to[0] for message in mailoutbox) == [f"member{n}@local4400.example" for n in range(3)]


def test_an_editor_cannot_release_held_signatures(client, campaign, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    response = client.post(reverse("campaigns_staff_release_held", args=[campaign.pk]), {"up_to_id": 1})
    assert response.status_code == 403


def test_the_admin_explains_the_default_limits(client, campaign, make_staff):
    client.force_login(make_staff("campaigner", "Campaigners"))
    content = client.get(reverse("wagtailsnippets_campaigns_campaign:edit", args=[campaign.pk])).content.decode()
    assert "union meeting on one Wi-Fi" in content
