import pytest
from django.contrib.auth.signals import user_login_failed

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _own_cache(private_cache):
    """Failure counters start at zero in every test."""


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(username="editor", password="right horse battery", email="e@alliance.example")


def sign_in(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_staff_member_signs_in_with_the_right_password(client, editor, limits):
    response = sign_in(client, "editor", "right horse battery")

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_password_gets_the_usual_error(client, editor, limits):
    response = sign_in(client, "editor", "guess")

    assert response.status_code == 200
    assert "Your username and password didn" in response.text


def test_after_too_many_failures_the_right_password_is_refused_without_being_checked(client, editor, limits):
    for guess in ("guess 1", "guess 2", "guess 3"):
        assert sign_in(client, "editor", guess).status_code == 200
    checked = []
    user_login_failed.connect(checked.append, dispatch_uid="test-login-checked")
    try:
        response = sign_in(client, "editor", "right horse battery")
    finally:
        user_login_failed.disconnect(dispatch_uid="test-login-checked")

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many failed sign-in attempts. Please wait 15 minutes and try again." in response.text
    assert "_auth_user_id" not in client.session
    assert checked == []


def test_guessing_one_username_from_many_addresses_is_still_limited(client, editor, limits):
    for number in range(3):
        sign_in(client, "editor", "guess", ip=f"198.51.100.{number}")

    assert sign_in(client, "Editor", "right horse battery", ip="192.0.2.1").status_code == 429


def test_guessing_many_usernames_from_one_address_is_limited(client, editor, limits):
    for username in ("alice", "bob", "carol"):
        sign_in(client, username, "guess")

    assert sign_in(client, "editor", "right horse battery").status_code == 429


def test_someone_else_can_still_sign_in_while_a_guesser_is_held_back(client, editor, limits):
    for _ in range(3):
        sign_in(client, "mallory", "guess", ip="198.51.100.66")

    assert sign_in(client, "editor", "right horse battery", ip="192.0.2.1").status_code == 302


def test_django_admin_signs_in_through_the_same_limited_form(client):
    response = client.get("/django-admin/login/?next=/django-admin/auth/user/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fdjango-admin%2Fauth%2Fuser%2F"


def test_a_persian_speaking_editor_is_told_in_persian(client, editor, limits):
    for _ in range(3):
        sign_in(client, "editor", "guess")

    response = client.post(LOGIN, {"username": "editor", "password": "guess"}, REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="fa")

    assert response.status_code == 429
    assert "لطفاً 15 دقیقه صبر" in response.text
