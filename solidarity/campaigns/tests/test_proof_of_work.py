"""Proof of work: solved in the browser when there is JavaScript; without it, stricter limits."""

import hashlib
import itertools

from solidarity.campaigns.factories import make_campaign
from solidarity.campaigns.models import Signature
from solidarity.campaigns.services import access

from .conftest import signing_data


def solve(challenge, email, bits):
    for nonce in itertools.count():
        digest = hashlib.sha256(f"{challenge}:{email.strip().lower()}:{nonce}".encode()).digest()
        if access._leading_zero_bits(digest) >= bits:
            return str(nonce)


def challenge_on_page(client, campaign):
    content = client.get(campaign.get_absolute_url("en")).content.decode()
    assert "campaigns/pow.js" in content
    return content.split('data-pow-challenge="')[1].split('"')[0]


def test_a_solved_puzzle_is_recorded_with_the_signature(client, settings, db):
    settings.CAMPAIGN_POW_BITS = 8
    campaign = make_campaign(pow_enabled=True)
    challenge = challenge_on_page(client, campaign)

    client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(
        pow_challenge=challenge, pow_nonce=solve(challenge, "jane@union.example", 8)))

    assert Signature.objects.get().proof_of_work is True


def test_a_solution_for_another_address_does_not_count(db, settings):
    settings.CAMPAIGN_POW_BITS = 8
    campaign = make_campaign(pow_enabled=True)
    challenge = access.new_challenge(campaign)
    nonce = solve(challenge, "someone@else.example", 8)

    assert access.verify_proof(campaign, challenge=challenge, nonce=nonce, email="someone@else.example")
    assert not access.verify_proof(campaign, challenge=challenge, nonce=nonce, email="jane@union.example") or \
        access._leading_zero_bits(hashlib.sha256(f"{challenge}:jane@union.example:{nonce}".encode()).digest()) >= 8
    assert not access.verify_proof(make_campaign(slug="other", pow_enabled=True), challenge=challenge, nonce=nonce,
                                     email="someone@else.example")
    assert not access.verify_proof(campaign, challenge=challenge + "x", nonce=nonce, email="someone@else.example")


def test_without_javascript_the_signature_is_taken_but_marked_and_limited_harder(client, settings, db):
    settings.CAMPAIGN_RATE_BURST = 10
    settings.CAMPAIGN_RATE_SUSTAINED = 10
    settings.CAMPAIGN_RATE_WITHOUT_PROOF_PER_HOUR = 2
    campaign = make_campaign(pow_enabled=True)

    first = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(email="a@union.example"))
    second = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(email="b@union.example"))
    third = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(email="c@union.example"))

    assert (first.status_code, second.status_code, third.status_code) == (302, 302, 429)
    assert list(Signature.objects.values_list("proof_of_work", flat=True)) == [False, False]


def test_campaigns_without_proof_of_work_load_no_script(client, campaign):
    content = client.get(campaign.get_absolute_url("en")).content.decode()

    assert "<script" not in content
    assert Signature.objects.count() == 0


def test_a_huge_or_garbled_puzzle_is_taken_as_no_proof_and_the_signature_is_still_stored(client, settings, db):
    settings.CAMPAIGN_POW_BITS = 8
    campaign = make_campaign(pow_enabled=True)

    response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(
        pow_challenge="A" * 2_000_000, pow_nonce="\x00" * 30))

    assert response.status_code == 302
    assert Signature.objects.get().proof_of_work is False
