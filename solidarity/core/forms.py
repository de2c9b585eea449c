"""Form fields shared by every app's forms: text as a person meant it, addresses we can mail."""

from django import forms

from .text import clean_line, clean_text
from .validators import validate_deliverable_email


class LineField(forms.CharField):
    """One line of text (a name, a subject, a city) without hidden bidi or zero-width controls."""

    def to_python(self, value):
        return clean_line(super().to_python(value))


class TextField(forms.CharField):
    """Several lines of text (a message), without hidden bidi or zero-width controls."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


class DeliverableEmailFormField(forms.EmailField):
    """An e-mail address our mail server can carry (solidarity.core.validators)."""

    default_validators = [validate_deliverable_email]

    def to_python(self, value):
        # Surrounding spaces and a pasted line break are not part of the address.
        return super().to_python(value).strip()
