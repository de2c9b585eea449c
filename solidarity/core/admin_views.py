"""The core's own admin pages: the translation queue and the manual."""

from django.template.response import TemplateResponse

from . import translation_queue


def translations_waiting(request):
    # Wagtail requires an admin sign-in; each app lists only what this person may change.
    items = translation_queue.waiting_for(request.user)
    return TemplateResponse(request, "core/admin/translations_waiting.html", {
        "to_persian": [item for item in items if item.needs_persian],
        "to_english": [item for item in items if not item.needs_persian],
    })
