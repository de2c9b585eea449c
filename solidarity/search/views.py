from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from wagtail.models import Site

from solidarity.core.i18n import site_language

from .services import MAX_QUERY_LENGTH, SearchQuery, describe_results, search_pages, search_records

RESULTS_PER_PAGE = 10
# Seconds a browser or proxy may keep an anonymous reader's results page.
CACHE_SECONDS = 60


def search(request):
    query = SearchQuery.parse(request.GET.get("q", ""))
    all_languages = request.GET.get("languages") == "all"
    results = page = None
    records = []
    if query.terms:
        pages = search_pages(
            query=query,
            site=Site.find_for_request(request),
            language_code=None if all_languages else get_language(),
        )
        page = Paginator(pages, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        results = describe_results(page.object_list, request=request)
        if page.number == 1:
            records = search_records(query=query, language=site_language())
    response = render(
        request,
        "search/results.html",
        {
            "query": query.text,
            "search": query,
            "all_languages": all_languages,
            "results": results,
            "records": records,
            "results_page": page,
            "max_length": MAX_QUERY_LENGTH,
        },
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, max_age=CACHE_SECONDS)
    return response
