import datetime
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.translation import override
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from solidarity.publishing import factories
from solidarity.publishing.models import ArticlePage

# Wagtail caches the site's root paths; the file cache under var/ is shared with other test runs.
pytestmark = pytest.mark.usefixtures("private_cache")

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(content):
    return ET.fromstring(content)  # noqa: S314 (the site's own output, under test)


def make_draft(index, *, title, tags=()):
    # As the admin makes it: a page that was never published, with one revision.
    draft = ArticlePage(title=title, slug="draft", date=datetime.date(2012, 5, 28), summary=title, body=[], live=False)
    index.add_child(instance=draft)
    draft.tags.add(*tags)
    draft.save_revision()
    return draft


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    rss = parse(response.content)
    return rss.find("channel"), rss.findall("channel/item")


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def rss_titles(client, url):
    return [item.findtext("title") for item in rss_items(client, url)[1]]


def atom_titles(client, url):
    return [entry.findtext(f"{ATOM}title") for entry in atom_entries(client, url)[1]]


def test_english_rss_feed_lists_published_english_articles_newest_first(client, site_tree):
    news = site_tree["news"]
    factories.make_article(news, title="Older statement", date=datetime.date(2008, 1, 14))
    newest = factories.make_article(news, title="Newest report", date=datetime.date(2012, 5, 28))
    factories.make_article(news, title="Middle interview", date=datetime.date(2010, 3, 1))
    factories.translate(newest, "fa", title="گزارش تازه")

    assert rss_titles(client, "/en/feeds/rss/") == ["Newest report", "Middle interview", "Older statement"]
    assert atom_titles(client, "/en/feeds/atom/") == ["Newest report", "Middle interview", "Older statement"]


def test_persian_feeds_are_in_persian_and_list_only_persian_articles(client, site_tree):
    news = site_tree["news"]
    english_only = factories.make_article(news, title="Only in English", date=datetime.date(2012, 6, 1))
    translated = factories.make_article(news, title="CUPE Ontario resolution", date=datetime.date(2012, 5, 28))
    factories.translate(translated, "fa", title="قطعنامه کوپ انتاریو", summary="خلاصه به فارسی")

    channel, items = rss_items(client, "/fa/feeds/rss/")
    assert channel.findtext("language") == "fa"
    assert channel.findtext("title") == site_tree["fa_home"].title
    assert channel.findtext("description") == "تازه‌ترین اخبار، بیانیه‌ها و گزارش‌ها."
    assert [item.findtext("title") for item in items] == ["قطعنامه کوپ انتاریو"]
    assert items[0].findtext("description") == "خلاصه به فارسی"
    assert english_only.title not in client.get("/fa/feeds/rss/").text

    feed, entries = atom_entries(client, "/fa/feeds/atom/")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fa"
    assert feed.findtext(f"{ATOM}title") == site_tree["fa_home"].title
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["قطعنامه کوپ انتاریو"]
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://localhost/fa/")


def test_english_feed_says_it_is_in_english(client, site_tree):
    channel, _items = rss_items(client, "/en/feeds/rss/")

    assert channel.findtext("language") == "en"
    assert channel.findtext("title") == site_tree["home"].title
    assert channel.findtext("link") == "http://localhost/en/news/"


def test_feed_item_has_absolute_link_summary_date_and_a_unique_id(client, site_tree):
    news = site_tree["news"]
    first = factories.make_article(
        news, title="Solidarity message to APTUF", slug="aptuf-message", date=datetime.date(2008, 1, 14),
        summary="The alliance could not send a representative to Mumbai.", article_type="letter",
    )
    second = factories.make_article(news, title="Second article", date=datetime.date(2008, 1, 14))

    _channel, items = rss_items(client, "/en/feeds/rss/")

    item = next(item for item in items if item.findtext("title") == first.title)
    assert item.findtext("link") == "http://localhost/en/news/aptuf-message/"
    assert item.findtext("description") == "The alliance could not send a representative to Mumbai."
    assert item.findtext("pubDate").startswith("Mon, 14 Jan 2008")
    guids = [element.findtext("guid") for element in items]
    assert len(set(guids)) == 2
    assert item.find("guid").get("isPermaLink") == "false"
    assert str(first.pk) in item.findtext("guid") and str(second.pk) not in item.findtext("guid")

    _feed, entries = atom_entries(client, "/en/feeds/atom/")
    entry = next(entry for entry in entries if entry.findtext(f"{ATOM}title") == first.title)
    assert entry.find(f"{ATOM}link").get("href") == "http://localhost/en/news/aptuf-message/"
    assert entry.findtext(f"{ATOM}summary") == "The alliance could not send a representative to Mumbai."
    assert entry.findtext(f"{ATOM}published").startswith("2008-01-14")
    assert entry.findtext(f"{ATOM}id") == item.findtext("guid")


