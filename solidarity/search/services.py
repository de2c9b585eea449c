"""Site search over the live, public pages, through Wagtail's database search backend.

The backend keeps one index row per page (SQLite FTS5, or a tsvector on PostgreSQL with the
"simple" configuration). Each page type indexes `search_text`, its words folded by
`solidarity.core.text.search_document`; here the query goes through `search_terms`, the
same fold, and is handed to the backend as plain words joined by AND, so no quote or
operator typed by a reader reaches FTS5 or to_tsquery.

The index also holds drafts and private pages (Wagtail indexes every saved page); what a
reader may see is decided here, on the page table, at query time: live, without a view
restriction, in the chosen language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from solidarity.core.text import search_terms
from solidarity.publishing.models import html_text

# Characters of a query that are read; the rest is cut (and the reader is told).
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchQuery:
    text: str  # what the reader typed, cut to MAX_QUERY_LENGTH
    terms: list[str]  # the folded words that are looked up
    truncated: bool

    @classmethod
    def parse(cls, raw):
        raw = " ".join(str(raw or "").split())
        text = raw[:MAX_QUERY_LENGTH]
        return cls(text=text, terms=search_terms(text), truncated=len(raw) > MAX_QUERY_LENGTH)


def search_pages(*, query, site=None, language_code=None):
    """The live, public pages matching every word of `query` (a SearchQuery), best first.

    Only pages of `site` (its home page in any language and what lies below) when it is
    given, and only pages in `language_code` when that is given. The result is lazy: slicing
    it (as a paginator does) runs one query for the slice and one to count.
    """
    if not query.terms:
        return Page.objects.none()
    pages = Page.objects.live().public()
    if site is not None:
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).values_list("path", flat=True)
        within = Q(pk__in=[])
        for path in homes:
            within |= Q(path__startswith=path)
        pages = pages.filter(within)
    if language_code:
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is None:
            return Page.objects.none()
        pages = pages.filter(locale=locale)
    return pages.search(" ".join(query.terms), operator="and")


@dataclass
class SearchResult:
    page: Page  # the specific page (ArticlePage, StandardPage...)
    url: str
    language_code: str
    language_name: str

    @property
    def kind(self):
        article_type = getattr(self.page, "get_article_type_display", None)
        return article_type() if article_type else _("Page")

    @property
    def date(self):
        return getattr(self.page, "date", None)

    @property
    def direction(self):
        return "rtl" if self.language_code and get_language_info(self.language_code)["bidi"] else "ltr"

    @property
    def summary(self):
        # Some pages have a rich-text introduction or mission: shown as plain words.
        for name in ("summary", "search_description", "intro", "mission"):
            value = getattr(self.page, name, "")
            if value:
                return " ".join(html_text(str(value)).split())
        return ""


def describe_results(pages, *, request=None):
    """SearchResults for a slice of pages, in the same order, in a fixed number of queries.

    One query per page type for the specific pages and one for the locales, whatever the
    number of results; page URLs use the site root paths cached on the request.
    """
    pages = list(pages)
    if not pages:
        return []
    specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    names = dict(settings.LANGUAGES)
    results = []
    for page in pages:
        specific_page = specific.get(page.pk)
        if specific_page is None:  # deleted between the two queries
            continue
        code = languages.get(specific_page.locale_id, "")
        name = names.get(code) or (get_language_info(code)["name"] if code else "")
        results.append(
            SearchResult(
                page=specific_page,
                url=specific_page.get_url(request=request),
                language_code=code,
                language_name=name,
            )
        )
    return results
