from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, translate_url
from django.utils.text import Truncator
from django.utils.translation import get_language
from wagtail.models import Site

from solidarity.core import preview
from solidarity.core.share import absolute_url
from solidarity.publishing.models import SiteIdentity

from . import services
from .models import Case
from .public import public_case

# Short pages: lighter for readers on slow, filtered connections.
PER_PAGE = 25


def _links(request, page_number=1):
    """The canonical address of this page and its address in each language."""
    path = request.path
    alternates = [{"hreflang": code, "url": absolute_url(request, translate_url(path, code))}
                  for code, _name in settings.LANGUAGES]
    alternates.append({"hreflang": "x-default", "url": alternates[0]["url"]})
    # A filtered list is the same content as the plain list: the canonical address keeps only the page.
    canonical = absolute_url(request, path) + (f"?page={page_number}" if page_number > 1 else "")
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
    record = public_case(case)
    return render(request, "cases/case_detail.html", {"case": record, "preview": _preview(request, record),
                                                      **_links(request)})


def _preview(request, record):
    """A link preview of the case: the photo when it may be shown, or one drawn with the name and status."""
    if record.photo is not None:
        image = record.photo.get_rendition("fill-1200x630|format-jpeg|jpegquality-80").url
        image_alt = record.photo_alt
    else:
        image, image_alt = reverse("cases:preview", args=[record.slug]), record.name
    return {"title": str(record.name), "description": Truncator(" ".join(record.summary.split())).chars(300),
            "image": image, "image_alt": image_alt}


def case_preview(request, slug):
    """The case's drawn link-preview picture: name and public status, at an address that stays the same."""
    record = public_case(get_object_or_404(Case.objects.public(), slug=slug), with_timeline=False)
    site = Site.find_for_request(request)
    png = preview.cached_png(
        title=str(record.name), lines=(record.status_label, record.occupation), language=get_language(),
        footer=site.root_page.localized.title if site else "",
        **SiteIdentity.load(request_or_site=request).preview_colours(),
    )
    return preview.png_response(png)
