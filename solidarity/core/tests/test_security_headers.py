import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from solidarity.publishing import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_cache")]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def assert_baseline(response):
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = directives(response)
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    # Nothing from another host, whatever the kind of resource.
    for sources in csp.values():
        assert all(source.startswith("'") or source in ("data:", "blob:") for source in sources), sources
    return csp


def test_a_public_page_allows_only_its_own_scripts_and_cannot_be_framed(client, site_tree):
    response = client.get(site_tree["home"].url)
    assert response.status_code == 200
    csp = assert_baseline(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_persian_page_and_a_missing_page_carry_the_same_headers(client, site_tree):
    assert directives(client.get(site_tree["fa_home"].url))["frame-ancestors"] == ["'none'"]
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert assert_baseline(response)["frame-ancestors"] == ["'none'"]


def test_static_files_carry_the_headers(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert_baseline(response)


def test_the_admin_runs_only_inline_scripts_that_carry_this_responses_nonce(client, site_tree, make_staff):
    article = factories.make_article(site_tree["news"], title="Solidarity message to APTUF")
    client.force_login(make_staff("editor", "Editors"))
    # The article form has inline panels (attachments) and a date picker: Wagtail's inline scripts.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    csp = assert_baseline(response)
    assert csp["frame-ancestors"] == ["'self'"]
    nonces = [source for source in csp["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-"):-1]

    soup = BeautifulSoup(response.content, "html.parser")
    inline = [
        script for script in soup.find_all("script")
        if not script.get("src") and script.get("type") in (None, "text/javascript", "module")
    ]
    assert inline, "the edit form is expected to have inline scripts"
    assert all(script.get("nonce") == nonce for script in inline), [str(s)[:120] for s in inline]

    # A fresh nonce for every response.
    again = directives(client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])))
    assert again["script-src"] != csp["script-src"]


def test_the_admin_login_page_carries_the_admin_policy(client):
    response = client.get(reverse("wagtailadmin_login"))
    csp = assert_baseline(response)
    assert re.fullmatch(r"'nonce-[\w-]+'", csp["script-src"][1])
    assert response["X-Frame-Options"] == "DENY"


def test_a_post_without_a_csrf_token_to_the_admin_login_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("wagtailadmin_login"), {"username": "editor", "password": "guess"})
    assert response.status_code == 403


def test_a_post_without_a_csrf_token_to_the_contact_form_is_refused_and_nothing_is_stored(site_tree):
    from solidarity.contact.factories import make_contact_page
    from solidarity.contact.models import ContactMessage

    contact = make_contact_page(site_tree["home"])
    client = Client(enforce_csrf_checks=True)
    assert client.get(contact.url).status_code == 200
    response = client.post(contact.url, {
        "name": "Someone", "email": "someone@example.org", "subject": "Hello", "message": "Solidarity",
    })
    assert response.status_code == 403
    assert not ContactMessage.objects.exists()
