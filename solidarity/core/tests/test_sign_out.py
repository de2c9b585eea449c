"""Signing out is all or nothing: a GET only asks, a POST ends the whole session."""

import pytest
from django.conf import settings as django_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from solidarity.core import twofactor


@pytest.fixture(autouse=True)
def _two_factor_on(two_factor_on):
    pass


@pytest.fixture
def signed_in(client, make_staff):
    user = make_staff("editor", "Administrators")
    user.is_staff = True  # Django's own admin too
    user.save(update_fields=["is_staff"])
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    assert client.post("/admin/two-factor/", {"code": twofactor.current_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    return client


def test_a_get_of_the_sign_out_address_only_asks_and_changes_nothing(signed_in):
    session_key = signed_in.session.session_key

    response = signed_in.get("/admin/logout/")

    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert django_settings.SESSION_COOKIE_NAME not in response.cookies
    assert signed_in.session.session_key == session_key
    assert signed_in.get("/admin/").status_code == 200


def test_signing_out_by_post_ends_the_whole_session_and_the_second_step_with_it(signed_in, client):
    from django.contrib.sessions.models import Session

    old_key = signed_in.session.session_key

    response = signed_in.post("/admin/logout/")

    assert response["Location"] == "/admin/login/"
    assert not Session.objects.filter(session_key=old_key).exists()
    assert signed_in.get("/admin/")["Location"].startswith("/admin/login/")


def test_django_admins_sign_out_by_get_does_nothing(signed_in):
    assert signed_in.get("/django-admin/logout/").status_code == 405
    assert signed_in.get("/admin/").status_code == 200


def test_django_admins_sign_out_by_post_ends_the_whole_session(signed_in):
    from django.contrib.sessions.models import Session

    old_key = signed_in.session.session_key

    signed_in.post("/django-admin/logout/")

    assert not Session.objects.filter(session_key=old_key).exists()
    assert signed_in.get("/admin/")["Location"].startswith("/admin/login/")
