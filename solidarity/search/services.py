"""Site search over the live, public pages, through Wagtail's database search backend, and over
the public records that are not pages (campaigns, cases, the network's records, newsletter
issues), which each app offers through its own services (`searchable_records`, core/search.py).

The backend keeps one index row per page (SQLite FTS5, or a tsvector on PostgreSQL with the
"simple" configuration). Each page type indexes `search_text`, its words folded by
`solidarity.core.text.search_document`; here the query goes through `search_terms`, the
same fold, and is handed to the backend as plain words joined by AND, so no quote or
operator typed by a reader reaches FTS5 or to_tsquery.

The index also holds drafts and private pages (Wagtail indexes every saved page); what a
reader may see is decided here, on the page table, at query time: live, without a view
restriction, in the chosen language.

On SQLite the backend ranks with a correlated subquery that runs the FTS5 match once per
matching page (half a second for 400 matches); `RankedSQLitePages` asks FTS5 once instead,
on the same index tables.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from solidarity.campaigns.services.search import searchable_records as campaign_records
from solidarity.cases import services as cases
from solidarity.core.search import matching
from solidarity.core.text import html_text, search_terms
from solidarity.network import services as network
from solidarity.newsletter import services as newsletter

# Characters of a query that are read; the rest is cut (and the reader is told).
MAX_QUERY_LENGTH = 200
# Records (not pages) shown above the pages, on the first page of results.
MAX_RECORDS = 20
# Each app's public records that are not pages, in the reader's language, from its services.
RECORD_SOURCES = (campaign_records, cases.searchable_records, network.searchable_records,
                  newsletter.searchable_records)


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
    if _uses_sqlite_fts():
        return RankedSQLitePages(pages, query.terms)
    return pages.search(" ".join(query.terms), operator="and")


def public_records(language):
    """Every public record that is not a page, as the reader of `language` sees it (the sitemap
    lists them)."""
    return [record for source in RECORD_SOURCES for record in source(language)]


def search_records(*, query, language):
    """The public records (campaigns, cases, organisations, resolutions, events, letters,
    newsletter issues) holding every word of `query`, best first, at most MAX_RECORDS.

    Matched here on the words each app gives (public fields only), folded like the pages. The
    records are few (hundreds), so they are read and folded for each search rather than kept in
    an index that every save would have to follow."""
    if not query.terms:
        return []
    return matching(public_records(language), query.terms)[:MAX_RECORDS]


def _uses_sqlite_fts():
    if connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(get_search_backend(), SQLiteSearchBackend)


class RankedSQLitePages:
    """Pages matching all terms, best first, read from the backend's FTS5 table in one query.

    Behaves as a paginator needs: count() and slicing. Terms are folded words (letters and
    digits only), each quoted, so the MATCH expression holds nothing a reader typed as syntax.
    """

    # bm25 weights for the FTS5 columns (autocomplete, body, title): a title word counts more.
    WEIGHTS = (0.0, 1.0, 3.0)

    def __init__(self, pages, terms):
        self.pages = pages
        self.match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"

    def _run(self, select, tail="", params=()):
        entries = IndexEntry._meta.db_table
        fts = f"{entries}_fts"  # the FTS5 table modelsearch's migration creates
        allowed_sql, allowed_params = (
            self.pages.order_by().annotate(object_key=Cast("pk", TextField())).values("object_key").query.sql_with_params()
        )
        content_types = get_descendants_content_types_pks(Page)
        # Only table names from model metadata and our own clauses are formatted in; values are parameters.
        placeholders = ", ".join(["%s"] * len(content_types))
        sql = (
            f"SELECT {select} FROM {fts} JOIN {entries} entry ON {fts}.rowid = entry.id "  # noqa: S608
            f"WHERE {fts} MATCH %s AND entry.content_type_id IN ({placeholders}) "
            f"AND entry.object_id IN ({allowed_sql}) {tail}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match, *content_types, *allowed_params, *params])
            return cursor.fetchall()

    @cached_property
    def _count(self):
        return self._run("COUNT(*)")[0][0]

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step:
            raise TypeError("RankedSQLitePages only supports slices without a step.")
        start = index.start or 0
        limit = -1 if index.stop is None else max(index.stop - start, 0)
        fts = f"{IndexEntry._meta.db_table}_fts"
        weights = ", ".join(str(weight) for weight in self.WEIGHTS)
        rows = self._run(
            "entry.object_id",
            f"ORDER BY bm25({fts}, {weights}), CAST(entry.object_id AS INTEGER) DESC LIMIT %s OFFSET %s",
            [limit, start],
        )
        ids = [int(object_id) for (object_id,) in rows]
        pages = Page.objects.in_bulk(ids)
        return [pages[pk] for pk in ids if pk in pages]


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
