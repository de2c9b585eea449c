"""Text that reads one way and prints another is not stored: hidden bidi and zero-width
controls leave names, organisations and messages (Persian's zero-width non-joiner stays where
it belongs), and an address SMTP cannot carry is refused with a clear error."""

import subprocess

import pytest
from django.core.exceptions import ValidationError

from solidarity.campaigns import deliverypack
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Endorsement, Signature, Target

from .conftest import signing_data

OVERRIDE = "\u202e"


def sign_url(campaign, language="en"):
    return f"/{language}/campaigns/{campaign.slug}/sign/"


def test_a_right_to_left_override_in_a_name_is_not_stored(client, campaign):
    response = client.post(sign_url(campaign), signing_data(name=f"Invoice {OVERRIDE}gnp.exe",
                                                            organisation="Local\u200b 4400"))

    assert response.status_code == 302
    stored = Signature.objects.get()
    assert stored.name == "Invoice gnp.exe"
    assert stored.organisation == "Local 4400"


def test_persian_keeps_its_zero_width_non_joiner_between_letters(client, campaign):
    client.post(sign_url(campaign, "fa"), signing_data(name="\u200cمریم رضایی\u200cنژاد\u200f"))

    assert Signature.objects.get().name == "مریم رضایی\u200cنژاد"


def test_a_protest_message_keeps_its_lines_but_not_its_hidden_controls(client, db):
    campaign = make_campaign(protest_enabled=True)
    client.post(sign_url(campaign), signing_data(message=f"Free them{OVERRIDE} now.\r\n\u2066Solidarity.\u2069"))

    assert Signature.objects.get().message == "Free them now.\nSolidarity."


def test_the_delivery_pack_prints_a_name_in_the_order_it_was_typed_even_one_stored_before_names_were_cleaned(
        db, tmp_path):
    campaign = make_campaign()
    make_signature(campaign, name=f"Invoice {OVERRIDE}gnp.exe")  # written straight to the database

    path = tmp_path / "pack.pdf"
    path.write_bytes(deliverypack.render_pdf(campaign, language="en")[0])
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout

    assert "Invoice gnp.exe" in text
    assert "exe.png" not in text and OVERRIDE not in text


@pytest.mark.parametrize("address", ["a@ex\u202eample.org", "a\u200b@example.org", "jane@exa mple.org"])
def test_an_address_smtp_cannot_carry_is_refused_with_a_clear_error_and_what_was_typed_is_kept(client, campaign,
                                                                                                 address):
    response = client.post(sign_url(campaign), signing_data(name="Jane Q. Worker", email=address))

    content = response.content.decode()
    assert response.status_code == 400
    assert "hidden or invisible character" in content or "does not look like an e-mail address" in content
    assert 'value="Jane Q. Worker"' in content
    assert not Signature.objects.exists()


def test_an_endorsement_with_an_address_smtp_cannot_carry_is_refused(client, db):
    campaign = make_campaign(endorsement_enabled=True)
    data = {"organisation_name": f"Local{OVERRIDE} 1", "representative_name": "Sam", "representative_role": "Chair",
            "email": "sam@local\u202e1.example", "country": "CA", "website": ""}

    response = client.post(f"/en/campaigns/{campaign.slug}/endorse/", data)

    assert response.status_code == 400
    assert "hidden or invisible character" in response.content.decode()
    assert not Endorsement.objects.exists()


def test_a_target_s_address_must_be_one_smtp_can_carry(db):
    campaign = make_campaign(targets=False)
    target = Target(campaign=campaign, name_en="Judiciary", email="office@judiciary\u202e.example")

    with pytest.raises(ValidationError):
        target.full_clean()
