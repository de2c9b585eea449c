"""The Mirrors page: where else to read the site, and the key to check a copy with."""

import pytest

from solidarity.mirrors.models import MirrorSettings
from solidarity.mirrors.services.signing import fingerprint


@pytest.fixture
def addresses(db):
    stored = MirrorSettings.load()
    stored.mirrors = "https://mirror-one.example.net/iran/\n\n  https://copy.example.org/  \n"
    stored.onion_address = "typedinadmin.onion"
    stored.save()
    return stored


def test_the_page_shows_the_public_key_its_fingerprint_and_the_mirrors(client, site_tree, addresses, signing_key):
    response = client.get("/en/mirrors/")
    text = response.content.decode()
    assert response.status_code == 200
    assert signing_key in text and fingerprint(signing_key) in text
    assert "https://mirror-one.example.net/iran/" in text and "https://copy.example.org/" in text
    assert "http://typedinadmin.onion" in text


def test_the_page_is_in_persian_at_its_persian_address(client, site_tree, addresses, signing_key):
    response = client.get("/fa/mirrors/")
    text = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in text
    assert "کلید عمومی ما" in text and "https://copy.example.org/" in text


def test_the_onion_address_from_the_deployment_settings_wins_and_is_read_at_render_time(
        client, site_tree, addresses, settings):
    settings.ONION_ADDRESS = "deployedaddress.onion"
    text = client.get("/en/mirrors/").content.decode()
    assert "http://deployedaddress.onion" in text and "typedinadmin" not in text


def test_without_a_key_the_page_says_copies_cannot_be_checked(client, site_tree, settings):
    settings.MIRROR_SIGNING_KEY_FILE = ""
    settings.MIRROR_PUBLIC_KEY = ""
    assert "No signing key is configured yet" in client.get("/en/mirrors/").content.decode()


def test_every_page_links_to_the_mirrors_page(client, site_tree):
    assert 'href="/fa/mirrors/"' in client.get("/fa/").content.decode()
