"""Admin widgets and forms every app shares: many-to-many fields as a searchable list of
checkboxes instead of a Ctrl-click list, and the "create" tab of a snippet chooser (a new
organisation, event or letter made without leaving the form that needs it), each field typed in
its own direction and dates in either calendar."""

from django import forms
from django.db import models
from django.templatetags.static import static

from .admin_dates import BothCalendarsDateInput
from .i18n import direction


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes under a search box that hides what does not match; the chosen ones first."""

    template_name = "core/admin/searchable_checkboxes.html"

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        return sorted(groups, key=lambda group: not any(option["selected"] for option in group[1]))

    @property
    def media(self):
        return forms.Media(js=[static("core/checklist.js")])


def _widget_for(field):
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return BothCalendarsDateInput()
    for language in ("en", "fa"):
        if field.name.endswith(f"_{language}") and isinstance(field, (models.CharField, models.TextField)):
            widget = forms.Textarea(attrs={"rows": 3}) if isinstance(field, models.TextField) else forms.TextInput()
            widget.attrs.update(dir=direction(language), lang=language)
            return widget
    if isinstance(field, models.ManyToManyField):
        return SearchableCheckboxes()
    return None


def creation_form(model, fields):
    """A model form of `fields` for a chooser's "create" tab."""
    widgets = {name: widget for name in fields if (widget := _widget_for(model._meta.get_field(name)))}
    return forms.modelform_factory(model, fields=fields, widgets=widgets)


def install():
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.ManyToManyField, override={"widget": SearchableCheckboxes})
