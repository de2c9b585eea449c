"""Cases in Wagtail's admin: the person, what may be published, and the timeline on one form."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView

from solidarity.core import translation_queue
from solidarity.core.admin_choosers import chooser_filterset
from solidarity.core.admin_dates import BothCalendarsDateInput, CalendarOfDateSelect
from solidarity.core.admin_panels import Line, WorkPanel
from solidarity.core.bilingual import english_panel, field_pair, persian_panel
from solidarity.core.permissions import StaffSnippetViewSet

from .forms import TimelineFormSet
from .models import Case, Status


class TimelinePanel(InlinePanel):
    """The events inline, validated together by `TimelineFormSet`."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = TimelineFormSet
        return options


def timeline_panels():
    """The event's own panels, its date typed in either calendar down to a year or a month, and
    the calendar that month or year is in, which follows what is typed."""
    from .models import CaseEvent

    _date_row, *rest = CaseEvent.panels
    return [FieldRowPanel([FieldPanel("kind"), FieldPanel("date", widget=BothCalendarsDateInput(partial=True)),
                           FieldPanel("date_precision"), FieldPanel("date_calendar", widget=CalendarOfDateSelect())]),
            *rest]


def in_both_languages(status):
    labels = {}
    for language in ("en", "fa"):
        with translation.override(language):
            labels[language] = str(Status(status).label)
    return labels


class DerivedStatusPanel(Panel):
    """The statuses the timeline gives, read-only, in English and Persian: the staff one from
    every event and the one the public page shows, from the public events only. They are
    those of the case as last saved, with the points the checks ask the editor to look at."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cases/admin/derived_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            case = self.instance
            saved = bool(case and case.pk)
            context["saved"] = saved
            if saved:
                stored = Case.objects.get(pk=case.pk)
                context |= {
                    "status": in_both_languages(stored.status),
                    "public_status": in_both_languages(stored.public_status),
                    "is_public": stored.is_public,
                    "warnings": [problem for problem in stored.check_timeline() if not problem.is_error],
                }
            return context


class TimelineMessagesMixin:
    """After a save (the admin goes back to the list): the status the timeline gives and what
    the checks ask the editor to look at, so that neither waits for the case to be reopened."""

    def save_action(self):
        response = super().save_action()
        if not self.expects_json_response:
            case = Case.objects.get(pk=self.object.pk)
            edit = [messages.button(self.get_edit_url(), gettext("Edit the case"))]
            messages.info(self.request, gettext(
                "%(case)s: status for staff “%(status)s”, on the public page “%(public_status)s”."
            ) % {"case": case, "status": case.get_status_display(), "public_status": case.get_public_status_display()})
            for problem in case.check_timeline():
                if not problem.is_error:
                    messages.warning(self.request, gettext("%(case)s, %(event)s: %(problem)s") % {
                        "case": case, "event": problem.event.describe(), "problem": problem.message,
                    }, buttons=edit)
        return response


class CaseCreateView(TimelineMessagesMixin, CreateView):
    pass


class CaseEditView(TimelineMessagesMixin, EditView):
    pass


def _status_panel():
    return DerivedStatusPanel(heading=_("Current status as saved"))


class CaseViewSet(StaffSnippetViewSet):
    model = Case
    add_view_class = CaseCreateView
    edit_view_class = CaseEditView
    icon = "user"
    menu_label = _("Cases")
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name_latin", "name_fa", "status", "public_status", BooleanColumn("is_public", label=_("Public")),
                    "updated_at"]
    # Organisations are searched for in the filter, not listed (there are thousands).
    filterset_class = chooser_filterset(Case, ["status", "public_status", "is_public", "affiliations"],
                                        choose=["affiliations"])
    search_fields = ["name_latin", "name_fa", "slug", "city_en", "city_fa", "occupation_en", "occupation_fa"]
    edit_handler = TabbedInterface([
        ObjectList([
            FieldRowPanel([english_panel("name_latin"), persian_panel("name_fa")], heading=_("Name")),
            FieldPanel("slug"),
            field_pair("occupation", _("Occupation")),
            FieldPanel("affiliations"),
            field_pair("affiliations_text", _("Other affiliations")),
            field_pair("city", _("City")),
            field_pair("summary", _("Summary"), multiline=True),
            MultiFieldPanel([FieldPanel("photo"), field_pair("photo_alt", _("Photo description")), FieldPanel("photo_consent")],
                            heading=_("Photo")),
        ], heading=_("Person")),
        ObjectList([
            _status_panel(),
            TimelinePanel("events", heading=_("Timeline"), label=_("Event"), panels=timeline_panels()),
        ], heading=_("Timeline")),
        ObjectList([
            _status_panel(),
            FieldPanel("is_public"),
            FieldPanel("show_occupation"),
            FieldPanel("show_affiliations"),
            FieldPanel("show_city"),
            FieldPanel("show_photo"),
            FieldPanel("show_event_details"),
        ], heading=_("What is public")),
    ])


register_snippet(CaseViewSet)


@hooks.register(translation_queue.HOOK)
def cases_translations_waiting(user):
    if not user.has_perm("cases.change_case"):
        return []
    from .models import CaseEvent

    items = translation_queue.paired_records_waiting(Case.objects.all(), edit_url=translation_queue.snippet_edit_url)
    # An event is translated in its case's form.
    return items + translation_queue.paired_records_waiting(
        CaseEvent.objects.select_related("case"), edit_url=lambda event: translation_queue.snippet_edit_url(event.case),
        title=lambda event: f"{event.case} · {event}")


@hooks.register("construct_homepage_panels")
def cases_homepage_panel(request, panels):
    if not request.user.has_perm("cases.change_case"):
        return
    # A released person or a death in custody needs no follow-up every month.
    quiet = Case.objects.filter(updated_at__lt=timezone.now() - datetime.timedelta(days=30)).exclude(
        status__in=[Status.RELEASED, Status.DECEASED]).order_by("updated_at")
    panels.append(WorkPanel(
        name="quiet-cases", heading=gettext("Cases without an update in 30 days"), order=40,
        lines=[Line(str(case), date_format(timezone.localtime(case.updated_at), "SHORT_DATE_FORMAT"),
                    translation_queue.snippet_edit_url(case), case.get_status_display())
               for case in quiet[:8]],
        empty=gettext("Every case has been updated in the last 30 days."),
        more_url=reverse(Case.snippet_viewset.get_url_name("list")) + "?ordering=updated_at",
        more_text=format_lazy("{} ({})", gettext("All cases"), Case.objects.count()),
    ))
