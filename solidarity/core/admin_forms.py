"""Admin widgets and forms every app shares: many-to-many fields as a chooser that searches on
the server and renders only what is chosen (core/admin_choosers.py), and the "create" tab of a
snippet chooser (a new organisation, event or letter made without leaving the form that needs
it; its own records, such as a letter's sender, chosen by searching), each field typed in its own direction and dates in either calendar."""

from django import forms
from django.db import models

from .admin_choosers import ChooseOne, chooser_for, is_choosable
from .admin_dates import BothCalendarsDateInput
from .i18n import direction


def _widget_for(field):
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return BothCalendarsDateInput()
    for language in ("en", "fa"):
        if field.name.endswith(f"_{language}") and isinstance(field, (models.CharField, models.TextField)):
            widget = forms.Textarea(attrs={"rows": 3}) if isinstance(field, models.TextField) else forms.TextInput()
            widget.attrs.update(dir=direction(language), lang=language)
            return widget
    if isinstance(field, models.ManyToManyField):
        return chooser_for(field)["widget"]
    # Not Wagtail's chooser: the form is already in a chooser's modal.
    if isinstance(field, models.ForeignKey) and is_choosable(field.related_model):
        return ChooseOne(field)
    return None


def creation_form(model, fields):
    """A model form of `fields` for a chooser's "create" tab."""
    widgets = {name: widget for name in fields if (widget := _widget_for(model._meta.get_field(name)))}
    return forms.modelform_factory(model, fields=fields, widgets=widgets)


def install():
    from wagtail.admin.forms.models import register_form_field_override

    # A callable: each field's chooser searches its own records (ParentalManyToManyField too).
    register_form_field_override(models.ManyToManyField, override=chooser_for)
