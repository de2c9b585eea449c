from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page in the language of the current request (looked up once per request:
    the header, the menu and the title all ask for it)."""
    request = context.get("request")
    if request is None:
        return None
    language = get_language()
    cached = getattr(request, "_locale_home", None)
    if cached is None or cached[0] != language:
        site = Site.find_for_request(request)
        cached = (language, site.root_page.localized.specific if site else None)
        request._locale_home = cached
    return cached[1]


@register.simple_tag(takes_context=True)
def menu_pages(context):
    home = locale_home(context)
    if home is None:
        return []
    return home.get_children().live().public().in_menu()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages, or a note that it is not translated."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = None
        if page is not None and getattr(page, "locale_id", None):
            locale = Locale.objects.filter(language_code=code).first()
            translation = page.get_translation_or_none(locale) if locale else None
            if translation is not None and translation.live:
                url = translation.url
        elif page is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url})
    return {"links": links, "request": request}
