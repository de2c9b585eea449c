from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import translate_url

from . import services
from .models import Case
from .public import public_case

# Short pages: lighter for readers on slow, filtered connections.
PER_PAGE = 25


def _links(request, page_number=1):
    """The canonical address of this page and its address in each language."""
    path = request.path
    alternates = [{"hreflang": code, "url": request.build_absolute_uri(translate_url(path, code))}
                  for code, _name in settings.LANGUAGES]
    alternates.append({"hreflang": "x-default", "url": alternates[0]["url"]})
    # A filtered list is the same content as the plain list: the canonical address keeps only the page.
    canonical = request.build_absolute_uri(path) + (f"?page={page_number}" if page_number > 1 else "")
    return {"canonical": canonical, "alternates": alternates}


def case_list(request):
    filters = services.CaseFilters.from_params(request.GET)
    cases = services.find_public_cases(
        status=filters.status, organisation=filters.organisation, city=filters.city
    ).select_related("photo").prefetch_related("affiliations")
    page = Paginator(cases, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {
        "cases": page,
        "records": [public_case(case, with_timeline=False) for case in page],
        "filters": filters,
        "choices": services.filter_choices(),
        **_links(request, page.number),
    })


def case_detail(request, slug):
    case = get_object_or_404(
        Case.objects.public().select_related("photo").prefetch_related("affiliations", "events"), slug=slug
    )
    return render(request, "cases/case_detail.html", {"case": public_case(case), **_links(request)})
