import pytest
from django.core.exceptions import ValidationError
from django.db import models

from solidarity.core.forms import DeliverableEmailFormField
from solidarity.core.validators import DeliverableEmailField, validate_deliverable_email


def refusal(address):
    with pytest.raises(ValidationError) as refused:
        validate_deliverable_email(address)
    return refused.value


@pytest.mark.parametrize("address", ["worker@example.org", "a.b+c@mail.example.co.uk", "info@پیام.ir", "x@bücher.de"])
def test_addresses_smtp_can_carry_are_accepted(address):
    validate_deliverable_email(address)


@pytest.mark.parametrize(
    "hidden",
    [
        "\u202e",  # right-to-left override (Cf)
        "\u200b",  # zero-width space (Cf)
        "\x07",  # a control character (Cc)
        "\u00a0",  # no-break space (Zs)
        "\u2028",  # line separator (Zl)
        "\u2029",  # paragraph separator (Zp)
        "\ue000",  # private use (Co)
        "\u0378",  # unassigned (Cn)
    ],
)
def test_an_address_with_a_hidden_character_anywhere_is_refused_as_such(hidden):
    for address in (f"a@ex{hidden}ample.org", f"a{hidden}b@example.org"):
        error = refusal(address)
        assert error.code == "hidden_character"
        assert error.messages == ["This e-mail address contains a hidden or invisible character. Please type it again."]


def test_a_plain_space_is_reported_as_a_wrong_address_not_a_hidden_character():
    assert refusal("a@exa mple.org").code == "invalid"


def test_a_local_part_in_persian_is_refused_because_smtp_cannot_carry_it():
    assert refusal("رضا@example.org").code == "invalid"


def test_a_domain_that_cannot_be_written_in_idna_is_refused():
    # Django's own check lets this through; the IDNA codec refuses the prohibited character.
    error = refusal("a@exa\u0640\u0640mple\u2f00.org")
    assert error.code == "bad_domain"
    assert error.messages == ["The domain of this e-mail address (after the @) is not valid."]


@pytest.mark.parametrize("address", ["", "not-an-address", "a@" + "x" * 64 + ".org", "a@b@c.org"])
def test_what_is_not_an_address_at_all_is_refused(address):
    assert refusal(address).code == "invalid"


def test_the_form_field_refuses_a_hidden_character_with_a_clear_message():
    with pytest.raises(ValidationError) as refused:
        DeliverableEmailFormField().clean("a@ex\u202eample.org")
    assert "hidden or invisible character" in str(refused.value)


def test_the_form_field_drops_surrounding_spaces():
    assert DeliverableEmailFormField().clean("  worker@example.org ") == "worker@example.org"


def test_the_model_field_checks_deliverability_and_needs_no_migration():
    field = DeliverableEmailField()
    field.set_attributes_from_name("email")

    with pytest.raises(ValidationError):
        field.clean("a@ex\u202eample.org", None)
    _name, path, _args, _kwargs = field.deconstruct()
    assert path == "django.db.models.EmailField"
    assert isinstance(field.formfield(), DeliverableEmailFormField)
    assert not isinstance(models.EmailField().formfield(), DeliverableEmailFormField)
