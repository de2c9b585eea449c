"""A session that has given only the password is a visitor everywhere outside the sign-in
pages: the admin asks for the code; restricted pages, private documents and previews stay shut."""

import pytest
from django.core.files.base import ContentFile
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from solidarity.core import twofactor


@pytest.fixture(autouse=True)
def _two_factor_on(two_factor_on):
    pass


@pytest.fixture
def administrator(make_staff):
    user = make_staff("administrator", "Administrators")
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


@pytest.fixture
def password_only(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def both_steps(client, administrator):
    client.force_login(administrator)
    device = TOTPDevice.objects.get(user=administrator)
    assert client.post("/admin/two-factor/", {"code": twofactor.current_code(device)}).status_code == 302
    return client


@pytest.fixture
def members_page(site_tree):
    page = site_tree["about"]
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    return page


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return get_document_model().objects.create(
        title="Minutes", collection=collection, file=ContentFile(b"Names of contacts inside.", name="minutes.txt")
    )


def test_a_login_restricted_page_is_shut_to_a_password_only_session(password_only, members_page):
    response = password_only.get("/en/about-us/")

    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]


def test_a_login_restricted_page_opens_after_the_second_step(both_steps, members_page):
    assert "Who we are." in both_steps.get("/en/about-us/").text


def test_a_private_document_is_not_served_to_a_password_only_session(password_only, private_document):
    response = password_only.get(private_document.url)

    assert response.status_code == 302
    assert b"Names of contacts" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_a_private_document_is_served_after_the_second_step(both_steps, private_document):
    response = both_steps.get(private_document.url)

    assert response.status_code == 200
    assert b"Names of contacts" in b"".join(response.streaming_content)


def test_previews_and_drafts_are_shut_to_a_password_only_session(password_only, site_tree):
    page = site_tree["about"]

    for url in (f"/admin/pages/{page.pk}/view_draft/", f"/admin/pages/{page.pk}/edit/preview/", "/django-admin/"):
        response = password_only.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/two-factor/"), url


def test_the_front_end_sign_in_sends_a_password_only_session_to_the_second_step(client, administrator, members_page):
    from tests import STAFF_PASSWORD

    response = client.post("/en/_util/login/?next=/en/about-us/", {"username": "administrator", "password": STAFF_PASSWORD})

    assert response["Location"] == "/admin/two-factor/?next=%2Fen%2Fabout-us%2F"
    again = client.get("/en/_util/login/?next=/en/about-us/")
    assert again["Location"] == "/admin/two-factor/?next=%2Fen%2Fabout-us%2F"


def test_a_device_of_someone_else_in_the_session_does_not_count(password_only, make_staff, members_page):
    other = make_staff("campaigner", "Campaigners")
    device = TOTPDevice.objects.create(user=other, name="authenticator", confirmed=True)
    session = password_only.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    assert password_only.get("/en/about-us/").status_code == 302
    assert password_only.get("/admin/")["Location"].startswith("/admin/two-factor/")
