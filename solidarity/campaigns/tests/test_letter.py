"""The printable letter: a PDF with the signer's name, only through the signer's own link."""

import re
import subprocess

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Signature

from .conftest import link_in, path_of, signing_data

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(data, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(BIDI_MARKS.sub("", text).split())


def test_a_new_signer_gets_a_link_to_a_pdf_letter_with_their_name_by_email(client, db, tmp_path, smtp_server,
                                                                          after_commit):
    campaign = make_campaign(letter_enabled=True)
    with after_commit():
        response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(name="Jane Q. Worker"))

    thanks = client.get(response["Location"]).content.decode()
    assert "/en/campaigns/letter/" not in thanks  # the same page for every address
    assert "The e-mail also brings you your letter" in thanks
    (message,) = smtp_server.messages
    pdf = client.get(path_of(link_in(message, "/letter/")))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content, tmp_path)
    assert "Jane Q. Worker" in text
    assert "I call on you to release the drivers." in text
    assert "Head of the Judiciary" in text
    assert "no-store" in pdf["Cache-Control"] or "private" in pdf["Cache-Control"]


def test_the_letter_is_not_reachable_without_the_signed_link(client, db):
    campaign = make_campaign(letter_enabled=True)
    signature = make_signature(campaign)
    token = services.letter_token(signature)

    assert client.get(f"/en/campaigns/letter/{signature.pk}/").status_code == 404
    assert client.get(f"/en/campaigns/letter/{token[:-3]}xyz/").status_code == 404
    assert client.get(f"/en/campaigns/letter/{services.confirmation_token(signature)}/").status_code == 404
    Signature.objects.update(status=Signature.Status.INVALIDATED)
    assert client.get(f"/en/campaigns/letter/{token}/").status_code == 404


def test_a_persian_letter_is_right_to_left_with_the_persian_text(db, tmp_path):
    from solidarity.campaigns import letters

    campaign = make_campaign(letter_enabled=True)
    signature = make_signature(campaign, name="مریم رضایی", language="fa", country="IR")

    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("fa"):
        html = render_to_string("campaigns/letter.html", letters.context(signature))
    assert '<html lang="fa" dir="rtl">' in html
    assert "مریم رضایی" in html and "از شما می‌خواهم رانندگان را آزاد کنید." in html
    text = pdf_text(letters.render_pdf(signature), tmp_path)
    assert "مریم رضایی" in text
    assert "رئیس قوه قضاییه" in text


def test_a_duplicate_signature_gets_no_letter_link_so_an_earlier_signer_s_name_stays_private(client, settings, db):
    settings.CAMPAIGN_RATE_BURST = 10
    campaign = make_campaign(letter_enabled=True)
    make_signature(campaign, email="jane@union.example", name="The Real Jane")

    response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())

    assert "letter" not in response["Location"]
