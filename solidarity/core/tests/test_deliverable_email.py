import pytest
from django.core.exceptions import ValidationError

from solidarity.core.forms import DeliverableEmailFormField
from solidarity.core.validators import validate_deliverable_email


@pytest.mark.parametrize("address", ["worker@example.org", "a.b+c@mail.example.co.uk", "info@پیام.ir", "x@bücher.de"])
def test_addresses_smtp_can_carry_are_accepted(address):
    validate_deliverable_email(address)


@pytest.mark.parametrize(
    "address",
    [
        "a@ex\u202eample.org",  # a right-to-left override inside the domain
        "a\u200b@example.org",  # a zero-width space in the local part
        "a@example\u2066.org",
        "a@exa mple.org",
        "a@example.org\n",
        "ali\u0640@example.org",
        "رضا@example.org",  # SMTP without SMTPUTF8 cannot carry a non-ASCII local part
        "a@" + "x" * 64 + ".org",  # a label longer than 63
        "",
    ],
)
def test_addresses_smtp_cannot_carry_are_refused(address):
    with pytest.raises(ValidationError):
        validate_deliverable_email(address)


def test_the_form_field_refuses_a_hidden_character_with_a_clear_message():
    with pytest.raises(ValidationError) as refused:
        DeliverableEmailFormField().clean("a@ex\u202eample.org")
    assert "hidden or invisible character" in str(refused.value)


def test_the_form_field_drops_surrounding_spaces():
    assert DeliverableEmailFormField().clean("  worker@example.org ") == "worker@example.org"
