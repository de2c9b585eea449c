"""Validators for what people type, shared by every form and model.

An e-mail address is only worth storing if our mail server can carry it: a domain that cannot
be written in IDNA, or an address with a hidden bidi or zero-width character, would be stored,
acknowledged, and then fail in the middle of a batch of other people's mail.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

_django_email = EmailValidator()
# Controls, format characters (bidi, zero-width), spaces and separators of every kind, private
# and unassigned code points.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"})


def validate_deliverable_email(value):
    """Refuses an address that SMTP without extensions cannot carry.

    The local part must be ASCII (our mail server speaks no SMTPUTF8); the domain may be
    international but must encode in IDNA; no control, format (bidi, zero-width) or space
    character anywhere.
    """
    value = str(value)
    for ch in value:
        # A plain space is visible: the address is simply not one (Django's message below).
        if ch != " " and unicodedata.category(ch) in HIDDEN_CATEGORIES:
            raise ValidationError(
                _("This e-mail address contains a hidden or invisible character. Please type it again."),
                code="hidden_character",
            )
    _django_email(value)
    # Django refuses a local part that is not ASCII (SMTP without SMTPUTF8 cannot carry it).
    domain = value.rpartition("@")[2]
    try:
        # Python's IDNA codec also refuses empty and over-long labels.
        domain.encode("idna")
    except UnicodeError:
        raise ValidationError(_("The domain of this e-mail address (after the @) is not valid."),
                              code="bad_domain") from None


class DeliverableEmailField(models.EmailField):
    """An EmailField that only stores addresses our mail server can carry (see above)."""

    default_validators = [validate_deliverable_email]

    def deconstruct(self):
        # Validators are not part of the schema: migrations see a plain EmailField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.EmailField", args, kwargs

    def formfield(self, **kwargs):
        from .forms import DeliverableEmailFormField

        return super().formfield(**{"form_class": DeliverableEmailFormField, **kwargs})
