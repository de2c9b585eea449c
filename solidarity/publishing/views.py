"""The site's own small files: the link-preview picture of pages that have none of their own,
and the stylesheet of the colours chosen in the site identity."""

import hashlib

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Site

from solidarity.core import preview
from solidarity.core.text import html_text

from .models import SiteIdentity

# The stylesheet's address carries a digest of the colours, so browsers keep it for a year.
BRAND_CSS_MAX_AGE = 365 * 24 * 60 * 60


def brand_css_text(identity):
    colours = identity.colours()
    if not colours:
        return ""
    return ":root { " + " ".join(f"{name}: {value};" for name, value in colours.items()) + " }\n"


def brand_css_version(identity):
    text = brand_css_text(identity)
    return hashlib.sha256(text.encode()).hexdigest()[:12] if text else ""


@require_GET
def brand_css(request):
    text = brand_css_text(SiteIdentity.load())
    if not text:
        raise Http404
    response = HttpResponse(text, content_type="text/css; charset=utf-8")
    patch_cache_control(response, public=True, max_age=BRAND_CSS_MAX_AGE, immutable=True)
    return response


@require_GET
def site_preview(request):
    """The picture a link to any page without one of its own shows: the site's name and mission."""
    site = Site.find_for_request(request)
    home = site.root_page.localized.specific if site else None
    if home is None:
        raise Http404
    png = preview.cached_png(title=home.title, lines=(html_text(getattr(home, "mission", "") or ""),),
                             language=get_language(), **SiteIdentity.load(request_or_site=request).preview_colours())
    return preview.png_response(png, max_age=3600)