def test_tag_feed_lists_only_articles_with_that_tag(client, site_tree):
    news = site_tree["news"]
    factories.make_article(news, title="Bus drivers jailed", tags=["tehran-bus-workers"])
    factories.make_article(news, title="Teachers protest", tags=["teachers"])
    factories.make_article(news, title="Bus drivers released", tags=["tehran-bus-workers", "teachers"],
                           date=datetime.date(2013, 1, 1))

    assert rss_titles(client, "/en/feeds/tags/tehran-bus-workers/rss/") == ["Bus drivers released", "Bus drivers jailed"]
    assert atom_titles(client, "/en/feeds/tags/teachers/atom/") == ["Bus drivers released", "Teachers protest"]
    channel, _items = rss_items(client, "/en/feeds/tags/teachers/rss/")
    assert "teachers" in channel.findtext("title")
    assert channel.findtext("link") == "http://localhost/en/news/?tag=teachers"


def test_tag_feed_in_persian_lists_only_persian_articles_with_that_tag(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Bus drivers jailed", tags=["tehran-bus-workers"])
    factories.translate(article, "fa", title="رانندگان زندانی")

    assert rss_titles(client, "/fa/feeds/tags/tehran-bus-workers/rss/") == ["رانندگان زندانی"]


def test_feed_of_a_tag_that_does_not_exist_is_not_found(client, site_tree):
    assert client.get("/en/feeds/tags/no-such-tag/rss/").status_code == 404
    assert client.get("/en/feeds/tags/no-such-tag/atom/").status_code == 404


def test_drafts_unpublished_and_private_articles_never_appear_in_feeds(client, site_tree):
    news = site_tree["news"]
    factories.make_article(news, title="Published article", tags=["iran"])
    make_draft(news, title="Draft article", tags=["iran"])
    withdrawn = factories.make_article(news, title="Withdrawn article", tags=["iran"])
    withdrawn.unpublish()
    private = factories.make_article(news, title="Private article", tags=["iran"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    published_in_english = factories.make_article(news, title="Has a Persian draft")
    factories.translate(published_in_english, "fa", title="پیش‌نویس فارسی", publish_now=False)

    assert rss_titles(client, "/en/feeds/rss/") == ["Has a Persian draft", "Published article"]
    assert atom_titles(client, "/en/feeds/atom/") == ["Has a Persian draft", "Published article"]
    assert rss_titles(client, "/en/feeds/tags/iran/rss/") == ["Published article"]
    assert rss_titles(client, "/fa/feeds/rss/") == []


def test_a_title_with_a_script_tag_is_escaped_in_feeds(client, site_tree):
    title = '<script>alert("x")</script> Workers & unions'
    factories.make_article(site_tree["news"], title=title, slug="script-title", summary="<b>bold</b> claim")

    for url in ("/en/feeds/rss/", "/en/feeds/atom/"):
        response = client.get(url)
        assert b"<script>" not in response.content
        assert b"<b>" not in response.content
        assert b"&lt;script&gt;" in response.content

    assert rss_titles(client, "/en/feeds/rss/") == [title]
    assert atom_titles(client, "/en/feeds/atom/") == [title]
    # Descriptions are HTML to feed readers: the summary's text arrives as text, not markup.
    _channel, items = rss_items(client, "/en/feeds/rss/")
    assert items[0].findtext("description") == "&lt;b&gt;bold&lt;/b&gt; claim"
    _feed, entries = atom_entries(client, "/en/feeds/atom/")
    assert entries[0].find(f"{ATOM}summary").get("type") == "html"
    assert entries[0].findtext(f"{ATOM}summary") == "&lt;b&gt;bold&lt;/b&gt; claim"


def test_feed_of_a_persian_tag_is_found_at_its_encoded_address(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Jailed activists", tags=["jailed"])
    translation = factories.translate(article, "fa", title="فعالان زندانی")
    translation.tags.add("فعالان زندانی")
    factories.publish(translation)
    slug = Tag.objects.get(name="فعالان زندانی").slug
    assert slug == "فعالان-زندانی"

    with override("fa"):
        address = reverse("feeds:tag_atom", kwargs={"tag": slug})

    assert address == "/fa/feeds/tags/" + quote(slug) + "/atom/"
    assert atom_titles(client, address) == ["فعالان زندانی"]
