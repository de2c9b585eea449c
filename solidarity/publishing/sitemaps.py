"""sitemap.xml with hreflang alternates between translations (pages and the public records that
are not pages), and robots.txt.

Both are served at the root of the host, not under a language prefix. Page addresses are
absolute, built from the Wagtail site's root URL; the whole sitemap takes a fixed number of
queries however many pages there are.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

X_DEFAULT = "x-default"
# The public lists of records that are not pages, in every language.
LIST_ADDRESSES = ("campaigns:index", "cases:list", "network:registry", "network:organisations", "network:events",
                  "network:letters", "newsletter:archive")


@dataclass
class Alternate:
    hreflang: str
    url: str


@dataclass
class SitemapEntry:
    url: str
    lastmod: object = None
    alternates: list = field(default_factory=list)


def language_codes(request=None):
    """{locale id: language code}, read once per request."""
    codes = getattr(request, "_solidarity_language_codes", None)
    if codes is None:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        if request is not None:
            request._solidarity_language_codes = codes
    return codes


def alternates_for(versions):
    """hreflang links for one page's versions, given as {language code: absolute URL}.

    Ordered as the site's languages, then x-default: the default language's version if it
    exists, otherwise the first one (a page that exists only in Persian is its own default).
    """
    order = [code for code, _name in settings.LANGUAGES]
    codes = sorted(versions, key=lambda code: order.index(code) if code in order else len(order))
    if not codes:
        return []
    alternates = [Alternate(code, versions[code]) for code in codes]
    default = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in versions else codes[0]
    alternates.append(Alternate(X_DEFAULT, versions[default]))
    return alternates


def page_alternates(page, request):
    """hreflang links between a page and its live, public translations (itself included)."""
    languages = language_codes(request)
    versions = {}
    for version in page.get_translations(inclusive=True).live().public():
        url = version.get_full_url(request)
        if url and version.locale_id in languages:
            versions[languages[version.locale_id]] = url
    return alternates_for(versions)


def sitemap_entries(request):
    """Every live, public page of the site in every language, with its translations."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    languages = language_codes(request)
    groups = defaultdict(dict)
    entries = []
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path"):
        parts = page.get_url_parts(request)
        if parts is None or parts[0] != site.pk or parts[1] is None:
            continue  # not routable on this site
        url = parts[1] + parts[2]
        lastmod = page.last_published_at or page.latest_revision_created_at
        entries.append((page.translation_key, SitemapEntry(url, lastmod.replace(microsecond=0) if lastmod else None)))
        if page.locale_id in languages:
            groups[page.translation_key][languages[page.locale_id]] = url
    entries += record_entries(site, groups)
    for key, entry in entries:
        entry.alternates = alternates_for(groups[key])
    return [entry for _key, entry in entries]


def record_entries(site, groups):
    """The public records that are not pages (campaigns, cases, the network's records, newsletter
    issues), each at its address in each language, paired with its other languages' versions
    through `groups`. Only addresses on `site`'s own root."""
    from solidarity.search.services import public_records

    entries = []
    for name in LIST_ADDRESSES:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                url = site.root_url + reverse(name)
            entries.append((name, SitemapEntry(url)))
            groups[name][code] = url
    for code, _name in settings.LANGUAGES:
        for record in public_records(code):
            url = site.root_url + record.url
            entries.append((record.key, SitemapEntry(url)))
            groups[record.key][code] = url
    return entries


@require_GET
def sitemap(request):
    return render(
        request,
        "publishing/sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )


def site_root_url(request):
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@require_GET
def robots_txt(request):
    search_paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            search_paths.append(reverse("search:results"))
    context = {"search_paths": search_paths, "sitemap_url": site_root_url(request) + reverse("publishing_sitemap")}
    return render(request, "publishing/robots.txt", context, content_type="text/plain; charset=utf-8")
