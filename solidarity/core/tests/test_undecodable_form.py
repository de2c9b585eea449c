"""A form posted in a charset we cannot read gets a translated 400 page, never a server error."""

import re

import pytest
from django.test import Client

FORMS = ["/en/newsletter/subscribe/", "/admin/login/"]


def post_with_token(url, body, content_type, *, language=None):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    page = client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return client.generic("POST", url, b"csrfmiddlewaretoken=" + token.encode() + b"&" + body,
                          content_type=content_type, **headers)


@pytest.mark.parametrize("url", FORMS)
@pytest.mark.parametrize("charset", ["nonsense", "base64", "utf-16"])
def test_a_form_in_a_charset_we_cannot_read_gets_the_400_page(site_tree, url, charset):
    response = post_with_token(url, b"email=jane%40union.example&username=jane&password=x",
                               f"application/x-www-form-urlencoded; charset={charset}")

    assert response.status_code == 400
    assert "We could not read what your browser sent." in response.text
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", FORMS)
def test_raw_bytes_that_are_not_utf8_get_the_400_page(site_tree, url):
    response = post_with_token(url, b"email=jane%40union.example&name=Jane\xff\xfe&username=\xc3",
                               "application/x-www-form-urlencoded")

    assert response.status_code == 400


def test_the_400_page_speaks_persian_on_a_persian_form(site_tree):
    response = post_with_token("/fa/newsletter/subscribe/", b"email=a%40b.example",
                               "application/x-www-form-urlencoded; charset=nonsense")

    assert response.status_code == 400
    assert 'dir="rtl"' in response.text
    assert "نتوانستیم" in response.text


def test_a_multipart_form_in_a_charset_that_is_no_text_encoding_gets_the_400_page(site_tree):
    response = post_with_token("/en/newsletter/subscribe/", b"", "multipart/form-data; boundary=x; charset=rot13")

    assert response.status_code == 400


def test_too_many_fields_get_the_400_page_and_not_a_second_failure(site_tree):
    body = b"&".join(b"f%d=1" % number for number in range(10_050))

    response = post_with_token("/en/newsletter/subscribe/", body, "application/x-www-form-urlencoded")

    assert response.status_code == 400


def test_a_form_in_utf8_with_percent_encoded_bytes_still_reaches_the_form(site_tree):
    response = post_with_token("/en/newsletter/subscribe/", b"email=&name=Jane%FF",
                               "application/x-www-form-urlencoded; charset=UTF-8")

    assert response.status_code == 200
    assert "Please give the e-mail address" in response.text
