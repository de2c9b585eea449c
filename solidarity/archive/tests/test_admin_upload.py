"""The admin page where staff upload a handful of old files and read the import report."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from solidarity.archive.models import ImportedFile, ImportRun

from .conftest import LEGACY, SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree, alliance):
    user = User.objects.create_superuser("coordinator", "c@example.org", "correct horse battery staple")
    client.force_login(user)
    return client


def _upload(client, *names, base_url=""):
    files = [SimpleUploadedFile(name.split("/")[-1], (LEGACY if name.startswith("0") else SAMPLES / "archive").joinpath(name).read_bytes())
             for name in names]
    return client.post("/admin/archive/", {"files": files, "base_url": base_url})


def test_a_coordinator_uploads_the_old_files_and_sees_the_report(admin_client):
    response = _upload(admin_client, "000_ea340a58f3985f13.txt", "001_7b632b9c3ca00494.txt",
                       base_url="http://www.iaswi.org/old/News/")
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/archive/runs/{run.pk}/"
    page = admin_client.get(response["Location"]).content.decode()
    assert "000_ea340a58f3985f13.txt" in page and "001_7b632b9c3ca00494.txt" in page
    assert "CUPE Ontario adopted a strong resolution in solidarity with workers in Iran" in page
    assert "resolution (draft, to review)" in page and "letter (draft, to review)" in page
    assert "/old/News/000_ea340a58f3985f13.txt" in page
    assert "e-mail address(es) were lost by the old site" in page


def test_the_report_downloads_as_csv_with_a_row_per_file(admin_client):
    _upload(admin_client, "000_ea340a58f3985f13.txt", "fa/bazdasht-reza-shahabi.htm")
    run = ImportRun.objects.get()
    response = admin_client.get(f"/admin/archive/runs/{run.pk}/report.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["File"], r["Kind"], r["Language"]) for r in rows] == [
        ("000_ea340a58f3985f13.txt", "resolution", "English"), ("bazdasht-reza-shahabi.htm", "news article", "Persian")]
    assert rows[1]["Date"] == "2010-06-13"
    assert "article" in rows[1]["Drafts made"]


def test_uploading_the_same_files_twice_skips_them(admin_client):
    _upload(admin_client, "000_ea340a58f3985f13.txt")
    response = _upload(admin_client, "000_ea340a58f3985f13.txt")
    assert ImportedFile.objects.count() == 1
    page = admin_client.get(response["Location"]).content.decode()
    assert "already imported" in page


def test_a_file_of_another_kind_is_refused_with_a_message(admin_client):
    response = admin_client.post("/admin/archive/", {"files": [SimpleUploadedFile("photo.jpg", b"\xff\xd8")]})
    assert response.status_code == 400
    assert "photo.jpg is not an HTML page, text file or PDF." in response.content.decode()
    assert not ImportedFile.objects.exists()


def test_an_editor_imports_old_files_and_reads_the_report(client, site_tree, alliance, make_staff):
    client.force_login(make_staff("editor", "Editors"))
    assert client.get("/admin/archive/").status_code == 200
    response = _upload(client, "000_ea340a58f3985f13.txt")
    run = ImportRun.objects.get()
    assert response["Location"] == f"/admin/archive/runs/{run.pk}/"
    assert "CUPE Ontario adopted a strong resolution" in client.get(response["Location"]).content.decode()
    assert client.get(f"/admin/archive/runs/{run.pk}/report.csv").status_code == 200
    assert "Old site archive" in client.get("/admin/").content.decode()


def test_a_translator_can_neither_import_nor_read_a_report(client, site_tree, alliance, make_staff):
    run = ImportRun.objects.create(source="earlier")
    client.force_login(make_staff("translator", "Translators"))
    for address in ("/admin/archive/", f"/admin/archive/runs/{run.pk}/", f"/admin/archive/runs/{run.pk}/report.csv",
                    "/admin/archive/drafts/"):
        response = client.get(address)
        assert response.status_code == 403
        assert "Sorry, you do not have permission to access this area." in response.content.decode()
        assert "earlier" not in response.content.decode()
    response = _upload(client, "000_ea340a58f3985f13.txt")
    assert response.status_code == 403
    assert not ImportedFile.objects.exists()
    assert "Old site archive" not in client.get("/admin/").content.decode()
