"""Staff sign in with a password and a code from an authenticator app."""

import re

import pytest
from django.core.management import call_command

from solidarity.core import totp
from solidarity.core.models import TwoFactorDevice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_on(settings, private_cache):
    settings.STAFF_TWO_FACTOR = True


@pytest.fixture
def editor(client, make_staff):
    user = make_staff("editor", "Editors")
    client.force_login(user)
    return user


@pytest.fixture
def device(editor):
    return TwoFactorDevice.objects.create(user=editor, secret=totp.new_secret())


def now_code(device, steps=0):
    return totp.code_at(device.secret, totp.current_step() + steps)


def test_an_editor_with_only_a_password_is_taken_to_set_up_an_authenticator(client, editor):
    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/set-up/?next=/admin/pages/"
    assert client.get("/django-admin/").status_code == 302


def test_setting_up_shows_a_qr_code_and_the_key_then_ten_recovery_codes_once(client, editor):
    page = client.get("/admin/two-factor/set-up/?next=/admin/pages/")
    assert "<svg" in page.text
    secret = client.session["two_factor_secret"]
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page.text

    done = client.post(
        "/admin/two-factor/set-up/", {"code": totp.code_at(secret, totp.current_step()), "next": "/admin/pages/"}
    )

    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done.text)
    assert len(codes) == 10
    assert TwoFactorDevice.objects.get(user=editor).secret == secret
    assert "two_factor_secret" not in client.session
    assert client.get("/admin/pages/").status_code == 200
    # Shown once: the set-up page now sends the editor to the code page.
    assert client.get("/admin/two-factor/set-up/").status_code == 302


def test_a_wrong_code_at_set_up_keeps_the_admin_closed_and_says_why(client, editor):
    client.get("/admin/two-factor/set-up/")

    response = client.post("/admin/two-factor/set-up/", {"code": "000000"})

    assert "This code is not right" in response.text
    assert not TwoFactorDevice.objects.exists()
    assert client.get("/admin/").status_code == 302


def test_the_code_from_the_app_opens_the_admin_and_goes_where_the_editor_was_going(client, device):
    assert client.get("/admin/pages/")["Location"] == "/admin/two-factor/?next=/admin/pages/"

    response = client.post("/admin/two-factor/", {"code": now_code(device), "next": "/admin/pages/"})

    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_code_typed_in_persian_digits_with_a_space_is_accepted(client, device):
    code = now_code(device)
    typed = "".join("۰۱۲۳۴۵۶۷۸۹"[int(digit)] for digit in code[:3]) + " " + code[3:]

    response = client.post("/admin/two-factor/", {"code": typed})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_only_once(client, device, make_staff):
    code = now_code(device)
    assert client.post("/admin/two-factor/", {"code": code}).status_code == 302

    client.logout()
    client.force_login(device.user)
    replay = client.post("/admin/two-factor/", {"code": code})

    assert "This code is not right" in replay.text
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_is_refused_and_a_code_from_far_in_the_past_too(client, device):
    assert "This code is not right" in client.post("/admin/two-factor/", {"code": "12345"}).text
    assert "This code is not right" in client.post("/admin/two-factor/", {"code": now_code(device, -5)}).text
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_opens_the_admin_once(client, device):
    codes = device.new_recovery_codes()

    assert client.post("/admin/two-factor/", {"code": codes[0].upper()}).status_code == 302
    client.logout()
    client.force_login(device.user)
    assert "This code is not right" in client.post("/admin/two-factor/", {"code": codes[0]}).text
    assert client.post("/admin/two-factor/", {"code": codes[1]}).status_code == 302


def test_after_five_wrong_codes_even_the_right_one_waits(client, device):
    for _ in range(5):
        client.post("/admin/two-factor/", {"code": "000000"})

    response = client.post("/admin/two-factor/", {"code": now_code(device)})

    assert response.status_code == 429
    assert "Too many wrong codes" in response.text
    assert client.get("/admin/").status_code == 302


def test_a_next_address_on_another_site_is_ignored(client, device):
    response = client.post("/admin/two-factor/", {"code": now_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_a_persian_speaking_editor_is_asked_in_persian(client, make_staff):
    user = make_staff("translator", "Translators", language="fa")
    TwoFactorDevice.objects.create(user=user, secret=totp.new_secret())
    client.force_login(user)

    response = client.get("/admin/two-factor/")

    assert 'dir="rtl"' in response.text
    assert "ورود دومرحله‌ای" in response.text


def test_signed_out_visitors_are_sent_to_the_sign_in_page(client):
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")


def test_reset_two_factor_makes_the_editor_set_up_again(client, device):
    device.new_recovery_codes()

    call_command("reset_two_factor", "editor", stdout=open("/dev/null", "w"))

    assert not TwoFactorDevice.objects.exists()
    assert not device.user.recovery_codes.exists()
    assert client.get("/admin/")["Location"] == "/admin/two-factor/set-up/?next=/admin/"


def test_with_two_factor_off_the_password_is_enough(client, editor, settings):
    settings.STAFF_TWO_FACTOR = False

    assert client.get("/admin/").status_code == 200


def test_production_settings_turn_two_factor_on_by_default():
    import subprocess
    import sys

    script = "import os; os.environ.pop('STAFF_TWO_FACTOR', None); os.environ['DEBUG']='false'; " \
             "os.environ['SECRET_KEY']='x'*50; import solidarity.settings as s; print(s.STAFF_TWO_FACTOR)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "True"


def test_the_icons_and_interface_strings_of_the_code_page_load_before_the_code_is_given(client, editor):
    # The admin's script puts the icon sprite into the page: a redirect there would put a
    # second copy of the form into it.
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200
