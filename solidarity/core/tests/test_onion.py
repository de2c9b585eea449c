"""The site on its onion address: public pages name it, pages on it keep their links on it,
e-mails never carry it, and forms work over its plain HTTP."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from solidarity.core.onion import validated_onion_address
from solidarity.publishing import factories

REPO = Path(__file__).resolve().parents[3]
# A real v3 address (tor made it); the last letter changed breaks its checksum.
ONION = "ikof6ir2mmklwawrqdl5c4d4ok73qvp23ptxsalptyf4sespwn7v2hid.onion"
PUBLIC = "solidarity.example.org"
URL = re.compile(r"""(?:href|src|content|action)="(https?://[^"]+)"|<loc>(https?://[^<]+)</loc>|(https?://\S+)""")

pytestmark = pytest.mark.usefixtures("private_cache")


@pytest.fixture
def onion(settings):
    settings.ONION_ADDRESS = ONION
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, PUBLIC, ONION]
    return ONION


@pytest.fixture
def article(site_tree):
    article = factories.make_article(site_tree["news"], title="CUPE Ontario adopts resolution 21", slug="cupe-ontario",
                                     summary="Solidarity with workers in Iran.")
    article.persian = factories.translate(article, "fa", title="قطعنامه ۲۱", summary="همبستگی با کارگران ایران.")
    return article


def absolute_urls(text):
    return [next(group for group in match.groups() if group) for match in URL.finditer(text)]


@pytest.mark.parametrize("value, problem", [
    ("bad.onion", "56 characters"),
    ("j" + ONION[1:], "checksum"),
    (ONION[:-7] + "a.onion", "version byte"),
    ("http://" + ONION, "without http://"),
    (ONION.replace(".onion", ".com"), 'end in ".onion"'),
    ("IKOF6IR2MMKLWAWRQDL5C4D4OK73QVP23PTXSALPTYF4SESPWN7V2HI1.onion", "a-z and the digits 2-7"),
])
def test_a_wrong_onion_address_is_refused_with_the_reason(value, problem):
    with pytest.raises(ImproperlyConfigured, match=re.escape(problem)):
        validated_onion_address(value)


def test_an_onion_address_as_tor_wrote_it_is_accepted_and_answered_on():
    assert validated_onion_address(f" {ONION.upper()}\n") == ONION
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "solidarity.settings", "DEBUG": "true", "ONION_ADDRESS": ONION}
    shown = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; print(s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS)"],
        cwd=REPO, env=environment, capture_output=True, text=True, timeout=60,
    )
    assert ONION in shown.stdout and f"http://{ONION}" in shown.stdout

    environment["ONION_ADDRESS"] = ONION[:-7] + "x.onion"
    refused = subprocess.run([sys.executable, "manage.py", "check"], cwd=REPO, env=environment,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0 and "is not a v3 onion address" in refused.stderr


def test_every_public_html_page_names_the_same_page_on_the_onion(client, onion, article):
    page = client.get("/en/news/cupe-ontario/?utm=x&q=%D8%A2", HTTP_HOST=PUBLIC)
    persian = client.get(article.persian.url, HTTP_HOST=PUBLIC)
    feed = client.get("/en/feeds/rss/", HTTP_HOST=PUBLIC)

    assert page["Onion-Location"] == f"http://{ONION}/en/news/cupe-ontario/?utm=x&q=%D8%A2"
    assert persian["Onion-Location"].startswith(f"http://{ONION}/fa/")
    assert "Onion-Location" not in feed


def test_without_an_onion_address_no_page_names_one(client, article, settings):
    settings.ONION_ADDRESS = ""

    assert "Onion-Location" not in client.get("/en/news/cupe-ontario/")


def test_pages_on_the_onion_link_only_to_the_onion(client, onion, article):
    pages = {path: client.get(path, HTTP_HOST=ONION) for path in (
        "/en/", "/en/news/cupe-ontario/", "/en/news/", "/sitemap.xml", "/robots.txt", "/en/feeds/rss/", "/en/cases/")}

    for path, response in pages.items():
        assert response.status_code == 200, path
        assert "Onion-Location" not in response, path
        urls = absolute_urls(response.content.decode())
        ours = [url for url in urls if "localhost" in url or "testserver" in url or PUBLIC in url or ONION in url]
        assert ours, path
        assert all(url.startswith(f"http://{ONION}/") for url in ours), (path, ours)
    article_page = pages["/en/news/cupe-ontario/"].content.decode()
    assert f'<link rel="canonical" href="http://{ONION}/en/news/cupe-ontario/">' in article_page
    assert f'hreflang="fa" href="http://{ONION}/fa/' in article_page
    assert f"<loc>http://{ONION}/en/news/cupe-ontario/</loc>" in pages["/sitemap.xml"].content.decode()


def test_the_public_host_keeps_the_sites_own_address(client, onion, article):
    page = client.get("/en/news/cupe-ontario/", HTTP_HOST=PUBLIC).content.decode()

    assert '<link rel="canonical" href="http://localhost/en/news/cupe-ontario/">' in page
    assert ONION not in page


def test_an_email_asked_for_on_the_onion_carries_the_public_address(client, onion, make_staff, smtp_server, settings):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = f"https://{PUBLIC}"
    make_staff("editor", "Editors")

    response = client.post("/admin/password_reset/", {"email": "editor@example.org"}, HTTP_HOST=ONION)

    assert response.status_code == 302
    [mail] = smtp_server.messages
    assert f"https://{PUBLIC}/admin/password_reset/confirm/" in mail.get_content()
    assert ONION not in mail.as_string()


def test_the_onion_is_not_sent_to_https_and_its_cookies_work_over_plain_http(client, onion, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = True

    public = client.get("/admin/login/", HTTP_HOST=PUBLIC)
    on_onion = client.get("/admin/login/", HTTP_HOST=ONION)

    assert public.status_code == 301 and public["Location"] == f"https://{PUBLIC}/admin/login/"
    assert on_onion.status_code == 200
    assert on_onion.cookies["csrftoken"]["secure"] == ""
    secure = client.get("/admin/login/", HTTP_HOST=PUBLIC, secure=True)
    assert secure.cookies["csrftoken"]["secure"] is True


def test_each_tor_circuit_counts_as_an_address_of_its_own():
    from solidarity.core.security import hash_ip

    first, second = "fc00:dead:beef:4dad::0:1", "fc00:dead:beef:4dad::0:2"

    assert hash_ip(first) != hash_ip(second)
    assert hash_ip("2001:db8::1") == hash_ip("2001:db8::2")  # a home's /64 stays one address
