"""The signing form on the campaign page, as a signer uses it (no JavaScript)."""

import pytest

from solidarity.campaigns.factories import make_campaign
from solidarity.campaigns.models import AccessRule, Campaign, Signature

from .conftest import html_text, link_in, path_of, plain_text, signing_data

SCRIPT = '<script>alert("x")</script>'


def sign_url(campaign, language="en"):
    return f"/{language}/campaigns/{campaign.slug}/sign/"


def test_the_campaign_page_shows_the_form_with_both_consent_boxes_unticked(client, campaign):
    response = client.get(campaign.get_absolute_url("en"))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="wants_updates"' in content
    assert 'name="wants_newsletter"' in content
    assert "checked" not in content
    assert "Release the drivers now" in content
    assert "csrfmiddlewaretoken" not in content


def test_a_new_signature_is_stored_pending_and_the_signer_gets_a_confirmation_email(client, campaign, smtp_server,
                                                                                    after_commit):
    with after_commit():
        response = client.post(sign_url(campaign), signing_data(wants_updates="on"))

    assert response.status_code == 302
    assert response["Location"] == f"/en/campaigns/{campaign.slug}/thanks/"
    stored = Signature.objects.get()
    assert (stored.status, stored.language, stored.wants_updates, stored.wants_newsletter) == ("pending", "en", True, False)
    (message,) = smtp_server.messages
    assert message["To"] == "jane@union.example"
    assert message["Subject"] == "Please confirm your signature: Free the bus drivers"
    assert "http://" in plain_text(message) and "/en/campaigns/confirm/" in plain_text(message)
    assert 'dir="ltr"' in html_text(message)
    thanks = client.get(response["Location"])
    assert "Please check your e-mail" in thanks.content.decode()


def test_a_persian_signer_gets_the_confirmation_in_persian_right_to_left(client, campaign, smtp_server, after_commit):
    with after_commit():
        response = client.post(sign_url(campaign, "fa"), signing_data(name="مریم رضایی‌نژاد", organisation="سندیکای شرکت واحد"))

    assert response.status_code == 302
    stored = Signature.objects.get()
    assert stored.name == "مریم رضایی‌نژاد"
    assert stored.organisation == "سندیکای شرکت واحد"
    assert stored.language == "fa"
    (message,) = smtp_server.messages
    assert message["Subject"].strip() == "لطفاً امضای خود را تأیید کنید: رانندگان اتوبوس را آزاد کنید"
    text = plain_text(message)
    assert "مریم رضایی‌نژاد" in text
    assert "/fa/campaigns/confirm/" in text
    assert "این پیوند ۱۴ روز کار می‌کند." in text
    assert 'dir="rtl"' in html_text(message)


def test_the_protest_text_is_offered_for_editing_and_stored_as_the_signer_wrote_it(client, smtp_server, after_commit, db):
    campaign = make_campaign(protest_enabled=True)
    page = client.get(campaign.get_absolute_url("en")).content.decode()
    assert "I call on you to release the drivers." in page

    with after_commit():
        client.post(sign_url(campaign), signing_data(message="Release them today.\r\nSolidarity."))
    assert Signature.objects.get().message == "Release them today.\nSolidarity."


def test_an_invalid_email_address_is_explained_and_what_was_typed_is_kept(client, campaign):
    response = client.post(sign_url(campaign), signing_data(name="Jane Q. Worker", email="jane-at-union"))

    content = response.content.decode()
    assert response.status_code == 400
    assert "This does not look like an e-mail address" in content
    assert 'value="Jane Q. Worker"' in content
    assert 'value="jane-at-union"' in content
    assert not Signature.objects.exists()


def test_an_invalid_email_address_is_explained_in_persian(client, campaign):
    response = client.post(sign_url(campaign, "fa"), signing_data(email="نامعتبر"))

    assert response.status_code == 400
    assert "این نشانی ایمیل درست به نظر نمی‌رسد" in response.content.decode()


