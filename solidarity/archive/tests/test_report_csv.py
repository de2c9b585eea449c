"""The import report as CSV: what was read from old pages never runs in a spreadsheet."""

import csv
import io

import pytest

from solidarity.archive.models import ImportedFile, ImportRun
from solidarity.archive.report import report_csv

pytestmark = pytest.mark.django_db


def test_cells_that_a_spreadsheet_would_run_are_quoted():
    run = ImportRun.objects.create(source="upload")
    ImportedFile.objects.create(run=run, name="a.txt", checksum="a" * 64, file_format="txt",
                                title='=HYPERLINK("http://evil.example","click")')
    ImportedFile.objects.create(run=run, name="b.txt", checksum="b" * 64, file_format="txt", title="＝1+1")

    rows = list(csv.DictReader(io.StringIO(report_csv(run))))

    assert [row["Title"] for row in rows] == ["'=HYPERLINK(\"http://evil.example\",\"click\")", "'＝1+1"]
