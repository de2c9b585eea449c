"""The dashboard: each staff member sees the work waiting for them.

Each app adds its panels in its wagtail_hooks.py (Wagtail's `construct_homepage_panels` hook)
from its own records, and only for people whose permissions let them act on it. A panel is a
heading, a few lines (text, a figure, a link) and a link to the whole list.
"""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass
class Line:
    text: str
    figure: object = ""  # a number or a short text
    url: str = ""
    note: str = ""  # e.g. the trend


class WorkPanel(Component):
    template_name = "core/admin/work_panel.html"

    def __init__(self, *, name, heading, order, lines, empty, more_url="", more_text=""):
        self.name, self.heading, self.order = name, heading, order
        self.lines, self.empty, self.more_url, self.more_text = lines, empty, more_url, more_text

    def get_context_data(self, parent_context):
        return {"panel": self}


def translations_panel(request, panels):
    """What waits for a translation in either direction, for everyone in the admin."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from . import translation_queue

    items = translation_queue.waiting_for(request.user)
    if not items:
        return
    to_persian = sum(item.needs_persian for item in items)
    url = reverse("core_translations_waiting")
    panels.append(WorkPanel(
        name="translations-waiting", heading=gettext("Waiting for translation"), order=60,
        lines=[Line(gettext("Waiting for Persian"), to_persian, url), Line(gettext("Waiting for English"),
                                                                        len(items) - to_persian, url)],
        empty=gettext("Nothing is waiting."), more_url=url, more_text=gettext("See the list"),
    ))
