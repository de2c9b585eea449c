"""The delivery pack PDF: campaign text, demands and confirmed signers, read back with pdftotext."""

import subprocess

import pytest
from django.urls import reverse

from solidarity.campaigns import deliverypack
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import ExportLog, Signature


def pdf_text(pdf, tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def words(text):
    return " ".join(text.split())


@pytest.fixture
def campaign(db):
    campaign = make_campaign()
    make_signature(campaign, email="ana@union.example", name="Ana López", country="ES")
    make_signature(campaign, email="reza@union.example", name="رضا کارگر", country="DE")
    make_signature(campaign, email="sam@union.example", name="Sam O'Neill", country="GB")
    make_signature(campaign, email="waiting@union.example", name="Wendy Waiting", confirmed=False)
    make_signature(campaign, email="bot@spam.example", name="Bobby Bot", status=Signature.Status.INVALIDATED,
                   confirmed=False)
    return campaign


def test_the_english_pack_has_the_campaign_its_demands_and_the_confirmed_signers(campaign, tmp_path):
    pdf, rows = deliverypack.render_pdf(campaign, language="en")

    text = words(pdf_text(pdf, tmp_path))
    assert pdf.startswith(b"%PDF")
    assert rows == 3
    assert "Free the bus drivers" in text
    assert "Release the drivers now" in text and "Drop all charges" in text
    assert "Three bus drivers were arrested for organising a union." in text
    assert "Head of the Judiciary" in text
    assert "3 confirmed signatures" in text
    assert "Ana López (Spain)" in text
    assert "Sam O'Neill (United Kingdom)" in text
    # A Persian name in an English pack: shaped (whole letters come back), whatever order
    # pdftotext gives the two directions of the line.
    assert "رضا کارگر" in text and "Germany" in text
    assert "Wendy Waiting" not in text and "Bobby Bot" not in text


def test_the_persian_pack_is_in_persian_with_shaped_persian_names(campaign, tmp_path):
    pdf, _rows = deliverypack.render_pdf(campaign, language="fa")

    text = pdf_text(pdf, tmp_path)
    assert "رانندگان اتوبوس را آزاد کنید" in text
    assert "همه اتهامات را لغو کنید" in text
    # pdftotext maps the shaped glyphs back to letters: the name comes out whole, not as
    # isolated letter forms (U+FExx) or boxes.
    assert "رضا کارگر" in text
    assert "آلمان" in text and "اسپانیا" in text
    assert not any("\ufb50" <= ch <= "\ufeff" for ch in text)
    assert "۳" in text


def test_a_campaigner_downloads_the_pack_and_it_is_logged(client, make_staff, campaign, tmp_path):
    campaigner = make_staff("campaigner", "Campaigners")
    client.force_login(campaigner)

    response = client.post(reverse("campaigns_staff_delivery_pack", args=[campaign.pk]), {"language": "fa"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "رضا کارگر" in pdf_text(response.content, tmp_path)
    entry = ExportLog.objects.get()
    assert (entry.user, entry.rows, entry.what) == (campaigner, 3, "delivery pack PDF (fa)")


def test_script_in_a_name_is_printed_as_text(db, tmp_path):
    campaign = make_campaign(slug="script")
    make_signature(campaign, email="x@union.example", name="<b>Bold</b> <img src=http://evil.example/x.png>")

    pdf, _rows = deliverypack.render_pdf(campaign, language="en")

    assert "<b>Bold</b> <img src=http://evil.example/x.png>" in words(pdf_text(pdf, tmp_path))
