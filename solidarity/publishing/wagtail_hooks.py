"""Publishing in Wagtail's admin: the pages waiting for a translation, for the translation queue."""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.models import Page

from solidarity.core import translation_queue

LANGUAGES = ("en", "fa")


def pages_waiting(user):
    """Live pages with no translation in the other language, or one that is only an alias or
    still a draft: the first are translated from their page, the others in the editor."""
    pages = Page.objects.live().filter(depth__gt=1, locale__language_code__in=LANGUAGES).select_related("locale")
    by_key = {}
    for page in Page.objects.filter(depth__gt=1, locale__language_code__in=LANGUAGES).values(
            "id", "translation_key", "locale__language_code", "live", "alias_of_id"):
        by_key[page["translation_key"], page["locale__language_code"]] = page
    items = []
    for page in pages.specific().order_by("-latest_revision_created_at")[: translation_queue.LIMIT * 2]:
        if page.alias_of_id or not page.permissions_for_user(user).can_edit():
            continue
        language = page.locale.language_code
        other = "fa" if language == "en" else "en"
        translation = by_key.get((page.translation_key, other))
        if translation is None:
            url, detail = reverse("wagtail_localize:submit_page_translation", args=[page.pk]), gettext("Not translated")
        elif translation["alias_of_id"]:
            url, detail = reverse("wagtailadmin_pages:edit", args=[translation["id"]]), gettext("A copy, not translated")
        elif not translation["live"]:
            url, detail = reverse("wagtailadmin_pages:edit", args=[translation["id"]]), gettext("Translation not published")
        else:
            continue
        items.append(translation_queue.Waiting(kind=str(page._meta.verbose_name), title=page.title, needs=other,
                                               edit_url=url, detail=detail))
    return items


hooks.register(translation_queue.HOOK, pages_waiting)
