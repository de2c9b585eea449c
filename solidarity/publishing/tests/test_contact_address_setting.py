"""The site's contact address is shown on every page and written to: only one SMTP can carry."""

import pytest
from django.core.exceptions import ValidationError

from solidarity.contact.models import ContactMessage
from solidarity.publishing.models import SiteIdentity


@pytest.mark.parametrize("model, field", [(SiteIdentity, "contact_email"), (ContactMessage, "email")])
def test_an_address_with_a_hidden_character_is_refused(model, field):
    with pytest.raises(ValidationError) as refused:
        model._meta.get_field(field).clean("info@alli\u202eance.example", None)

    assert "hidden or invisible character" in str(refused.value)


def test_a_form_for_the_setting_refuses_it_and_keeps_what_was_typed(db):
    from django.forms import modelform_factory

    form = modelform_factory(SiteIdentity, fields=["contact_email"])(
        {"contact_email": "info@alli\u200bance.example"}, instance=SiteIdentity.load())

    assert not form.is_valid()
    assert "hidden or invisible character" in form.errors["contact_email"][0]
    assert form["contact_email"].value() == "info@alli\u200bance.example"
