"""The timeline as a formset of the case's admin form, checked as a whole."""

from modelcluster.forms import BaseChildFormSet

from .timeline import check_timeline

NEEDED = ("kind", "date", "date_precision")


class TimelineFormSet(BaseChildFormSet):
    """The events of a case, refused with each message next to the event it is about when
    they cannot all be right together (see `check_timeline`). Warnings are left to the status
    panel: they never stop a save."""

    def clean(self):
        super().clean()
        forms = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", None) or {}
            # An event whose own date or kind is wrong is already explained; the rest are checked.
            if not all(data.get(name) for name in NEEDED):
                continue
            if self.can_order and data.get("ORDER") is not None:
                # The order the editor gave decides between overlapping dates, as on the saved case.
                form.instance.sort_order = data["ORDER"]
            forms.append(form)
        by_event = {id(form.instance): form for form in forms}
        for problem in check_timeline([form.instance for form in forms]):
            if problem.is_error:
                by_event[id(problem.event)].add_error(problem.field, problem.message)
