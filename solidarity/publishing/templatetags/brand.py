"""The site's look as chosen in the site identity: logo, tab icon and colours."""

from django import template
from django.templatetags.static import static
from django.urls import reverse

from ..models import SiteIdentity
from ..views import brand_css_version

register = template.Library()

# The logo is drawn at most this tall in the header (twice that for sharp screens).
LOGO_HEIGHT = 40


@register.simple_tag(takes_context=True)
def site_brand(context):
    request = context.get("request")
    cached = getattr(request, "_site_brand", None)
    if cached is not None:
        return cached
    identity = SiteIdentity.load(request_or_site=request)
    brand = {"logo": None, "favicon_url": static("img/favicon.svg"), "favicon_type": "image/svg+xml", "css_url": ""}
    if identity.logo_id:
        brand["logo"] = identity.logo.get_rendition(f"height-{LOGO_HEIGHT * 2}|format-webp")
    if identity.favicon_id:
        brand["favicon_url"] = identity.favicon.get_rendition("fill-64x64|format-png").url
        brand["favicon_type"] = "image/png"
    version = brand_css_version(identity)
    if version:
        brand["css_url"] = f"{reverse('publishing_brand_css')}?v={version}"
    if request is not None:
        request._site_brand = brand
    return brand
