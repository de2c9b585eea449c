import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from solidarity.core.forms import DeliverableEmailFormField, LineField

from .models import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, MailingList

# Control characters would break e-mail headers and have no place in a name.
LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_CHARACTERS = _("This contains characters that cannot be sent (control characters). Please remove them.")


class ListChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def list_field():
    return ListChoiceField(
        label=_("Lists"),
        queryset=MailingList.objects.filter(is_public=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def name_field():
    # Hidden bidi and zero-width characters are dropped (Persian's ZWNJ kept): core.forms.
    return LineField(
        label=_("Your name (optional)"), max_length=NAME_MAX_LENGTH, required=False,
        error_messages={
            "max_length": _("Please shorten this to at most %(limit_value)d characters (it has %(show_value)d)."),
            "null_characters_not_allowed": CONTROL_CHARACTERS,
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )


def language_field():
    return forms.ChoiceField(
        label=_("Language of our messages"), choices=settings.LANGUAGES, widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a language."),
                        "invalid_choice": _("Please choose a language.")},
    )


class NameMixin:
    def clean_name(self):
        # A control character in what was typed (a line break aimed at a mail header) is
        # refused, not quietly turned into a space.
        typed = str(self.data.get(self.add_prefix("name"), ""))
        if LINE_CONTROLS.search(typed.replace("\t", " ")):
            raise ValidationError(CONTROL_CHARACTERS, code="control_characters")
        return self.cleaned_data.get("name", "")


class SubscribeForm(NameMixin, forms.Form):
    email = DeliverableEmailFormField(
        label=_("Your e-mail address"), max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": _("Please give the e-mail address where you want to receive our mail."),
            "invalid": _("This does not look like an e-mail address. Please check it (for example name@example.org)."),
            "max_length": _("Please shorten this to at most %(limit_value)d characters (it has %(show_value)d)."),
        },
        # Addresses read left to right, even on a Persian page.
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    name = name_field()
    language = language_field()
    lists = list_field()
    # The honeypot: hidden by CSS, announced to screen readers as a field to leave empty.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_lists(self):
        lists = self.cleaned_data.get("lists")
        if not lists:
            raise ValidationError(_("Please choose at least one list."), code="required")
        return lists

    @property
    def is_honeypot_filled(self):
        return bool(self.data.get("website", "").strip())


class PreferencesForm(NameMixin, forms.Form):
    name = name_field()
    language = language_field()
    lists = list_field()
