"""What a page tells search engines, feed readers and link previews: the tags in <head>."""

from django import template
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.fields import RichTextField

from solidarity.core.share import absolute_url

from ..models import ArticleIndexPage, ArticlePage
from ..sitemaps import X_DEFAULT, Alternate, alternates_for, language_codes, page_alternates
from .navigation import locale_home

register = template.Library()

# OpenGraph names a language with its usual country.
OG_LOCALES = {"en": "en_US", "fa": "fa_IR"}
DESCRIPTION_LENGTH = 300


def page_description(page):
    for name in ("search_description", "summary", "intro", "mission"):
        text = str(getattr(page, name, "") or "")
        # Rich text loses its markup; plain text is kept as typed and escaped where shown.
        if text and isinstance(page._meta.get_field(name), RichTextField):
            text = strip_tags(text)
        if text.strip():
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
    return ""


def canonical_url(page, request, context):
    url = page.get_full_url(request)
    # A filtered list is the same content as the plain list; only the page number is kept.
    if url and isinstance(page, ArticleIndexPage):
        number = getattr(context.get("articles"), "number", 1)
        if number > 1:
            url += f"?page={number}"
    return url


def feed_links(site_name, tag=""):
    feeds = [
        {"type": "application/rss+xml", "title": _("%(site)s (RSS)") % {"site": site_name}, "url": reverse("feeds:rss")},
        {"type": "application/atom+xml", "title": _("%(site)s (Atom)") % {"site": site_name}, "url": reverse("feeds:atom")},
    ]
    # The tag comes from the address; only a tag that exists gets its feeds announced.
    if tag and Tag.objects.filter(slug=tag).exists():
        names = {"site": site_name, "tag": tag}
        feeds += [
            {"type": "application/rss+xml", "title": _("%(site)s: tagged “%(tag)s” (RSS)") % names,
             "url": reverse("feeds:tag_rss", kwargs={"tag": tag})},
            {"type": "application/atom+xml", "title": _("%(site)s: tagged “%(tag)s” (Atom)") % names,
             "url": reverse("feeds:tag_atom", kwargs={"tag": tag})},
        ]
    return feeds


def list_tag(page, context):
    if isinstance(page, ArticleIndexPage):
        return (context.get("filters") or {}).get("tag", "")
    return ""


def view_alternates(request):
    """hreflang links for an address outside the page tree (campaigns, cases, the network):
    the same address in each language."""
    from django.conf import settings
    from django.urls import translate_url

    path = request.path
    return alternates_for({code: absolute_url(request, translate_url(path, code)) for code, _name in settings.LANGUAGES})


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Every tag a link preview or a search engine reads. A view outside the page tree may pass
    `preview` (title, description, image, image_alt, canonical, og_type) and `canonical`,
    `alternates`; a page says it all itself."""
    request = context.get("request")
    page = context.get("page")
    preview = context.get("preview") or {}
    home = locale_home(context) if request is not None else None
    site_name = home.title if home is not None else context.get("SITE_NAME", "")
    language = get_language()
    meta = {
        "site_name": site_name,
        "og_type": "website",
        "og_locale": OG_LOCALES.get(language, language),
        "og_locale_alternates": [],
        "feeds": feed_links(site_name, list_tag(page, context)),
        "twitter_card": "summary",
    }
    if request is None:
        return meta
    if page is not None and getattr(page, "locale_id", None) is not None:
        language = language_codes(request).get(page.locale_id, language)
        alternates = page_alternates(page, request)
        meta.update(
            title=page.seo_title or page.title,
            description=page_description(page),
            canonical=canonical_url(page, request, context),
        )
        if isinstance(page, ArticlePage):
            meta.update(
                og_type="article",
                published_time=page.date.isoformat(),
                modified_time=page.last_published_at.isoformat() if page.last_published_at else "",
                tags=[tag.name for tag in page.tags.all()],
            )
    else:
        alternates = context.get("alternates") or view_alternates(request)
        meta.update(
            title=context.get("title") or site_name,
            description=page_description(home) if home is not None else "",
            canonical=context.get("canonical") or absolute_url(request, request.path),
        )
    meta.update({key: value for key, value in preview.items() if value})
    alternates = [Alternate(**a) if isinstance(a, dict) else a for a in alternates]
    image = absolute_url(request, meta.get("image") or reverse("publishing_preview"))
    meta.update(
        alternates=alternates,
        og_locale=OG_LOCALES.get(language, language),
        og_locale_alternates=[
            OG_LOCALES.get(alternate.hreflang, alternate.hreflang)
            for alternate in alternates
            if alternate.hreflang not in (X_DEFAULT, language)
        ],
        image=image,
        canonical=absolute_url(request, meta["canonical"]) if meta.get("canonical") else "",
        image_alt=meta.get("image_alt") or meta["title"],
        twitter_card="summary_large_image",
    )
    return meta
