import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from solidarity.cases.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


def errors_of(instance, language="en"):
    with translation.override(language):
        try:
            instance.full_clean(exclude=["case"])
        except ValidationError as error:
            return {name: [str(message) for message in messages] for name, messages in error.message_dict.items()}
    return {}


def event(**fields):
    fields = {"kind": "arrest", "date": datetime.date(2023, 3, 12), "date_precision": "day", **fields}
    return CaseEvent(**fields)


def test_a_plain_arrest_is_valid():
    assert errors_of(event()) == {}


def test_a_bail_amount_belongs_only_on_a_release_on_bail():
    errors = errors_of(event(kind="arrest", bail_amount=Decimal(1000), bail_currency="IRR"))
    assert errors["bail_amount"] == ["A bail amount belongs only on a release on bail."]
    assert errors_of(event(kind="bail", bail_amount=Decimal(1000), bail_currency="IRR")) == {}


def test_sentence_terms_belong_only_on_a_sentence():
    errors = errors_of(event(kind="trial", prison_years=5, lashes=74))
    assert errors["prison_years"] == ["Sentence terms belong only on a sentence."]
    assert errors["lashes"] == ["Sentence terms belong only on a sentence."]
    assert errors_of(event(kind="sentence", prison_years=5, lashes=74, ban_en="Two years' ban")) == {}


def test_the_errors_are_in_persian_on_the_persian_admin():
    errors = errors_of(event(kind="arrest", prison_years=5), language="fa")
    assert errors["prison_years"] == ["شرایط حکم فقط برای رویداد صدور حکم ثبت می‌شود."]


def test_an_amount_needs_its_currency_and_a_currency_its_amount():
    assert errors_of(event(kind="bail", bail_amount=Decimal(5)))["bail_currency"] == ["Choose the currency of the amount."]
    assert errors_of(event(kind="sentence", fine_currency="toman"))["fine_amount"] == [
        "Enter the amount, or leave the currency empty."]


def test_an_event_cannot_have_happened_in_the_future_but_a_trial_can_be_announced():
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    assert "date" in errors_of(event(kind="arrest", date=next_week))
    assert errors_of(event(kind="trial", date=next_week)) == {}
    assert errors_of(event(kind="summons", date=next_week)) == {}


def test_this_year_is_not_in_the_future_even_when_only_the_year_is_known():
    later_this_year = timezone.localdate().replace(month=12, day=31)
    assert errors_of(event(kind="arrest", date=later_this_year, date_precision="year")) == {}


def test_a_date_before_1900_is_refused():
    assert errors_of(event(date=datetime.date(1023, 3, 12)))["date"] == ["This date is too early; check the year."]


def test_a_sentence_of_twelve_months_is_written_as_a_year():
    assert "prison_months" in errors_of(event(kind="sentence", prison_months=12))


def test_a_photo_is_never_shown_without_consent():
    case = Case(name_latin="Someone", show_photo=True, photo_consent=False)
    assert errors_of(case)["show_photo"] == ["A photo is only shown with the consent of the person or their family."]


def test_two_cases_with_the_same_name_get_different_addresses():
    first = Case.objects.create(name_latin="Ali Example")
    second = Case.objects.create(name_latin="Ali Example")
    assert (first.slug, second.slug) == ("ali-example", "ali-example-2")
