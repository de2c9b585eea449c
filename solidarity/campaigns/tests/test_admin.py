"""The campaigns in Wagtail's admin: campaigners see signatures, editors do not."""

from solidarity.campaigns.factories import make_signature


def test_a_campaigner_sees_the_signatures_and_an_editor_does_not(client, campaign, make_staff):
    make_signature(campaign, email="private@union.example")

    client.force_login(make_staff("editor", "Editors"))
    assert client.get("/admin/campaign_signatures/").status_code == 403
    assert "private@union.example" not in client.get("/admin/").content.decode()

    client.force_login(make_staff("campaigner", "Campaigners"))
    listing = client.get("/admin/campaign_signatures/")
    assert listing.status_code == 200
    assert "private@union.example" in listing.content.decode()


def test_a_campaigner_edits_a_campaign_with_its_targets(client, campaign, make_staff):
    client.force_login(make_staff("campaigner", "Campaigners"))

    response = client.get(f"/admin/snippets/campaigns/campaign/edit/{campaign.pk}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Head of the Judiciary" in content
    assert "Free the bus drivers" in content


def test_an_editor_cannot_open_the_campaigns(client, campaign, make_staff):
    client.force_login(make_staff("editor", "Editors"))

    assert client.get(f"/admin/snippets/campaigns/campaign/edit/{campaign.pk}/").status_code == 403