def test_empty_fields_are_explained(client, campaign):
    response = client.post(sign_url(campaign), {"name": "", "email": "", "country": ""})

    content = response.content.decode()
    assert "Please give your name" in content
    assert "Please give your e-mail address" in content
    assert "Please choose your country from the list." in content


def test_a_country_that_is_not_on_the_list_is_refused(client, campaign):
    response = client.post(sign_url(campaign), signing_data(country="QQ"))

    assert response.status_code == 400
    assert "Please choose your country from the list." in response.content.decode()
    assert not Signature.objects.exists()


def test_a_name_that_is_too_long_is_refused_with_its_length(client, campaign):
    response = client.post(sign_url(campaign), signing_data(name="x" * 5000))

    assert response.status_code == 400
    assert "at most 200 characters (it has 5000)" in response.content.decode()


def test_control_characters_in_a_name_are_not_stored(client, campaign):
    response = client.post(sign_url(campaign), signing_data(name="Jane\x00Worker\x07"))

    assert response.status_code == 302
    assert Signature.objects.get().name == "Jane Worker"


def test_a_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_stored_or_sent(client, campaign, smtp_server,
                                                                                      after_commit):
    with after_commit():
        response = client.post(sign_url(campaign), signing_data(website="http://spam.example"))

    assert response.status_code == 302
    assert not Signature.objects.exists()
    assert smtp_server.messages == []


