"""Signers choose what the authorities see of their name: the name as typed, the initials, or
nothing (counted only). The form asks without choosing for them; the protest messages, the
delivery pack, the letter and the export follow the choice."""

import subprocess

import pytest

from solidarity.campaigns import deliverypack, letters, services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Signature, initials

from .conftest import plain_text, signing_data

INITIALS, COUNT_ONLY = Signature.NameShown.INITIALS, Signature.NameShown.COUNT_ONLY


def pdf_text(pdf, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    return " ".join(text.split())


def test_the_form_asks_what_the_authorities_may_see_and_chooses_nothing_for_the_signer(client, campaign):
    page = client.get(campaign.get_absolute_url("en")).content.decode()

    assert "What may the authorities see of your name?" in page
    assert "We send the signers" in page and "names to the authorities this campaign is addressed to" in page
    for label in ("Show my name as I typed it", "Show only my initials", "Count me without my name"):
        assert label in page
    assert page.count('name="name_shown"') == 3
    assert "checked" not in page


def test_the_persian_form_asks_in_persian(client, campaign):
    page = client.get(campaign.get_absolute_url("fa")).content.decode()

    assert "مقام‌ها چه چیزی از نام شما را ببینند؟" in page
    assert "نام امضاکنندگان را برای مقام‌هایی که این کارزار خطاب به آنهاست" in page
    assert "فقط حروف اول نامم را نشان دهید" in page
    assert "بدون نام شمرده شوم" in page


def test_without_a_choice_the_signature_is_refused_and_what_was_typed_is_kept(client, campaign):
    data = signing_data(name="Jane Q. Worker")
    del data["name_shown"]

    response = client.post(f"/en/campaigns/{campaign.slug}/sign/", data)

    content = response.content.decode()
    assert response.status_code == 400
    assert "Please choose what the authorities may see of your name." in content
    assert 'value="Jane Q. Worker"' in content
    assert not Signature.objects.exists()


def test_a_refused_form_keeps_the_choice_that_was_made(client, campaign):
    response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(name_shown="initials", email="bad"))

    assert response.status_code == 400
    assert 'value="initials" id="id_name_shown_1" required checked' in response.content.decode()


def test_the_choice_is_stored_with_the_signature(client, campaign):
    client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data(name_shown="count"))

    assert Signature.objects.get().name_shown == "count"


def test_initials_are_the_first_letter_of_each_word_in_persian_too():
    assert initials("Jane Q. Worker") == "J. Q. W."
    assert initials("مریم رضایی\u200cنژاد") == "م. ر."
    assert initials("  ") == ""


def test_initials_skip_words_without_a_letter_and_give_nothing_for_no_name():
    assert initials("Jane — Worker 3") == "J. W."
    assert initials("(Reza) «رضا»") == "R. ر."
    assert initials(None) == ""


def test_the_protest_messages_show_each_name_as_its_signer_chose(db, smtp_server):
    campaign = make_campaign(protest_enabled=True)
    make_signature(campaign, email="a@union.example", name="Jane Worker", organisation="Local 4400", message="One")
    make_signature(campaign, email="b@union.example", name="Maryam Rezaei", organisation="Local 9",
                   name_shown=INITIALS, message="Two")
    make_signature(campaign, email="c@union.example", name="Reza Karimi", organisation="Tehran bus union",
                   name_shown=COUNT_ONLY, message="Three", country="SE")

    services.deliver_protests(campaign)

    texts = [plain_text(message) for message in smtp_server.messages]
    assert "Jane Worker, Local 4400 (United Kingdom)" in texts[0]
    assert "M. R., Local 9 (United Kingdom)" in texts[1] and "Maryam" not in texts[1]
    assert "A signer who asked not to be named (Sweden)" in texts[2]
    assert "Reza" not in texts[2] and "Tehran bus union" not in texts[2]


def test_the_delivery_pack_lists_names_as_chosen_and_counts_those_who_asked_not_to_be_named(db, tmp_path):
    campaign = make_campaign()
    make_signature(campaign, email="a@union.example", name="Ana López", country="ES")
    make_signature(campaign, email="b@union.example", name="مریم رضایی\u200cنژاد", name_shown=INITIALS)
    make_signature(campaign, email="c@union.example", name="Hidden Person", name_shown=COUNT_ONLY)
    make_signature(campaign, email="d@union.example", name="Also Hidden", name_shown=COUNT_ONLY)

    pdf, rows = deliverypack.render_pdf(campaign, language="en")

    text = pdf_text(pdf, tmp_path)
    assert "Ana López" in text
    assert "رضایی" not in text and "<bdi>م. ر.</bdi>" in deliverypack.render_html(campaign, language="en")
    assert "Hidden" not in text
    assert "And 2 other signers who asked not to be named." in text
    assert "4 confirmed signatures" in text and rows == 4


def test_the_letter_of_a_signer_counted_only_carries_no_name(db, tmp_path):
    campaign = make_campaign(letter_enabled=True)
    signature = make_signature(campaign, name="Hidden Person", organisation="Local 9", name_shown=COUNT_ONLY)

    text = pdf_text(letters.render_pdf(signature), tmp_path)

    assert "Hidden" not in text and "Local 9" not in text
    assert "A signer who asked not to be named" in text


@pytest.mark.parametrize("choice", ["full", "initials", "count"])
def test_the_demo_signers_load_with_their_choices(db, choice):
    from solidarity.campaigns import demo

    demo.load()

    assert Signature.objects.filter(name_shown=choice).exists()


def test_the_campaigners_export_keeps_the_real_name_with_the_signer_s_choice(client, make_staff, db):
    import csv
    import io

    from django.urls import reverse

    campaign = make_campaign()
    make_signature(campaign, name="Hidden Person", name_shown=COUNT_ONLY)
    client.force_login(make_staff("campaigner", "Campaigners"))

    response = client.post(reverse("campaigns_staff_export", args=[campaign.pk]), {"statuses": ["confirmed"]})

    body = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    (row,) = csv.DictReader(io.StringIO(body))
    assert (row["name"], row["name_shown"]) == ("Hidden Person", "count")
