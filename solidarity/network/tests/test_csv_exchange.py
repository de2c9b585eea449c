import csv
import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.network import csvio
from solidarity.network.models import Organisation, Resolution

pytestmark = pytest.mark.django_db

HEADER = "name_en,name_fa,acronym_en,acronym_fa,kind,country,city_en,city_fa,parent,website,relationship\n"


@pytest.fixture
def coordinator(client):
    user = User.objects.create_superuser("coordinator", "c@example.org", "pw")
    client.force_login(user)
    return user


def upload(client, kind, text):
    return client.post("/admin/network/csv/", {
        "kind": kind, "file": SimpleUploadedFile(f"{kind}.csv", text.encode("utf-8"), content_type="text/csv"),
    })


def test_organisations_import_with_parents_named_on_earlier_rows():
    result = csvio.import_organisations(HEADER + (
        "Canadian Union of Public Employees,اتحادیه کارکنان خدمات عمومی کانادا,CUPE,,union,CA,Ottawa,,,https://cupe.ca/,partner\n"
        "CUPE Ontario,کوپ انتاریو,,,union,ca,Toronto,,Canadian Union of Public Employees,,partner\n"
        "CUPE Local 4400,,,,local,CA,Toronto,,CUPE Ontario,,\n"
    ))
    assert result.ok, result.errors
    assert result.created == 3
    local = Organisation.objects.get(name_en="CUPE Local 4400")
    assert [o.name_en for o in local.ancestors()] == ["CUPE Ontario", "Canadian Union of Public Employees"]
    assert local.relationship == Organisation.Relationship.OTHER
    assert Organisation.objects.get(name_en="CUPE Ontario").country == "CA"


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row_and_column():
    result = csvio.import_organisations(HEADER + (
        "Good Union,,,,union,CA,,,,,\n"
        "Bad Kind Union,,,,guild,CA,,,,,\n"
        ",,,,union,CA,,,,,\n"
        "Lost Branch,,,,local,XX,,,Nobody Union,,\n"
        "Bad Site,,,,union,,,,,not a url,\n"
    ))
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "kind"), (4, "name_en"), (5, "country"), (5, "parent"), (6, "website")
    ]
    assert "guild" in result.errors[0].message
    assert "Nobody Union" in result.errors[3].message
    assert not Organisation.objects.exists()
    assert result.created == 0


def test_a_file_missing_columns_is_refused_as_a_whole():
    result = csvio.import_organisations("name_en,kind\nA,union\n")
    assert [(e.row, e.column) for e in result.errors] == [(1, "name_fa, acronym_en, acronym_fa, country, city_en, "
                                                           "city_fa, parent, website, relationship")]


def test_exported_organisations_import_again_as_updates_without_private_notes(make_org):
    cupe = make_org("CUPE", country="CA", notes="PRIVATE", contacts="secret@example.org")
    make_org("CUPE Ontario", parent=cupe, name_fa="کوپ انتاریو")
    exported = csvio.export_organisations()
    assert "PRIVATE" not in exported and "secret@example.org" not in exported
    assert "CUPE Ontario,کوپ انتاریو,,,union,,,,CUPE," in exported
    result = csvio.import_organisations(exported.replace("کوپ انتاریو", "کوپ استان انتاریو"))
    assert result.ok and (result.created, result.updated) == (0, 2)
    assert Organisation.objects.get(name_en="CUPE Ontario").name_fa == "کوپ استان انتاریو"
    assert Organisation.objects.get(name_en="CUPE").notes == "PRIVATE"


def test_resolutions_round_trip_with_clauses_in_order(resolution_21):
    exported = csvio.export_resolutions()
    Resolution.objects.all().delete()
    result = csvio.import_resolutions(exported)
    assert result.ok, result.errors
    resolution = Resolution.objects.get()
    assert resolution.number == "21" and resolution.date == datetime.date(2012, 5, 26)
    assert resolution.event.title_en == "49th Annual CUPE Ontario Convention"
    assert sorted(o.name_en for o in resolution.submitted_by.all()) == ["CUPE Local 4400",
                                                                        "International Solidarity Committee"]
    assert [c.text_en[:20] for c in resolution.commitments] == ["Condemn the persecut", "Work with independen",
                                                                 "Take a clear stand a"]
    assert len(resolution.considerations) == 4


def test_resolution_rows_with_problems_are_reported_and_nothing_is_written(make_org):
    make_org("Union A", country="CA")
    header = ",".join(csvio.RESOLUTION_COLUMNS) + "\n"
    result = csvio.import_resolutions(header + (
        "Union A,1,2020-01-05,adopted,Fine,,,,One clause,,,\n"
        "Union B,2,2020-13-01,passed,,,No Such Event,Ghost Local,,,,\n"
    ))
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "organisation"), (3, "date"), (3, "status"), (3, "title_en"), (3, "event"), (3, "submitted_by")
    ]
    assert not Resolution.objects.exists()


def test_staff_see_row_errors_in_the_admin_and_nothing_is_imported(client, coordinator):
    response = upload(client, "organisations", HEADER + "Good,,,,union,,,,,,\nBad,,,,guild,,,,,,\n")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing was imported." in content
    assert "<td>3</td><td>kind</td>" in content
    assert not Organisation.objects.exists()


def test_staff_import_and_export_through_the_admin(client, coordinator):
    response = upload(client, "organisations", HEADER + "Good Union,,,,union,CA,,,,,ally\n")
    assert response.status_code == 302
    assert Organisation.objects.get().relationship == "ally"
    response = client.get("/admin/network/csv/organisations.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "Good Union" in response.content.decode()


def test_people_who_are_not_staff_cannot_export(client, make_org):
    make_org("Union A")
    response = client.get("/admin/network/csv/organisations.csv")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    user = User.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.get("/admin/network/csv/organisations.csv").status_code in (302, 403)


def test_exported_cells_that_a_spreadsheet_would_run_are_quoted(make_org):
    make_org('=HYPERLINK("http://evil.example","click")', city_en="＝1+1")

    [row] = list(csv.DictReader(io.StringIO(csvio.export_organisations())))

    assert row["name_en"] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert row["city_en"] == "'＝1+1"
