from urllib.robotparser import RobotFileParser

import pytest

# Wagtail caches the site's root paths; the file cache under var/ is shared with other test runs.
pytestmark = pytest.mark.usefixtures("private_cache")


def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parser = RobotFileParser()
    parser.parse(response.text.splitlines())
    return parser, response.text


def test_robots_txt_lets_crawlers_read_public_pages_in_both_languages(client, site_tree):
    parser, _text = robots(client)

    for url in ("/", "/en/", "/fa/", "/en/news/cupe-ontario/", "/en/feeds/rss/", "/sitemap.xml"):
        assert parser.can_fetch("*", "http://localhost" + url), url


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_search_results(client, site_tree):
    parser, _text = robots(client)

    for url in ("/admin/", "/admin/pages/", "/django-admin/", "/en/search/?q=workers", "/fa/search/?q=کارگر"):
        assert not parser.can_fetch("*", "http://localhost" + url), url


def test_robots_txt_points_to_the_sitemap_with_an_absolute_address(client, site_tree):
    parser, text = robots(client)

    assert parser.site_maps() == ["http://localhost/sitemap.xml"]
    assert "Sitemap: http://localhost/sitemap.xml" in text.splitlines()
