import pytest

from solidarity.supporters import csvio
from solidarity.supporters.models import Consent, StaffAction, Subscriber, Suppression, erased_key

from .conftest import make_active

HEADER = "email,name,language,lists,consent_source,consent_date,consent_text\n"
CONSENT = "paper form at the CUPE Ontario convention,2012-05-25,I want to receive the alliance's newsletter"


def rows(*lines):
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def test_rows_with_consent_are_imported_as_active_subscribers_with_their_consent(lists):
    result = csvio.import_subscribers(rows(
        f"jane@union.example,Jane Worker,en,newsletter-en;urgent-actions,{CONSENT}",
        f"Ali@Example.org,علی رضایی,fa,,{CONSENT}",
    ), filename="convention.csv")

    assert (result.imported, result.updated, result.refused, result.fatal) == (2, 0, [], "")
    jane = Subscriber.objects.get(email="jane@union.example")
    assert jane.status == "active" and jane.name == "Jane Worker"
    assert sorted(jane.lists.values_list("slug", flat=True)) == ["newsletter-en", "urgent-actions"]
    [consent] = jane.consents.all()
    assert consent.source == "csv import:convention.csv: paper form at the CUPE Ontario convention"
    assert consent.created_at.date().isoformat() == "2012-05-25"
    assert consent.text == "I want to receive the alliance's newsletter"
    ali = Subscriber.objects.get(email="ali@example.org")
    assert (ali.name, ali.language) == ("علی رضایی", "fa")
    assert list(ali.lists.values_list("slug", flat=True)) == ["newsletter-fa"]  # no lists: the newsletter
    assert StaffAction.objects.get().detail == "convention.csv: 2 new, 0 updated, 0 refused"


def test_bad_rows_are_refused_one_by_one_with_a_reason_and_the_others_imported(lists):
    Suppression.objects.create(email_key="unsubscribed@example.org", reason="unsubscribed")
    Suppression.objects.create(email_key="bounced@example.org", reason="bounced")
    Suppression.objects.create(email_key=erased_key("erased@example.org"), reason="erased")

    result = csvio.import_subscribers(rows(
        f"good@example.org,Good,en,newsletter-en,{CONSENT}",             # 2
        "noconsent@example.org,No Consent,en,newsletter-en,,,",           # 3
        "nodate@example.org,,en,,staff,,I agree",                           # 4
        f"not-an-address,,en,,{CONSENT}",                                   # 5
        f"Unsubscribed@Example.org,,en,,{CONSENT}",                         # 6
        f"bounced@example.org,,en,,{CONSENT}",                              # 7
        f"erased@example.org,,en,,{CONSENT}",                               # 8
        f"GOOD@example.org,Twice,en,,{CONSENT}",                            # 9
        f"list@example.org,,en,no-such-list,{CONSENT}",                     # 10
        f"lang@example.org,,de,,{CONSENT}",                                 # 11
        "future@example.org,,en,,staff,2999-01-01,I agree",                 # 12
        "baddate@example.org,,en,,staff,last spring,I agree",               # 13
        "",                                                                 # blank lines are skipped
        f"=cmd@example.org,,en,,{CONSENT}",                                 # 15
    ), filename="mixed.csv")

    assert result.imported == 2  # "=cmd@..." is a valid address; exports quote it (see test_csv_export)
    reasons = {refused.row: refused.reason for refused in result.refused}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    assert reasons[3].startswith("No record of consent")
    assert reasons[4].startswith("No record of consent")
    assert reasons[5] == "This is not a valid e-mail address."
    assert "unsubscribed" in reasons[6]
    assert "bounced" in reasons[7]
    assert "erase" in reasons[8]
    assert reasons[9] == "This address is already on row 2 of the file."
    assert reasons[10] == "Unknown list: no-such-list."
    assert "Unknown language" in reasons[11]
    assert reasons[12] == "The consent date is in the future."
    assert "YYYY-MM-DD" in reasons[13]
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"good@example.org", "=cmd@example.org"}


def test_the_reasons_are_given_in_persian_to_persian_staff(lists):
    from django.utils import translation

    with translation.override("fa"):
        result = csvio.import_subscribers(rows("noconsent@example.org,,en,,,,"), filename="x.csv")

    [refused] = result.refused
    assert refused.reason.startswith("رضایت")
    assert "consent_source" in refused.reason  # column names stay as they are written in the file


