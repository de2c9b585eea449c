"""Every way of checking a password is limited by account and by address, atomically."""

import threading
import types
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from django.contrib.auth.base_user import AbstractBaseUser

from solidarity.core.models import AttemptCounter

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 900


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(username="editor", password="right horse battery", email="e@alliance.example")


@pytest.fixture
def password_checks(monkeypatch):
    """Every password compared with a stored hash, from any thread."""
    checked = []
    original = AbstractBaseUser.check_password

    def counting(user, raw_password):
        checked.append(raw_password)
        return original(user, raw_password)

    monkeypatch.setattr(AbstractBaseUser, "check_password", counting)
    return checked


def sign_in(client, username, password, ip="203.0.113.7", url=LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_staff_member_signs_in_with_the_right_password(client, editor):
    response = sign_in(client, "editor", "right horse battery")

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_password_gets_the_usual_error(client, editor):
    response = sign_in(client, "editor", "guess")

    assert response.status_code == 200
    assert "Your username and password didn" in response.text


def test_after_too_many_failures_the_right_password_is_refused_without_being_checked(client, editor, password_checks):
    for guess in ("guess 1", "guess 2", "guess 3"):
        assert sign_in(client, "editor", guess).status_code == 200

    response = sign_in(client, "editor", "right horse battery")

    assert response.status_code == 429
    assert 890 <= int(response["Retry-After"]) <= 900
    assert "Too many failed attempts. Please wait 15 minutes and try again." in response.text
    assert "_auth_user_id" not in client.session
    assert password_checks == ["guess 1", "guess 2", "guess 3"]


def test_the_right_password_is_accepted_again_once_the_window_has_passed_and_not_a_second_before(
        client, editor, monkeypatch):
    clock = [1_800_000_000]
    monkeypatch.setattr("solidarity.core.login.time", types.SimpleNamespace(time=lambda: clock[0]))
    for guess in ("guess 1", "guess 2", "guess 3"):
        sign_in(client, "editor", guess)

    clock[0] += 899
    early = sign_in(client, "editor", "right horse battery")
    clock[0] += 1
    on_time = sign_in(client, "editor", "right horse battery")

    assert early.status_code == 429 and early["Retry-After"] == "1"
    assert on_time.status_code == 302


def test_guessing_one_username_from_many_addresses_is_still_limited(client, editor):
    for number in range(3):
        sign_in(client, "editor", "guess", ip=f"198.51.100.{number}")

    assert sign_in(client, "Editor", "right horse battery", ip="192.0.2.1").status_code == 429


def test_guessing_many_usernames_from_one_address_is_limited(client, editor):
    for username in ("alice", "bob", "carol"):
        sign_in(client, username, "guess")

    assert sign_in(client, "editor", "right horse battery").status_code == 429


def test_someone_else_can_still_sign_in_while_a_guesser_is_held_back(client, editor):
    for _ in range(3):
        sign_in(client, "mallory", "guess", ip="198.51.100.66")

    assert sign_in(client, "editor", "right horse battery", ip="192.0.2.1").status_code == 302


def test_signing_in_rightly_does_not_use_up_the_limit(client, editor):
    for _ in range(5):
        assert sign_in(client, "editor", "right horse battery").status_code == 302
        client.logout()

    assert sign_in(client, "editor", "guess").status_code == 200


def test_the_counters_hold_no_address_or_username_in_clear(client, editor):
    sign_in(client, "editor", "guess", ip="203.0.113.7")

    keys = " ".join(AttemptCounter.objects.values_list("key", flat=True))
    assert keys
    assert "203.0.113" not in keys
    assert "editor" not in keys


def test_django_admin_signs_in_through_the_same_limited_form(client):
    response = client.get("/django-admin/login/?next=/django-admin/auth/user/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fdjango-admin%2Fauth%2Fuser%2F"


def test_a_persian_speaking_editor_is_told_in_persian(client, editor):
    for _ in range(3):
        sign_in(client, "editor", "guess")

    response = client.post(LOGIN, {"username": "editor", "password": "guess"}, REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="fa")

    assert response.status_code == 429
    assert "لطفاً 15 دقیقه صبر" in response.text


def test_the_front_end_sign_in_is_limited_too(client, editor, site_tree, password_checks):
    for guess in ("guess 1", "guess 2", "guess 3"):
        assert sign_in(client, "editor", guess, url="/en/_util/login/").status_code == 200

    response = sign_in(client, "editor", "right horse battery", url="/en/_util/login/")

    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert "_auth_user_id" not in client.session
    assert len(password_checks) == 3


def test_guesses_at_the_front_end_count_against_the_admin_sign_in(client, editor, site_tree):
    for _ in range(3):
        sign_in(client, "editor", "guess", url="/en/_util/login/", ip="198.51.100.9")

    assert sign_in(client, "editor", "right horse battery").status_code == 429


def test_a_page_password_is_limited_by_page_and_address(client, site_tree):
    from wagtail.models import PageViewRestriction

    page = site_tree["about"]
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="union local 4400")
    url = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for _ in range(3):
        assert client.post(url, {"password": "guess", "return_url": "/en/about-us/"}).status_code == 200

    response = client.post(url, {"password": "union local 4400", "return_url": "/en/about-us/"})

    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert client.get("/en/about-us/").status_code == 200
    assert "union local 4400" not in client.get("/en/about-us/").text


def test_the_right_page_password_still_opens_the_page(client, site_tree):
    from wagtail.models import PageViewRestriction

    page = site_tree["about"]
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="union local 4400")
    url = f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    response = client.post(url, {"password": "union local 4400", "return_url": "/en/about-us/"})

    assert response.status_code == 302
    assert "Who we are." in client.get("/en/about-us/").text


def test_a_collection_password_is_limited_too(client, db):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Private reports")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="union local 4400"
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for _ in range(3):
        client.post(url, {"password": "guess", "return_url": "/"})

    response = client.post(url, {"password": "union local 4400", "return_url": "/"})

    assert response.status_code == 429
    assert "Too many failed attempts" in response.text


def test_twenty_simultaneous_wrong_passwords_get_at_most_the_limit_checked(committed_db, live_server, settings,
                                                                         django_user_model, password_checks):
    settings.LOGIN_FAILURE_LIMIT = 5
    django_user_model.objects.create_user("editor", "e@alliance.example", "right horse battery")
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(live_server.url + LOGIN).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    body = urllib.parse.urlencode({"username": "editor", "password": "guess", "csrfmiddlewaretoken": token}).encode()
    start = threading.Barrier(20)
    statuses = []

    def guess():
        request = urllib.request.Request(live_server.url + LOGIN, data=body, headers={
            "Cookie": f"csrftoken={token}", "Referer": live_server.url + LOGIN})
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                statuses.append(response.status)
        except urllib.error.HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == 20
    assert len(password_checks) <= 5
    assert statuses.count(429) >= 15
