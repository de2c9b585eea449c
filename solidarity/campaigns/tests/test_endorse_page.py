"""Organisational endorsements: the form, the e-mail confirmation, and staff approval."""

from solidarity.campaigns.factories import make_campaign
from solidarity.campaigns.models import Endorsement

from .conftest import link_in, path_of, plain_text

DATA = {
    "organisation_name": "Transport Workers' Union Local 100",
    "representative_name": "Sam Rivera",
    "representative_role": "General Secretary",
    "email": "sec@twu100.example",
    "country": "US",
    "website": "",
}


def test_a_union_endorses_confirms_by_email_and_appears_only_after_staff_approve(client, smtp_server, after_commit,
                                                                                make_staff, db):
    campaign = make_campaign(endorsement_enabled=True)
    with after_commit():
        response = client.post(f"/en/campaigns/{campaign.slug}/endorse/", DATA)

    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert (endorsement.status, endorsement.confirmed_at) == ("pending", None)
    (message,) = smtp_server.messages
    assert "Transport Workers' Union Local 100" in plain_text(message)
    confirm_path = path_of(link_in(message, "/endorsements/confirm/"))
    assert client.get(confirm_path).status_code == 200
    assert Endorsement.objects.get().confirmed_at is None
    client.post(confirm_path)
    assert Endorsement.objects.get().confirmed_at is not None

    page = client.get(campaign.get_absolute_url("en")).content.decode()
    assert "Local 100" not in page

    campaigner = make_staff("campaigner", "Campaigners")
    Endorsement.objects.get().approve(campaigner)
    stored = Endorsement.objects.get()
    assert (stored.status, stored.decided_by) == ("approved", campaigner)
    page = client.get(campaign.get_absolute_url("en")).content.decode()
    assert "Transport Workers&#x27; Union Local 100" in page
    assert "Sam Rivera, General Secretary" in page


def test_an_approved_endorsement_whose_email_was_never_confirmed_is_not_shown(client, make_staff, db):
    campaign = make_campaign(endorsement_enabled=True)
    endorsement = Endorsement.objects.create(campaign=campaign, **{k: v for k, v in DATA.items() if k != "website"})
    endorsement.approve(make_staff("campaigner", "Campaigners"))

    assert "Local 100" not in client.get(campaign.get_absolute_url("en")).content.decode()


def test_the_endorsement_form_explains_missing_fields_and_keeps_what_was_typed(client, db):
    campaign = make_campaign(endorsement_enabled=True)

    response = client.post(f"/en/campaigns/{campaign.slug}/endorse/", {**DATA, "representative_role": "", "email": "x"})

    content = response.content.decode()
    assert response.status_code == 400
    assert "Please give the representative" in content
    assert 'value="Sam Rivera"' in content
    assert not Endorsement.objects.exists()


def test_a_campaign_without_endorsements_has_no_endorsement_form(client, campaign):
    assert client.get(f"/en/campaigns/{campaign.slug}/endorse/").status_code == 404


def test_the_same_address_endorsing_twice_makes_one_endorsement(client, smtp_server, after_commit, settings, db):
    settings.CAMPAIGN_RATE_BURST = 10
    campaign = make_campaign(endorsement_enabled=True)
    with after_commit():
        client.post(f"/en/campaigns/{campaign.slug}/endorse/", DATA)
        client.post(f"/en/campaigns/{campaign.slug}/endorse/", {**DATA, "email": "SEC@twu100.example"})

    assert Endorsement.objects.count() == 1
