"""Every way of checking a secret, probed as a guesser would, against the production server."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import PageViewRestriction

from solidarity.core import twofactor

PASSWORD = "a long right horse battery"  # noqa: S105
LIMIT = 5  # LOGIN_FAILURE_LIMIT in production unless an operator sets it


@pytest.fixture
def staff(committed_db, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor", "editor@alliance.example")
    # Hashed the way production hashes (the test settings use a fast hasher it does not know).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def statuses(responses):
    return [response.status_code for response in responses]


def test_guessing_a_staff_password_is_refused_after_five_failures_on_every_sign_in_form(production_server, staff,
                                                                                         site_tree):
    for number, path in enumerate(("/admin/login/", "/en/_util/login/", "/fa/_util/login/")):
        guesser = production_server.visitor(ip=f"203.0.113.{number}")
        answers = [guesser.form_post(path, {"username": f"editor{number}", "password": "guess"})
                   for _ in range(LIMIT + 2)]
        assert statuses(answers) == [200] * LIMIT + [429, 429], path
        assert answers[-1].headers["Retry-After"]

    # The account is held back from any address once it has had its five failures.
    guesses = production_server.visitor(ip="203.0.113.50")
    for _ in range(LIMIT):
        assert guesses.form_post("/en/_util/login/", {"username": "editor", "password": "guess"}).status_code == 200
    owner = production_server.visitor(ip="192.0.2.99")
    assert owner.form_post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code == 429


def test_twenty_simultaneous_wrong_passwords_are_checked_at_most_five_times(production_server, staff):
    guesser = production_server.visitor(ip="203.0.113.77")
    guesser.get("/admin/login/")

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(
            lambda number: guesser.post("/admin/login/", {"username": "editor", "password": f"guess {number}"}),
            range(20),
        ))

    checked = [answer for answer in answers if answer.status_code != 429]
    assert len(checked) <= LIMIT, statuses(answers)
    assert all(answer.status_code == 200 for answer in checked)


def test_a_page_password_and_password_reset_are_limited_too(production_server, site_tree):
    restriction = PageViewRestriction.objects.create(
        page=site_tree["about"], restriction_type=PageViewRestriction.PASSWORD, password="members only"
    )
    path = f"/en/_util/authenticate_with_password/{restriction.pk}/{site_tree['about'].pk}/"
    guesser = production_server.visitor(ip="203.0.113.20")
    guesser.get("/en/about-us/")
    answers = [guesser.post(path, {"password": "guess", "return_url": "/en/about-us/"}) for _ in range(LIMIT + 1)]
    assert statuses(answers)[-1] == 429, statuses(answers)
    assert statuses(answers).count(200) == LIMIT

    asker = production_server.visitor(ip="203.0.113.21")
    answers = [asker.form_post("/admin/password_reset/", {"email": f"someone{number}@example.org"})
               for number in range(6)]
    assert 429 in statuses(answers), statuses(answers)


def test_a_password_only_session_guessing_codes_is_refused_after_five_wrong_codes(production_server, staff):
    device = TOTPDevice.objects.create(user=staff, name="authenticator", confirmed=True)
    intruder = production_server.visitor(ip="203.0.113.30")
    assert intruder.form_post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code == 302
    assert intruder.get("/admin/pages/").headers["Location"].startswith("/admin/two-factor/")

    wrong = f"{(int(twofactor.current_code(device)) + 500_000) % 1_000_000:06d}"
    answers = [intruder.form_post("/admin/two-factor/", {"code": wrong}) for _ in range(LIMIT + 1)]

    assert statuses(answers) == [200] * LIMIT + [429]
    # The right code now waits too, and the password alone still opens nothing.
    assert intruder.post("/admin/two-factor/", {"code": twofactor.current_code(device)}).status_code == 429
    assert intruder.get("/admin/pages/").status_code == 302


def test_a_password_only_session_cannot_enrol_its_own_authenticator(production_server, staff):
    intruder = production_server.visitor(ip="203.0.113.31")
    assert intruder.form_post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code == 302

    setup = intruder.get("/admin/two-factor/set-up/")

    assert setup.status_code in (302, 403)
    assert "secret" not in setup.text.lower()
    assert not TOTPDevice.objects.filter(user=staff).exists()
