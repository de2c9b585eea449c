"""Field-level accuracy of the importer over the sample archive (23 files, expected fields in
samples/expected.json): title, kind, language, dates, organisations, and the parts of resolutions,
letters and newsletters."""

import pytest

from solidarity.archive import accuracy


@pytest.fixture(scope="module")
def results():
    return accuracy.measure()


def test_the_sample_archive_has_at_least_twenty_files_besides_the_two_legacy_documents(results):
    assert len([name for name in results if not name.startswith("legacy/")]) >= 20


def test_the_importer_reads_at_least_nine_fields_in_ten_correctly(results, capsys):
    right, total = accuracy.summary(results)
    with capsys.disabled():
        print(f"\narchive accuracy: {right}/{total} fields ({100 * right / total:.1f}%) over {len(results)} files")
    assert right / total >= 0.9


def test_every_legacy_field_is_read_correctly(results):
    misses = [row for name, rows in results.items() if name.startswith("legacy/") for row in rows if not row[3]]
    assert misses == []


def test_persian_pages_are_recognised_and_their_jalali_dates_converted(results):
    rows = {(name, row[0]): row for name, rows in results.items() for row in rows}
    assert rows[("archive/fa/payam-hambastegi-kongereh.htm", "date")][2] == "2008-01-14"
    assert rows[("archive/fa/bazdasht-reza-shahabi.htm", "language")][2] == "fa"
