import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from solidarity.core.forms import DeliverableEmailFormField, LineField, TextField

from .models import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH, SUBJECT_MAX_LENGTH

# Control characters have no place in a name or subject (they would break e-mail headers);
# a message may keep its line breaks and tabs.
LINE_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


CONTROL_CHARACTERS = _("This contains characters that cannot be sent (control characters). Please remove them.")


def errors(required, **more):
    return {
        "required": required,
        "max_length": _("Please shorten this to at most %(limit_value)d characters (it has %(show_value)d)."),
        "null_characters_not_allowed": CONTROL_CHARACTERS,
        **more,
    }


class ContactForm(forms.Form):
    name = LineField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        error_messages=errors(_("Please tell us your name.")),
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    email = DeliverableEmailFormField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages=errors(
            _("Please give an e-mail address so that we can reply."),
            invalid=_("This does not look like an e-mail address. Please check it (for example name@example.org)."),
        ),
        # Addresses read left to right, even on a Persian page.
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    subject = LineField(
        label=_("Subject"),
        max_length=SUBJECT_MAX_LENGTH,
        error_messages=errors(_("Please give your message a subject.")),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    message = TextField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages=errors(_("Please write your message.")),
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
    )
    # The honeypot: hidden from sight by CSS, announced to screen readers as a field to leave
    # empty. Robots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _("At most %(count)s characters.") % {"count": f"{MESSAGE_MAX_LENGTH:,}"}
        # A browser would cut a long paste at maxlength without a word; the server says so instead.
        self.fields["message"].widget.attrs.pop("maxlength", None)

    def _clean_text(self, field, pattern):
        # The fields drop hidden bidi and zero-width characters (core.forms); a control
        # character in what was typed (a line break in a name) is refused, as it was sent.
        if pattern.search(str(self.data.get(self.add_prefix(field), ""))):
            raise ValidationError(CONTROL_CHARACTERS, code="control_characters")
        return self.cleaned_data.get(field, "")

    def clean_name(self):
        return self._clean_text("name", LINE_CONTROLS)

    def clean_subject(self):
        return self._clean_text("subject", LINE_CONTROLS)

    def clean_message(self):
        return self._clean_text("message", TEXT_CONTROLS)

    @property
    def is_honeypot_filled(self):
        return bool(self.data.get("website", "").strip())
