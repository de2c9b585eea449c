"""Editors choose what the home page features, and the site's look, in Wagtail's admin."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.usefixtures("private_cache")


@pytest.fixture
def admin_client(client, site_tree):
    client.force_login(User.objects.create_superuser("coordinator", "c@example.org", "correct horse battery staple"))
    return client


def test_the_home_page_editor_has_the_featured_items(admin_client, site_tree):
    content = admin_client.get(f"/admin/pages/{site_tree['home'].pk}/edit/").content.decode()

    assert "What the home page features" in content
    assert 'id="id_features-FORMS"' in content


def test_the_site_identity_has_the_logo_tab_icon_and_colours(admin_client):
    content = admin_client.get("/admin/settings/publishing/siteidentity/", follow=True).content.decode()

    for name in ("logo", "favicon", "accent_colour", "dark_colour"):
        assert f'name="{name}"' in content


def test_an_editor_chooses_a_campaign_to_feature_from_the_public_ones_only(client, site_tree, make_staff):
    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Campaign

    make_campaign(slug="open-action", title_en="Free the bus drivers")
    make_campaign(slug="closed-action", title_en="Teachers released", status=Campaign.Status.CLOSED)
    make_campaign(slug="secret-plan", title_en="Not announced yet", status=Campaign.Status.DRAFT)
    client.force_login(make_staff("editor", "Editors"))

    response = client.get(f"/admin/pages/{site_tree['home'].pk}/edit/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Free the bus drivers" in content and "Teachers released" in content
    assert "Not announced yet" not in content
