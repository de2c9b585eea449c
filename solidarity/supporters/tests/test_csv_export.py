import csv
import io

from solidarity.supporters import csvio
from solidarity.supporters.models import Subscriber

from .conftest import make_active


def exported(queryset=None):
    text = "".join(csvio.export_rows(queryset if queryset is not None else Subscriber.objects.all()))
    return list(csv.DictReader(io.StringIO(text)))


def test_each_subscriber_is_one_row_with_lists_and_latest_consent(lists):
    subscriber = make_active("jane@union.example", name="Jane", lists=[lists["newsletter-en"], lists["branch-uk"]])
    subscriber.consents.create(source="signup form", text="We will e-mail you")

    [row] = exported()

    assert row["email"] == "jane@union.example"
    assert row["lists"] == "branch-uk;newsletter-en"
    assert row["consent_source"] == "signup form"
    assert row["status"] == "active"


def test_cells_that_a_spreadsheet_would_run_are_quoted(lists):
    make_active("a@example.org", name='=HYPERLINK("http://evil.example","click")')
    make_active("b@example.org", name="+1 555")
    make_active("c@example.org", name="@SUM(A1)")
    make_active("d@example.org", name="-2+3")

    names = sorted(row["name"] for row in exported())

    assert names == ["'+1 555", "'-2+3", "'=HYPERLINK(\"http://evil.example\",\"click\")", "'@SUM(A1)"]


def test_an_export_can_be_imported_again(lists):
    subscriber = make_active("jane@union.example", name="Jane", lists=[lists["urgent-actions"]])
    subscriber.consents.create(source="signup form", text="We will e-mail you")
    data = "".join(csvio.export_rows(Subscriber.objects.all())).encode()
    Subscriber.objects.all().delete()

    result = csvio.import_subscribers(data, filename="export.csv")

    assert (result.imported, result.refused) == (1, [])
    assert list(Subscriber.objects.get().lists.values_list("slug", flat=True)) == ["urgent-actions"]


def test_full_width_formula_signs_are_quoted_too(lists):
    make_active("a@example.org", name="＝1+1")
    make_active("b@example.org", name=" =HYPERLINK(\"http://evil.example\")")

    names = sorted(row["name"] for row in exported())

    assert names == ["' =HYPERLINK(\"http://evil.example\")", "'＝1+1"]
