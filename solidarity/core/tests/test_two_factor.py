"""Staff sign in with a password and a code from an authenticator app (django-otp)."""

import time

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from solidarity.core import twofactor
from solidarity.core.models import EnrolmentLink

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factor_on(two_factor_on):
    pass


@pytest.fixture
def editor(password_only_editor):
    return password_only_editor


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)


def test_the_code_from_the_app_opens_the_admin_and_goes_where_the_editor_was_going(client, device):
    assert client.get("/admin/pages/")["Location"] == "/admin/two-factor/?next=/admin/pages/"

    response = client.post("/admin/two-factor/", {"code": twofactor.current_code(device), "next": "/admin/pages/"})

    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_code_typed_in_persian_digits_with_a_space_is_accepted(client, device):
    code = twofactor.current_code(device)
    typed = "".join("۰۱۲۳۴۵۶۷۸۹"[int(digit)] for digit in code[:3]) + " " + code[3:]

    response = client.post("/admin/two-factor/", {"code": typed})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_only_once(client, device):
    code = twofactor.current_code(device)
    assert client.post("/admin/two-factor/", {"code": code}).status_code == 302

    client.logout()
    client.force_login(device.user)
    replay = client.post("/admin/two-factor/", {"code": code})

    assert "This code is not right" in replay.text
    assert client.get("/admin/").status_code == 302


def test_a_wrong_code_is_refused_and_a_code_from_far_in_the_past_too(client, device):
    assert "This code is not right" in client.post("/admin/two-factor/", {"code": "12345"}).text
    assert "This code is not right" in client.post("/admin/two-factor/", {"code": twofactor.current_code(device, steps=-5)}).text
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_opens_the_admin_once(client, device):
    codes = twofactor.new_recovery_codes(device.user)

    assert client.post("/admin/two-factor/", {"code": codes[0].upper()}).status_code == 302
    client.logout()
    client.force_login(device.user)
    assert "This code is not right" in client.post("/admin/two-factor/", {"code": codes[0]}).text
    assert client.post("/admin/two-factor/", {"code": codes[1]}).status_code == 302


def test_a_wrong_recovery_code_costs_no_slow_hashing(client, device, settings):
    # Production's password hasher: recovery codes hashed with it cost a second or more per try.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    twofactor.new_recovery_codes(device.user)

    started = time.perf_counter()
    for _ in range(3):
        client.post("/admin/two-factor/", {"code": "abcd-efgh"})

    assert time.perf_counter() - started < 1.5


def test_after_five_wrong_codes_even_the_right_one_waits(client, device, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for _ in range(5):
        client.post("/admin/two-factor/", {"code": "000000"})

    response = client.post("/admin/two-factor/", {"code": twofactor.current_code(device)})

    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_from_one_address_are_limited_across_accounts(client, device, make_staff, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for name in ("one", "two", "three"):
        other = make_staff(name, "Editors")
        TOTPDevice.objects.create(user=other, name="authenticator", confirmed=True)
        client.force_login(other)
        client.post("/admin/two-factor/", {"code": "000000"}, REMOTE_ADDR="198.51.100.5")

    client.force_login(device.user)
    response = client.post("/admin/two-factor/", {"code": twofactor.current_code(device)}, REMOTE_ADDR="198.51.100.5")

    assert response.status_code == 429


def test_a_next_address_on_another_site_is_ignored(client, device):
    response = client.post("/admin/two-factor/", {"code": twofactor.current_code(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_a_persian_speaking_editor_is_asked_in_persian(client, make_staff):
    user = make_staff("translator", "Translators", language="fa")
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)

    response = client.get("/admin/two-factor/")

    assert 'dir="rtl"' in response.text
    assert "ورود دومرحله‌ای" in response.text


def test_signed_out_visitors_are_sent_to_the_sign_in_page(client):
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/login/")


def test_reset_two_factor_makes_the_editor_enrol_again(client, device):
    twofactor.new_recovery_codes(device.user)
    EnrolmentLink.issue(device.user)

    call_command("reset_two_factor", "editor", stdout=open("/dev/null", "w"))

    assert not TOTPDevice.objects.exists()
    assert not StaticDevice.objects.exists()
    assert not EnrolmentLink.objects.exists()
    assert client.get("/admin/")["Location"] == "/admin/two-factor/?next=/admin/"
    assert client.get("/admin/two-factor/")["Location"] == "/admin/two-factor/enrol/?next=/admin/"


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


def test_an_authenticator_set_up_before_django_otp_keeps_working(db, make_staff):
    """The data migration's conversion: a base32 secret becomes django-otp's hex key."""
    import base64
    import importlib

    migration = importlib.import_module("solidarity.core.migrations.0004_fill_otp_devices_from_two_factor_devices")
    user = make_staff("veteran", "Editors")
    secret = base64.b32encode(b"0123456789abcdefghij").decode()

    class Old:
        user_id = user.pk
        last_used_step = 0

    Old.secret = secret

    class Models:
        def get_model(self, app, name):
            if name == "TwoFactorDevice":
                return type("Manager", (), {"objects": type("Q", (), {"all": staticmethod(lambda: [Old])})})
            return TOTPDevice

    migration.fill(Models(), None)

    device = TOTPDevice.objects.get(user=user)
    assert device.bin_key == b"0123456789abcdefghij"
    assert device.verify_token(twofactor.current_code(device))


def test_a_verified_editor_makes_new_recovery_codes_and_the_old_ones_stop_working(client, device):
    old = twofactor.new_recovery_codes(device.user)
    client.post("/admin/two-factor/", {"code": twofactor.current_code(device)})

    assert "Make new recovery codes" in client.get("/admin/two-factor/recovery-codes/").text
    page = client.post("/admin/two-factor/recovery-codes/")

    import re

    new = re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4})</code>", page.text)
    assert len(new) == 10
    client.logout()
    client.force_login(device.user)
    assert "This code is not right" in client.post("/admin/two-factor/", {"code": old[0]}).text
    assert client.post("/admin/two-factor/", {"code": new[0]}).status_code == 302


def test_a_password_only_session_cannot_make_recovery_codes(client, device):
    response = client.post("/admin/two-factor/recovery-codes/")

    assert response["Location"].startswith("/admin/two-factor/?next=")
    assert not StaticDevice.objects.exists()
