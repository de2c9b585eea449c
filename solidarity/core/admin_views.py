"""The core's own admin pages: the translation queue and the manual."""

from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import mark_safe

from . import manual, translation_queue


def translations_waiting(request):
    # Wagtail requires an admin sign-in; each app lists only what this person may change.
    items = translation_queue.waiting_for(request.user)
    return TemplateResponse(request, "core/admin/translations_waiting.html", {
        "to_persian": [item for item in items if item.needs_persian],
        "to_english": [item for item in items if not item.needs_persian],
    })


def manual_page(request, language, name="index"):
    # Any staff member reads the whole manual: it holds no records.
    title, html = manual.render(language, name)
    return TemplateResponse(request, "core/admin/manual.html", {
        "title": title, "body": mark_safe(html),  # rendered with raw HTML off (core/manual.py)
        "language": language, "name": name, "pages": manual.pages(language),
        "other_language": "fa" if language == "en" else "en",
    })


def manual_image(request, language, filename):
    return FileResponse(manual.image_path(language, filename).open("rb"), content_type="image/png")


def manual_home(request):
    return redirect("core_manual_page", language=manual.language_of(translation.get_language()), name="index")
