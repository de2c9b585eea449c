"""Published pages as other apps may show them (the newsletter): live articles only."""

from solidarity.core.records import PublicRecord

from .models import ArticlePage


def _live_articles(language):
    return ArticlePage.objects.live().public().filter(locale__language_code=language).order_by("-date", "-pk")


def _record(article):
    return PublicRecord(pk=article.pk, title=article.title, summary=article.summary, url=article.get_url() or "")


def public_article_records(language, *, limit=200):
    """The newest live articles in `language`, for a list to choose from."""
    return [_record(article) for article in _live_articles(language)[:limit]]


def public_article_record(pk, language):
    """One live article in `language`, or None."""
    article = _live_articles(language).filter(pk=pk).first()
    return _record(article) if article else None
