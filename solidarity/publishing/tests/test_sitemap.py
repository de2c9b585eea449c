import datetime
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from solidarity.publishing import factories

# Wagtail caches the site's root paths; the file cache under var/ is shared with other test runs.
pytestmark = pytest.mark.usefixtures("private_cache")

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# The lists of records that are not pages (test_sitemap_records.py), in every sitemap.
LIST_SUFFIXES = ("/campaigns/", "/cases/", "/network/resolutions/", "/network/organisations/", "/network/events/",
                 "/network/letters/", "/newsletter/issues/")


def parse(content):
    return ET.fromstring(content)  # noqa: S314 (the site's own output, under test)


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    entries = {}
    for url in parse(response.content).findall(f"{SITEMAP}url"):
        entries[url.findtext(f"{SITEMAP}loc")] = {
            "lastmod": url.findtext(f"{SITEMAP}lastmod"),
            "alternates": [(link.get("hreflang"), link.get("href")) for link in url.findall(f"{XHTML}link")],
        }
    return entries


def test_sitemap_lists_every_live_page_of_both_languages_with_its_last_change(client, site_tree):
    article = factories.make_article(site_tree["news"], title="CUPE Ontario resolution", slug="cupe-ontario")
    factories.translate(article, "fa", title="قطعنامه کوپ انتاریو")

    entries = sitemap(client)

    pages = {url for url in entries if not url.endswith(LIST_SUFFIXES)}
    assert pages == {
        "http://localhost/en/",
        "http://localhost/en/about-us/",
        "http://localhost/en/our-objectives/",
        "http://localhost/en/news/",
        "http://localhost/en/news/cupe-ontario/",
        "http://localhost/fa/",
        "http://localhost/fa/news/",
        "http://localhost/fa/news/cupe-ontario/",
    }
    article.refresh_from_db()
    lastmod = datetime.datetime.fromisoformat(entries["http://localhost/en/news/cupe-ontario/"]["lastmod"])
    assert lastmod == article.last_published_at.replace(microsecond=0)


def test_sitemap_links_a_page_and_its_translation_with_hreflang(client, site_tree):
    entries = sitemap(client)

    expected = [
        ("en", "http://localhost/en/news/"),
        ("fa", "http://localhost/fa/news/"),
        ("x-default", "http://localhost/en/news/"),
    ]
    assert entries["http://localhost/en/news/"]["alternates"] == expected
    assert entries["http://localhost/fa/news/"]["alternates"] == expected


def test_a_page_without_translation_lists_only_itself(client, site_tree):
    entries = sitemap(client)

    assert entries["http://localhost/en/about-us/"]["alternates"] == [
        ("en", "http://localhost/en/about-us/"),
        ("x-default", "http://localhost/en/about-us/"),
    ]


def test_a_page_only_in_persian_is_its_own_default_at_an_encoded_address(client, site_tree):
    factories.make_standard_page(site_tree["fa_home"], title="درباره ما", slug="درباره-ما")

    entries = sitemap(client)

    address = "http://localhost/fa/" + quote("درباره-ما") + "/"
    assert entries[address]["alternates"] == [("fa", address), ("x-default", address)]


def test_a_persian_draft_translation_is_not_an_alternate(client, site_tree):
    factories.translate(site_tree["about"], "fa", title="درباره ما", publish_now=False)

    entries = sitemap(client)

    assert not any(loc.startswith("http://localhost/fa/about") for loc in entries)
    assert ("fa", "http://localhost/fa/about-us/") not in entries["http://localhost/en/about-us/"]["alternates"]


def test_sitemap_leaves_out_unpublished_and_private_pages(client, site_tree):
    news = site_tree["news"]
    factories.make_article(news, title="Published", slug="published")
    withdrawn = factories.make_article(news, title="Withdrawn", slug="withdrawn")
    withdrawn.unpublish()
    private = factories.make_article(news, title="Private", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    entries = sitemap(client)

    assert "http://localhost/en/news/published/" in entries
    assert "http://localhost/en/news/withdrawn/" not in entries
    assert "http://localhost/en/news/private/" not in entries


def test_sitemap_takes_as_many_queries_for_many_pages_as_for_few(client, site_tree):
    news = site_tree["news"]

    def count_queries():
        client.get("/sitemap.xml")  # warm Wagtail's cache of site root paths
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/sitemap.xml")
        return len(queries), len(parse(response.content))

    factories.make_article(news, title="First article", slug="first")
    few_queries, few_urls = count_queries()
    for number in range(12):
        article = factories.make_article(news, title=f"Article {number}", slug=f"article-{number}")
        factories.translate(article, "fa", title=f"مقاله {number}")
    many_queries, many_urls = count_queries()

    assert many_urls == few_urls + 24
    assert many_queries == few_queries


def test_a_title_with_a_script_tag_does_not_reach_the_sitemap_unescaped(client, site_tree):
    factories.make_article(site_tree["news"], title="<script>alert(1)</script>", slug="script-title")

    response = client.get("/sitemap.xml")

    assert b"<script" not in response.content
    assert "http://localhost/en/news/script-title/" in sitemap(client)
