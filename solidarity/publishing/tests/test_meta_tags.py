import datetime
from html.parser import HTMLParser

import pytest

from solidarity.publishing import factories

# Wagtail caches the site's root paths; the file cache under var/ is shared with other test runs.
pytestmark = pytest.mark.usefixtures("private_cache")


class HeadTags(HTMLParser):
    """The <meta> and <link> tags of a page's <head>, as a person's browser would parse them."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.in_head = [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head:
            self.meta.append(attrs)
        elif tag == "link" and self.in_head:
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False

    def content(self, key):
        values = [m["content"] for m in self.meta if key in (m.get("property"), m.get("name"))]
        return values if len(values) != 1 else values[0]

    def hreflangs(self):
        return [(link["hreflang"], link["href"]) for link in self.links if link.get("hreflang")]

    def canonical(self):
        return next(link["href"] for link in self.links if link.get("rel") == "canonical")

    def feeds(self):
        return {
            (link["type"], link["href"])
            for link in self.links
            if link.get("rel") == "alternate" and link.get("type", "").endswith("+xml")
        }


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    tags = HeadTags()
    tags.feed(response.text)
    return tags


def make_translated_article(site_tree):
    article = factories.make_article(
        site_tree["news"], title="CUPE Ontario adopts resolution 21", slug="cupe-ontario",
        date=datetime.date(2012, 5, 28), summary="Resolution No. 21 in solidarity with workers in Iran.",
        tags=["cupe"],
    )
    translation = factories.translate(article, "fa", title="قطعنامه ۲۱ کوپ انتاریو", summary="قطعنامه شماره ۲۱")
    return article, translation


def test_english_article_has_canonical_opengraph_and_twitter_tags(client, site_tree):
    make_translated_article(site_tree)

    tags = head(client, "/en/news/cupe-ontario/")

    assert tags.canonical() == "http://localhost/en/news/cupe-ontario/"
    assert tags.content("description") == "Resolution No. 21 in solidarity with workers in Iran."
    assert tags.content("og:title") == "CUPE Ontario adopts resolution 21"
    assert tags.content("og:description") == "Resolution No. 21 in solidarity with workers in Iran."
    assert tags.content("og:url") == "http://localhost/en/news/cupe-ontario/"
    assert tags.content("og:type") == "article"
    assert tags.content("og:locale") == "en_US"
    assert tags.content("og:locale:alternate") == "fa_IR"
    assert tags.content("og:site_name") == site_tree["home"].title
    assert tags.content("article:published_time") == "2012-05-28"
    assert tags.content("article:tag") == "cupe"
    assert tags.content("twitter:card") == "summary_large_image"


def test_persian_article_has_persian_tags_and_points_back_to_english(client, site_tree):
    _article, translation = make_translated_article(site_tree)

    tags = head(client, translation.url)

    persian_url = "http://localhost" + translation.url
    assert tags.canonical() == persian_url
    assert tags.content("og:title") == "قطعنامه ۲۱ کوپ انتاریو"
    assert tags.content("description") == "قطعنامه شماره ۲۱"
    assert tags.content("og:locale") == "fa_IR"
    assert tags.content("og:locale:alternate") == "en_US"
    assert tags.content("og:site_name") == site_tree["fa_home"].title
    assert tags.hreflangs() == [
        ("en", "http://localhost/en/news/cupe-ontario/"),
        ("fa", persian_url),
        ("x-default", "http://localhost/en/news/cupe-ontario/"),
    ]


def test_page_without_translation_names_only_itself_as_alternate(client, site_tree):
    tags = head(client, "/en/about-us/")

    assert tags.hreflangs() == [("en", "http://localhost/en/about-us/"), ("x-default", "http://localhost/en/about-us/")]
    assert tags.content("og:locale:alternate") == []
    assert tags.content("og:type") == "website"
    assert tags.content("article:published_time") == []


def test_draft_translation_is_not_offered_as_an_alternate(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Only English is live", slug="only-english")
    factories.translate(article, "fa", title="پیش‌نویس", publish_now=False)

    tags = head(client, "/en/news/only-english/")

    assert [hreflang for hreflang, _url in tags.hreflangs()] == ["en", "x-default"]


def test_search_description_is_preferred_to_the_summary(client, site_tree):
    article = factories.make_article(site_tree["news"], title="Statement", slug="statement", summary="The summary.")
    article.search_description = "What search engines should show."
    factories.publish(article)

    tags = head(client, "/en/news/statement/")

    assert tags.content("description") == "What search engines should show."
    assert tags.content("og:description") == "What search engines should show."


def test_filtered_article_list_is_canonical_without_its_filters_but_keeps_the_page_number(client, site_tree):
    for day in range(1, 13):
        factories.make_article(site_tree["news"], title=f"Report {day}", date=datetime.date(2012, 5, day), tags=["iran"])

    assert head(client, "/en/news/?type=news&year=2012").canonical() == "http://localhost/en/news/"
    assert head(client, "/en/news/?tag=iran&type=news&page=2").canonical() == "http://localhost/en/news/?page=2"
    assert head(client, "/en/news/?page=1").canonical() == "http://localhost/en/news/"


def test_home_page_is_described_by_its_mission_without_markup(client, site_tree):
    tags = head(client, "/fa/")

    assert tags.content("description") == "همبستگی کارگر با کارگر."
    assert tags.content("og:type") == "website"
    assert tags.canonical() == "http://localhost/fa/"


def test_pages_announce_their_feeds_in_the_head(client, site_tree):
    assert head(client, "/en/").feeds() == {
        ("application/rss+xml", "/en/feeds/rss/"),
        ("application/atom+xml", "/en/feeds/atom/"),
    }
    assert head(client, "/fa/").feeds() == {
        ("application/rss+xml", "/fa/feeds/rss/"),
        ("application/atom+xml", "/fa/feeds/atom/"),
    }


def test_article_list_filtered_by_a_tag_also_announces_that_tags_feeds(client, site_tree):
    factories.make_article(site_tree["news"], title="Bus drivers", tags=["bus-workers"])

    feeds = head(client, "/en/news/?tag=bus-workers").feeds()
    assert ("application/rss+xml", "/en/feeds/tags/bus-workers/rss/") in feeds
    assert ("application/atom+xml", "/en/feeds/tags/bus-workers/atom/") in feeds
    assert len(head(client, "/en/news/?tag=not/a-tag").feeds()) == 2


def test_a_title_with_a_script_tag_is_escaped_in_meta_tags(client, site_tree):
    title = '<script>alert("x")</script> "quoted"'
    factories.make_article(
        site_tree["news"], title=title, slug="script-title", summary='<img src=x onerror="alert(1)">', body=[]
    )

    page_head = client.get("/en/news/script-title/").text.split("</head>")[0]
    tags = head(client, "/en/news/script-title/")

    assert "<script>alert" not in page_head
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;quoted&quot;" in page_head
    assert "<img src=x" not in page_head
    assert tags.content("og:title") == title
    assert tags.content("description") == '<img src=x onerror="alert(1)">'


def test_head_tags_name_no_other_host(client, site_tree):
    make_translated_article(site_tree)

    for url in ("/en/", "/fa/", "/en/news/", "/en/news/cupe-ontario/", "/en/about-us/"):
        tags = head(client, url)
        addresses = [link["href"] for link in tags.links]
        addresses += [m["content"] for m in tags.meta if m.get("content", "").startswith(("http:", "https:", "//"))]
        assert all(address.startswith(("/", "http://localhost/")) and not address.startswith("//") for address in addresses)
