from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from solidarity.core.countries import country_choices, is_known
from solidarity.core.forms import DeliverableEmailFormField, LineField, TextField

from .models import (
    MESSAGE_MAX_LENGTH,
    NAME_MAX_LENGTH,
    NEWSLETTER_CONSENT_LABEL,
    ORGANISATION_MAX_LENGTH,
    Signature,
)

# Names, organisations and messages are LineFields and TextFields: hidden bidi and zero-width
# controls are removed (U+202E would print "gnp.exe" as "exe.png" in a letter to a judge),
# other control characters become spaces, and a message keeps its line breaks.
CONTROL_CHARACTERS = _("This contains characters that cannot be sent (control characters). Please remove them.")


def errors(required, **more):
    return {
        "required": required,
        "max_length": _("Please shorten this to at most %(limit_value)d characters (it has %(show_value)d)."),
        "null_characters_not_allowed": CONTROL_CHARACTERS,
        **more,
    }


EMAIL_ERRORS = errors(
    _("Please give your e-mail address: we send you a link to confirm your signature."),
    invalid=_("This does not look like an e-mail address. Please check it (for example name@example.org)."),
)


def country_options():
    return [("", _("Choose a country")), *country_choices()]


def country_field(label):
    # A text field drawn as a list and checked against the table (clean_country): a
    # ChoiceField would copy its choices for every form, a third of a signature's cost. The
    # list is made only when the form is drawn, which a successful signature never is.
    return forms.CharField(
        label=label,
        max_length=2,
        error_messages=errors(_("Please choose your country from the list.")),
        widget=forms.Select(choices=country_options),
    )


class HoneypotMixin:
    @property
    def is_honeypot_filled(self):
        return bool(self.data.get("website", "").strip())


def protest_message_field():
    """The signer's message to the targets, on campaigns with a protest action only."""
    return TextField(
        label=_("Your message to the authorities"), max_length=MESSAGE_MAX_LENGTH, required=False,
        error_messages=errors(""), widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("You may change the suggested text. It is sent with your name as you choose to show it, "
                    "your country and organisation; your e-mail address is not."),
    )


class SignatureForm(HoneypotMixin, forms.Form):
    name = LineField(
        label=_("Your name"), max_length=NAME_MAX_LENGTH,
        error_messages=errors(_("Please give your name: it is what the petition shows.")),
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    # Asked, never assumed: nothing is ticked until the signer chooses.
    name_shown = forms.ChoiceField(
        label=_("What may the authorities see of your name?"),
        choices=Signature.NameShown.choices,
        help_text=_("We send the signers' names to the authorities this campaign is addressed to; "
                    "choose what they see of yours."),
        error_messages=errors(_("Please choose what the authorities may see of your name."),
                              invalid_choice=_("Please choose one of the three ways to show your name.")),
        widget=forms.RadioSelect,
    )
    email = DeliverableEmailFormField(
        label=_("Your e-mail address"), max_length=254, error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    country = country_field(_("Your country"))
    organisation = LineField(
        label=_("Your union or organisation (optional)"), max_length=ORGANISATION_MAX_LENGTH, required=False,
        error_messages=errors(""), widget=forms.TextInput(attrs={"autocomplete": "organization", "dir": "auto"}),
    )
    wants_updates = forms.BooleanField(label=_("Send me news of this campaign"), required=False)
    wants_newsletter = forms.BooleanField(label=NEWSLETTER_CONSENT_LABEL, required=False)
    # The honeypot: hidden by CSS and announced as a field to leave empty.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    # The proof of work (pow_challenge, pow_nonce) is written into the form by the template and
    # read by the view: Django copies every declared field for each form, and in a surge each
    # field is a few per cent of a signature's cost.

    def __init__(self, *args, campaign, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        if campaign.protest_enabled:
            message = self.fields["message"] = protest_message_field()
            message.initial = campaign.translated("protest_text", language)
            message.widget.attrs.pop("maxlength", None)
            self.order_fields(["name", "name_shown", "email", "country", "organisation", "message"])

    def clean_country(self):
        return _known_country(self.cleaned_data.get("country", ""))


class _FieldsCopiedDirectly(dict):
    """A form's declared fields, copied for each form as Field.__deepcopy__ and
    Widget.__deepcopy__ copy them (the field, its widget and the widget's attributes, the error
    messages and the validators) but without copy.deepcopy's generic machinery, which was the
    largest single cost of a signature in a surge. The choices of a list are shared: they are
    a callable, made when the form is drawn."""

    def __deepcopy__(self, memo):
        return {name: _copy_field(field) for name, field in self.items()}


def _shallow(obj):
    copied = object.__new__(type(obj))
    copied.__dict__.update(obj.__dict__)
    return copied


def _copy_field(field):
    copied = _shallow(field)
    copied.widget = _shallow(field.widget)
    copied.widget.attrs = field.widget.attrs.copy()
    copied.error_messages = field.error_messages.copy()
    copied.validators = field.validators[:]
    return copied


SignatureForm.base_fields = _FieldsCopiedDirectly(SignatureForm.base_fields)


def _known_country(value):
    if not is_known(value):
        raise ValidationError(_("Please choose your country from the list."), code="invalid_choice")
    return value


class EndorsementForm(HoneypotMixin, forms.Form):
    organisation_name = LineField(
        label=_("Union or organisation"), max_length=ORGANISATION_MAX_LENGTH,
        error_messages=errors(_("Please give the name of your union or organisation.")),
        widget=forms.TextInput(attrs={"autocomplete": "organization", "dir": "auto"}),
    )
    representative_name = LineField(
        label=_("Name of its representative"), max_length=NAME_MAX_LENGTH,
        error_messages=errors(_("Please give the name of the person signing for the organisation.")),
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    representative_role = LineField(
        label=_("Role in the organisation"), max_length=NAME_MAX_LENGTH,
        error_messages=errors(_("Please give the representative's role (for example General Secretary).")),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    email = DeliverableEmailFormField(
        label=_("E-mail address"), max_length=254, error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    country = country_field(_("Country"))
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def clean_country(self):
        return _known_country(self.cleaned_data.get("country", ""))
