"""Setting up an authenticator needs more than the password: a one-time link sent to the
account's address (or given by an administrator), opened while signed in."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from solidarity.core.models import EnrolmentLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factor_on(two_factor_on):
    pass


@pytest.fixture
def editor(password_only_editor):
    return password_only_editor


def code_for(key_hex):
    return f"{TOTP(bytes.fromhex(key_hex)).token():06d}"


def link_path(token):
    return f"/admin/two-factor/enrol/{token}/"


def set_up(client):
    page = client.get("/admin/two-factor/set-up/")
    assert page.status_code == 200
    return client.session["two_factor_key"]


def test_with_only_the_password_the_editor_is_offered_a_link_not_the_set_up(client, editor):
    assert client.get("/admin/pages/")["Location"] == "/admin/two-factor/?next=/admin/pages/"
    assert client.get("/admin/two-factor/?next=/admin/pages/")["Location"] == "/admin/two-factor/enrol/?next=/admin/pages/"

    offer = client.get("/admin/two-factor/enrol/")
    set_up_page = client.get("/admin/two-factor/set-up/")

    assert "Send me a set-up link" in offer.text
    assert "<svg" not in offer.text
    assert set_up_page["Location"].startswith("/admin/two-factor/enrol/")
    assert "two_factor_key" not in client.session


def test_a_code_posted_to_the_set_up_without_the_link_adds_no_authenticator(client, editor):
    client.post("/admin/two-factor/set-up/", {"code": "123456"})

    assert not TOTPDevice.objects.exists()
    assert client.get("/admin/").status_code == 302


def test_the_link_is_emailed_to_the_accounts_own_address_in_the_staff_language(client, make_staff, smtp_server):
    user = make_staff("translator", "Translators", language="fa")
    client.force_login(user)

    response = client.post("/admin/two-factor/enrol/")

    assert "We have sent a link" not in response.text  # in Persian
    (mail,) = smtp_server.messages
    assert mail["To"] == "translator@example.org"
    assert "راه‌اندازی ورود دومرحله‌ای" in mail["Subject"]
    assert re.search(r"/admin/two-factor/enrol/[\w-]+/", mail.get_content())
    assert EnrolmentLink.objects.filter(user=user).count() == 1


def test_the_emailed_link_opens_the_set_up_once_and_the_first_code_turns_it_on(client, editor, smtp_server):
    client.post("/admin/two-factor/enrol/")
    path = re.search(r"/admin/two-factor/enrol/[\w-]+/", smtp_server.messages[0].get_content()).group(0)

    assert client.get(path)["Location"] == "/admin/two-factor/set-up/"
    key = set_up(client)
    done = client.post("/admin/two-factor/set-up/", {"code": code_for(key), "next": "/admin/pages/"}, follow=True)

    assert len(re.findall(r"<code>[a-z0-9]{4}-[a-z0-9]{4}</code>", done.text)) == 10
    assert TOTPDevice.objects.get(user=editor).key == key
    assert client.get("/admin/pages/").status_code == 200
    # Used once: opening it again (or in another session) sets up nothing.
    client.force_login(editor)
    assert client.get(path).status_code == 302  # has a device now: to the code page
    TOTPDevice.objects.all().delete()
    StaticDevice.objects.all().delete()
    assert client.get(path).status_code == 403


def test_a_wrong_code_at_set_up_keeps_the_admin_closed_and_stores_nothing(client, editor):
    client.get(link_path(EnrolmentLink.issue(editor)))
    set_up(client)

    response = client.post("/admin/two-factor/set-up/", {"code": "000000"})

    assert "This code is not right" in response.text
    assert not TOTPDevice.objects.exists()
    assert client.get("/admin/").status_code == 302


def test_an_expired_link_is_refused(client, editor):
    token = EnrolmentLink.issue(editor)
    EnrolmentLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(link_path(token))

    assert response.status_code == 403
    assert "This link does not work" in response.text
    assert client.get("/admin/two-factor/set-up/").status_code == 302


def test_an_opened_link_lets_the_session_set_up_only_within_its_minutes(client, editor, settings):
    client.get(link_path(EnrolmentLink.issue(editor)))
    session = client.session
    limit = settings.TWO_FACTOR_ENROLMENT_MINUTES * 60
    session["two_factor_enrolment"]["at"] -= limit - 5
    session.save()
    assert client.get("/admin/two-factor/set-up/").status_code == 200

    session = client.session
    key = session["two_factor_key"]
    session["two_factor_enrolment"]["at"] -= 10
    session.save()
    late = client.get("/admin/two-factor/set-up/")
    late_code = client.post("/admin/two-factor/set-up/", {"code": code_for(key)})

    assert late["Location"].startswith("/admin/two-factor/enrol/")
    assert late_code["Location"].startswith("/admin/two-factor/enrol/")
    assert not TOTPDevice.objects.exists()


def test_a_tampered_link_is_refused(client, editor):
    token = EnrolmentLink.issue(editor)

    assert client.get(link_path(token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))).status_code == 403
    assert client.get("/admin/two-factor/set-up/").status_code == 302


def test_another_staff_members_link_is_refused(client, editor, make_staff):
    other = make_staff("campaigner", "Campaigners")
    token = EnrolmentLink.issue(other)

    assert client.get(link_path(token)).status_code == 403
    # ... and is not spent by the attempt.
    assert EnrolmentLink.objects.usable().filter(user=other).exists()


def test_a_link_opened_without_signing_in_asks_to_sign_in_first(client, editor):
    token = EnrolmentLink.issue(editor)
    client.logout()

    response = client.get(link_path(token))

    assert response["Location"].startswith("/admin/login/?next=/admin/two-factor/enrol/")
    assert EnrolmentLink.objects.usable().exists()


def test_asking_for_links_again_and_again_is_limited(client, editor, smtp_server):
    for _ in range(3):
        client.post("/admin/two-factor/enrol/")

    assert client.post("/admin/two-factor/enrol/").status_code == 429
    assert len(smtp_server.messages) == 3


def test_an_administrator_issues_a_link_with_a_command(client, editor):
    out = StringIO()
    call_command("issue_two_factor_link", "editor", stdout=out)

    path = re.search(r"/admin/two-factor/enrol/[\w-]+/", out.getvalue()).group(0)
    assert client.get(path)["Location"] == "/admin/two-factor/set-up/"
    assert client.get("/admin/two-factor/set-up/").status_code == 200


def test_a_passkey_cannot_be_registered_with_the_password_alone(client, editor):
    response = client.post("/admin/two-factor/passkey/registration/begin/", content_type="application/json")

    assert response.status_code == 403
    assert "otp_webauthn_register_state" not in client.session


def test_a_passkey_registration_starts_once_the_link_is_opened(client, editor, settings):
    client.get(link_path(EnrolmentLink.issue(editor)))

    response = client.post("/admin/two-factor/passkey/registration/begin/", content_type="application/json")

    assert response.status_code == 200
    assert response.json()["rp"]["id"] == settings.SITE_URL.split("://")[1].split(":")[0]
    assert "otp_webauthn_register_state" in client.session


def test_the_recovery_codes_are_shown_only_once(client, editor):
    client.get(link_path(EnrolmentLink.issue(editor)))
    key = set_up(client)
    first = client.post("/admin/two-factor/set-up/", {"code": code_for(key)}, follow=True)

    again = client.get("/admin/two-factor/recovery-codes/")

    assert len(re.findall(r"<code>[a-z0-9]{4}-[a-z0-9]{4}</code>", first.text)) == 10
    assert re.findall(r"<code>[a-z0-9]{4}-[a-z0-9]{4}</code>", again.text) == []


def verified_administrator(client, make_staff):
    from solidarity.core import twofactor

    user = make_staff("administrator", "Administrators")
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    client.post("/admin/two-factor/", {"code": twofactor.current_code(device)})
    return user


def test_an_administrator_gives_a_link_from_the_admin(client, make_staff):
    editor = make_staff("editor", "Editors")
    verified_administrator(client, make_staff)

    response = client.post("/admin/two-factor-links/", {"username": "editor"})

    path = re.search(r"/admin/two-factor/enrol/[\w-]+/", response.text).group(0)
    client.force_login(editor)
    assert client.get(path)["Location"] == "/admin/two-factor/set-up/"


def test_an_unknown_username_is_said_so_and_kept(client, make_staff):
    verified_administrator(client, make_staff)

    response = client.post("/admin/two-factor-links/", {"username": "nobody"})

    assert "There is no active staff member with this username." in response.text
    assert 'value="nobody"' in response.text
    assert not EnrolmentLink.objects.exists()


def test_only_administrators_who_gave_the_second_step_give_links(client, make_staff, editor):
    from solidarity.core import twofactor

    device = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    client.post("/admin/two-factor/", {"code": twofactor.current_code(device)})
    assert client.post("/admin/two-factor-links/", {"username": "editor"}).status_code == 403

    administrator = make_staff("administrator", "Administrators")
    client.force_login(administrator)  # the password only
    assert client.get("/admin/two-factor-links/")["Location"].startswith("/admin/two-factor/")
    assert not EnrolmentLink.objects.exists()
