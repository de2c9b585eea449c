"""Administrators keep the list of mirrors and addresses; no other staff group may."""

import pytest

URL = "/admin/settings/mirrors/mirrorsettings/"


@pytest.mark.parametrize("group", ["Editors", "Translators", "Campaigners"])
def test_other_staff_cannot_open_the_mirror_settings(client, site_tree, make_staff, group):
    client.force_login(make_staff("someone", group))
    response = client.get(URL, follow=True)
    assert response.status_code == 403


def test_an_administrator_edits_the_mirrors_and_the_page_shows_them(client, site_tree, make_staff):
    from solidarity.mirrors.models import MirrorSettings

    client.force_login(make_staff("admin", "Administrators"))
    edit = client.get(URL, follow=True)
    assert edit.status_code == 200
    response = client.post(edit.redirect_chain[-1][0] if edit.redirect_chain else URL, {
        "mirrors": "https://copy.example.org/", "onion_address": "", "sign_by_email": "sign@example.org",
    })
    assert response.status_code == 302
    assert MirrorSettings.load().mirror_list() == ["https://copy.example.org/"]
    client.logout()
    assert "https://copy.example.org/" in client.get("/fa/mirrors/").content.decode()
