import gzip

import brotli
import pytest
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

from solidarity import urls as project_urls
from solidarity.publishing import factories

pytestmark = pytest.mark.django_db

ARTICLE_WORDS = "Workers in Iran need international solidarity. " * 60
FA_WORDS = "کارگران ایران به همبستگی بین‌المللی نیاز دارند. " * 60


def signing_form_view(request):
    # A form (a CSRF token) that repeats what the visitor sent: what BREACH needs.
    template = Template('<form method="post">{% csrf_token %}<input name="name" value="{{ name }}"></form>{{ words }}')
    return HttpResponse(template.render(RequestContext(request, {"name": request.GET.get("name", ""),
                                                                 "words": ARTICLE_WORDS})))


urlpatterns = [path("en/test-form/", signing_form_view), *project_urls.urlpatterns]


@pytest.fixture
def article(site_tree):
    return factories.make_article(site_tree["news"], title="Solidarity with bus drivers", body=[("paragraph", f"<p>{ARTICLE_WORDS}</p>")])


@pytest.fixture
def persian_article(site_tree):
    return factories.make_article(site_tree["fa_news"], title="همبستگی با رانندگان اتوبوس", body=[("paragraph", f"<p>{FA_WORDS}</p>")])


@pytest.fixture(autouse=True)
def compression_on(settings):
    settings.COMPRESS_RESPONSES = True


def test_a_page_is_sent_with_brotli_to_a_browser_that_accepts_it(client, article):
    response = client.get(article.url, headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    assert ARTICLE_WORDS in brotli.decompress(response.content).decode()


def test_a_persian_page_is_sent_with_gzip_to_a_browser_without_brotli(client, persian_article):
    plain = client.get(persian_article.url).content
    response = client.get(persian_article.url, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert int(response["Content-Length"]) < len(plain) / 3


def test_a_browser_that_accepts_no_encoding_gets_the_page_as_it_is(client, article):
    response = client.get(article.url, headers={"accept-encoding": "identity, br;q=0"})
    assert not response.has_header("Content-Encoding")
    assert ARTICLE_WORDS in response.content.decode()


def test_a_page_with_a_csrf_token_and_reflected_input_is_never_compressed(client, settings):
    settings.ROOT_URLCONF = __name__
    response = client.get("/en/test-form/?name=guess", headers={"accept-encoding": "gzip, br"})
    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content and b'value="guess"' in response.content


def test_nothing_is_compressed_when_the_proxy_compresses(client, article, settings):
    settings.COMPRESS_RESPONSES = False
    response = client.get(article.url, headers={"accept-encoding": "gzip, br"})
    assert not response.has_header("Content-Encoding")


def test_a_cached_page_is_compressed_and_revalidates_with_its_compressed_etag(client, article, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": str(tmp_path)}}
    first = client.get(article.url, headers={"accept-encoding": "br"})
    second = client.get(article.url, headers={"accept-encoding": "br"})
    assert second["X-Cache"] == "hit" and second["Content-Encoding"] == "br"
    assert second.content == first.content
    assert second["ETag"].endswith('-br"')
    again = client.get(article.url, headers={"accept-encoding": "br", "if-none-match": second["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == second["ETag"]


def test_nothing_is_compressed_for_a_signed_in_person(client, article, make_staff):
    # Staff pages hold private records and the admin's searches reflect what was typed.
    client.force_login(make_staff("editor", "Editors"))
    for address in (article.url, "/admin/"):
        response = client.get(address, headers={"accept-encoding": "gzip, br"})
        assert not response.has_header("Content-Encoding"), address
