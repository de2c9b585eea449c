from django.utils import translation

from solidarity.core.countries import UNSPECIFIED, country_choices, country_name, is_known
from solidarity.core.i18n import sort_key


def test_every_iso_country_is_a_choice_with_other_or_prefer_not_to_say_last():
    with translation.override("en"):
        choices = country_choices()
    codes = [code for code, _name in choices]
    assert len(codes) >= 249
    assert {"IR", "CA", "SE", "KI", "TV", "PS"} <= set(codes)
    assert choices[-1] == (UNSPECIFIED, "Other / prefer not to say")


def test_country_names_are_in_the_readers_language():
    assert country_name("IR", "fa") == "ایران"
    assert country_name("DE", "fa") == "آلمان"
    assert country_name("DE", "en") == "Germany"
    assert country_name(UNSPECIFIED, "fa") == "دیگر / ترجیح می‌دهم نگویم"


def test_an_empty_code_has_no_name_and_an_unknown_code_keeps_its_code():
    assert country_name("", "en") == ""
    assert country_name("QQ", "en") == "QQ"


def test_only_listed_codes_and_the_unspecified_one_may_be_stored():
    assert is_known("IR")
    assert is_known(UNSPECIFIED)
    assert not is_known("QQ")
    assert not is_known("")
    assert not is_known("ir")


def test_the_persian_list_follows_the_persian_alphabet_not_code_points():
    with translation.override("fa"):
        names = [name for _code, name in country_choices()[:-1]]
    # پ چ ژ گ ک ی lie after every Arabic letter in Unicode; in Persian پاکستان comes before تونس.
    assert names.index("پاکستان") < names.index("تونس")
    assert names.index("چین") < names.index("دانمارک")
    assert names.index("گرجستان") < names.index("لبنان")
    assert names.index("یونان") > names.index("هند")
    assert names == sorted(names, key=lambda name: sort_key(name, "fa"))


def test_the_english_list_sorts_without_regard_to_case():
    with translation.override("en"):
        names = [name for _code, name in country_choices()[:-1]]
    assert names.index("Afghanistan") == 0
    assert names.index("Canada") < names.index("Chile") < names.index("Denmark")