def test_a_second_signature_from_the_same_connection_is_refused_with_a_clear_message(client, campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 1
    client.post(sign_url(campaign), signing_data(email="one@union.example"))
    response = client.post(sign_url(campaign), signing_data(name="Second Person", email="two@union.example"))

    content = response.content.decode()
    assert response.status_code == 429
    assert "Please wait a few minutes" in content
    assert 'value="Second Person"' in content
    assert Signature.objects.count() == 1


def test_a_blocked_domain_is_refused_with_a_clear_message(client, campaign):
    AccessRule.objects.create(kind=AccessRule.Kind.DOMAIN, value="throwaway.example")

    response = client.post(sign_url(campaign), signing_data(email="x@throwaway.example"))

    assert response.status_code == 403
    assert "We cannot accept signatures from this e-mail provider" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_closed_campaign_shows_its_outcome_and_no_form(client, db):
    campaign = make_campaign(status=Campaign.Status.CLOSED, outcome_en="Released on bail after international pressure.")

    content = client.get(campaign.get_absolute_url("en")).content.decode()
    assert "This campaign is closed." in content
    assert "Released on bail after international pressure." in content
    assert f'action="/en/campaigns/{campaign.slug}/sign/' not in content
    assert 'name="country"' not in content


def test_a_signature_posted_to_a_closed_campaign_is_refused(client, db):
    campaign = make_campaign(status=Campaign.Status.CLOSED)

    response = client.post(sign_url(campaign), signing_data())

    assert response.status_code == 410
    assert "This campaign is closed" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_campaign_closed_by_staff_while_people_sign_refuses_the_next_signature(client, campaign):
    client.post(sign_url(campaign), signing_data(), REMOTE_ADDR="198.51.100.1")
    campaign.status = Campaign.Status.CLOSED
    campaign.save()

    response = client.post(sign_url(campaign), signing_data(email="next@union.example"), REMOTE_ADDR="198.51.100.2")

    assert response.status_code == 410
    assert Signature.objects.count() == 1


def test_a_draft_campaign_is_not_public(client, db):
    campaign = make_campaign(status=Campaign.Status.DRAFT)

    assert client.get(campaign.get_absolute_url("en")).status_code == 404
    assert client.post(sign_url(campaign), signing_data()).status_code == 404


@pytest.mark.parametrize("field", ["name", "organisation", "message"])
def test_script_in_any_field_is_stored_as_text_and_shown_escaped(client, smtp_server, after_commit, field, db):
    campaign = make_campaign(protest_enabled=True, letter_enabled=True)
    with after_commit():
        response = client.post(sign_url(campaign), signing_data(**{field: SCRIPT}))

    assert response.status_code == 302
    assert getattr(Signature.objects.get(), field) == SCRIPT
    (message,) = smtp_server.messages
    assert "<script>" not in html_text(message)
    confirm_page = client.get(path_of(link_in(message, "/confirm/"))).content.decode()
    assert "<script>" not in confirm_page
    if field == "name":
        assert "&lt;script&gt;" in confirm_page and "&lt;script&gt;" in html_text(message)


@pytest.mark.parametrize("field", ["organisation_name", "representative_name", "representative_role"])
def test_script_in_any_endorsement_field_is_shown_escaped(client, smtp_server, after_commit, make_staff, field, db):
    from solidarity.campaigns.models import Endorsement

    campaign = make_campaign(endorsement_enabled=True)
    data = {"organisation_name": "Local 1", "representative_name": "Sam", "representative_role": "Chair",
            "email": "sam@local1.example", "country": "CA", field: SCRIPT}
    with after_commit():
        client.post(f"/en/campaigns/{campaign.slug}/endorse/", data)
    Endorsement.objects.update(confirmed_at="2026-01-01T00:00:00Z")
    Endorsement.objects.get().approve(make_staff("campaigner", "Campaigners"))

    page = client.get(campaign.get_absolute_url("en")).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page
    assert "<script>" not in html_text(smtp_server.messages[0])


def test_script_in_the_email_and_country_fields_is_refused_and_shown_escaped(client, campaign):
    response = client.post(sign_url(campaign), signing_data(email=SCRIPT, country=SCRIPT))

    content = response.content.decode()
    assert response.status_code == 400
    assert SCRIPT not in content
    assert "&lt;script&gt;" in content
    assert not Signature.objects.exists()


def test_a_duplicate_is_thanked_like_a_new_signature_so_nobody_learns_who_signed(client, campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 10
    first = client.post(sign_url(campaign), signing_data())
    second = client.post(sign_url(campaign), signing_data(email="JANE@union.example"))

    assert first["Location"] == second["Location"]
    assert Signature.objects.count() == 1


def test_a_form_sent_in_a_broken_encoding_gets_an_answer_not_an_error(client, campaign):
    body = b"name=%FF%FEJane&email=jane%40union.example&country=GB&website="

    response = client.post(sign_url(campaign), body, content_type="application/x-www-form-urlencoded")

    assert response.status_code in (302, 400)
    assert Signature.objects.count() <= 1
    if Signature.objects.exists():
        assert Signature.objects.get().name.endswith("Jane")


def test_a_huge_form_is_refused_with_a_clear_message_and_nothing_is_stored(client, db):
    campaign = make_campaign(protest_enabled=True)

    response = client.post(sign_url(campaign), signing_data(message="x" * 100_000))

    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert not Signature.objects.exists()


def test_each_signing_form_has_fields_and_widgets_of_its_own(campaign):
    from solidarity.campaigns.forms import SignatureForm

    first = SignatureForm(campaign=campaign, language="en")
    second = SignatureForm(campaign=campaign, language="en")
    first.fields["name"].widget.attrs["data-x"] = "1"
    first.fields["email"].error_messages["invalid"] = "changed"
    first.fields["name"].validators.append(lambda value: None)

    assert "data-x" not in second.fields["name"].widget.attrs
    assert second.fields["email"].error_messages["invalid"] != "changed"
    assert len(second.fields["name"].validators) == len(SignatureForm.base_fields["name"].validators)
    assert "data-x" not in SignatureForm.base_fields["name"].widget.attrs
    assert first.fields["country"].widget is not second.fields["country"].widget
    assert 'value="IR"' in str(second["country"])


def test_a_signer_may_say_other_or_prefer_not_to_say_and_is_counted_under_it(client, campaign):
    response = client.post(sign_url(campaign), signing_data(country="ZZ"))

    assert response.status_code == 302
    assert campaign.signatures.get().country == "ZZ"