def test_an_existing_subscriber_gains_lists_and_a_consent_record(lists):
    subscriber = make_active("jane@union.example", lists=[lists["newsletter-en"]])

    result = csvio.import_subscribers(rows(f"jane@union.example,Jane,en,branch-uk,{CONSENT}"), filename="uk.csv")

    assert (result.imported, result.updated) == (0, 1)
    assert sorted(subscriber.lists.values_list("slug", flat=True)) == ["branch-uk", "newsletter-en"]
    assert subscriber.consents.count() == 1


def test_a_latin1_file_is_read_and_staff_are_told(lists):
    data = rows(f"jose@example.org,José Müller,en,,{CONSENT}").decode().encode("latin-1")

    result = csvio.import_subscribers(data, filename="latin1.csv")

    assert result.imported == 1
    assert Subscriber.objects.get().name == "José Müller"
    assert "not UTF-8" in result.notices[0]


def test_a_utf16_file_from_a_spreadsheet_is_read(lists):
    data = rows(f"ali@example.org,علی رضایی,fa,,{CONSENT}").decode().replace(",", "\t").encode("utf-16")

    result = csvio.import_subscribers(data, filename="excel.csv")

    assert result.imported == 1
    assert Subscriber.objects.get().name == "علی رضایی"


def test_a_semicolon_separated_file_is_read(lists):
    data = rows(f"ali@example.org;Ali;fa;newsletter-fa;{CONSENT.replace(',', ';')}").decode().replace(
        "email,name,language,lists,consent_source,consent_date,consent_text", "email;name;language;lists;consent_source;consent_date;consent_text").encode()

    result = csvio.import_subscribers(data, filename="semicolons.csv")

    assert (result.imported, result.refused) == (1, [])


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is empty."),
    (b"email,name\njane@union.example,Jane\n", "Columns missing: consent_source, consent_date, consent_text"),
    (b"\x00\x01\x02\x03PK\x03\x04" * 10, "binary data"),
])
def test_a_file_that_cannot_be_imported_imports_nothing(lists, data, message):
    result = csvio.import_subscribers(data, filename="bad.csv")

    assert message in result.fatal
    assert not Subscriber.objects.exists()


def test_a_huge_file_is_refused_before_it_is_read(lists, monkeypatch):
    monkeypatch.setattr(csvio, "MAX_BYTES", 1000)

    result = csvio.import_subscribers(rows(*[f"p{n}@example.org,,en,,{CONSENT}" for n in range(50)]), filename="big.csv")

    assert "larger than" in result.fatal
    assert not Subscriber.objects.exists()


def test_a_failure_while_writing_leaves_nothing_half_imported(lists, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Consent.objects, "bulk_create", broken)

    with pytest.raises(RuntimeError):
        csvio.import_subscribers(rows(*[f"p{n}@example.org,,en,,{CONSENT}" for n in range(5)]), filename="x.csv")

    assert not Subscriber.objects.exists()


def test_ten_thousand_rows_import_in_one_go(lists, django_assert_max_num_queries):
    data = rows(*[f"person{n}@example.org,Person {n},{'fa' if n % 2 else 'en'},,{CONSENT}" for n in range(10_000)])

    with django_assert_max_num_queries(400):
        result = csvio.import_subscribers(data, filename="many.csv")

    assert (result.imported, result.refused) == (10_000, [])
    assert Consent.objects.count() == 10_000


def test_rows_whose_address_smtp_cannot_carry_are_refused_each_with_its_reason(lists):
    result = csvio.import_subscribers(rows(
        f"first@example.org,First,en,,{CONSENT}",                          # 2
        f"a@ex\u202eample.org,Hidden,en,,{CONSENT}",                       # 3
        f"bücher@example.org,,en,,{CONSENT}",                              # 4
        f"name@example.org,Jane\u2067 Worker,en,,{CONSENT}",               # 5
        f"sara@example.org,سارا می\u200cخواهد,fa,,{CONSENT}",              # 6
        f"last@example.org,Last,en,,{CONSENT}",                            # 7
    ), filename="poisoned.csv")

    reasons = {refused.row: refused.reason for refused in result.refused}
    assert sorted(reasons) == [3, 4, 5]
    assert "hidden or invisible character" in reasons[3]
    assert reasons[4] == "This is not a valid e-mail address."
    assert "hidden characters" in reasons[5]
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "first@example.org", "sara@example.org", "last@example.org"}
    assert Subscriber.objects.get(email="sara@example.org").name == "سارا می\u200cخواهد"
