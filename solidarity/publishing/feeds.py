"""RSS 2.0 and Atom feeds of published articles, one per language and one per tag.

The language comes from the address (/en/feeds/..., /fa/feeds/...); every link is absolute,
built from the Wagtail site's root URL so that feed readers can follow it.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale, Site

from .models import ArticleIndexPage, ArticlePage

FEED_LENGTH = 30


@dataclass
class FeedSource:
    """What one feed is about: a language, perhaps a tag, and the request it is served for."""

    request: object
    site: Site
    locale: Locale
    tag: Tag | None = None
    home: object = None
    index: object = None


def article_feed_items(*, locale, tag=None, limit=FEED_LENGTH):
    """The newest live, public articles of one language (and tag), newest first."""
    articles = ArticlePage.objects.live().public().filter(locale=locale)
    if tag is not None:
        articles = articles.filter(tags=tag)
    return articles.order_by("-date", "-pk").prefetch_related("tags")[:limit]


class ArticleRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, tag=None):
        site = Site.find_for_request(request)
        if site is None:
            raise Http404("No site is configured.")
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is None:
            raise Http404("This language has no content.")
        source = FeedSource(request=request, site=site, locale=locale)
        if tag is not None:
            source.tag = Tag.objects.filter(slug=tag).first()
            if source.tag is None:
                raise Http404("No such tag.")
        home = site.root_page.specific
        source.home = home.get_translation_or_none(locale) or home
        source.index = ArticleIndexPage.objects.live().public().filter(locale=locale).first()
        return source

    def title(self, source):
        if source.tag is not None:
            return _("%(site)s: articles tagged “%(tag)s”") % {"site": source.home.title, "tag": source.tag.name}
        return source.home.title

    def description(self, source):
        if source.tag is not None:
            return _("The latest articles tagged “%(tag)s”.") % {"tag": source.tag.name}
        return _("The latest news, statements and reports.")

    subtitle = description

    def link(self, source):
        page = source.index or source.home
        url = page.get_full_url(source.request)
        if source.tag is not None and source.index is not None:
            url += "?" + urlencode({"tag": source.tag.slug})
        return url

    def feed_url(self, source):
        return source.site.root_url + source.request.path

    def feed_guid(self, source):
        return self.feed_url(source)

    def items(self, source):
        # The feed object serves every request, so each item carries its own absolute URLs.
        articles = list(article_feed_items(locale=source.locale, tag=source.tag))
        for article in articles:
            article.feed_link = article.get_full_url(source.request)
            article.feed_guid = f"tag:{source.site.hostname},{article.date.isoformat()}:article-{article.pk}"
        return articles

    def item_title(self, article):
        # Plain text: the feed writer escapes it once (Django's default escapes twice).
        return article.title

    def item_description(self, article):
        # Readers take RSS descriptions and Atom summaries (type="html") as HTML; the summary
        # is plain text, so it is escaped once here and once more by the feed writer.
        return escape(article.search_description or article.summary)

    def item_link(self, article):
        return article.feed_link

    def item_guid(self, article):
        # A tag URI (RFC 4151) of the host, the date and the page: stable when the slug changes.
        return article.feed_guid

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.datetime.combine(article.date, datetime.time()))

    def item_updateddate(self, article):
        return article.last_published_at

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response.headers["Content-Language"] = get_language()
        return response


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed


app_name = "feeds"
urlpatterns = [
    path("rss/", ArticleRssFeed(), name="rss"),
    path("atom/", ArticleAtomFeed(), name="atom"),
    path("tags/<str:tag>/rss/", ArticleRssFeed(), name="tag_rss"),
    path("tags/<str:tag>/atom/", ArticleAtomFeed(), name="tag_atom"),
]
