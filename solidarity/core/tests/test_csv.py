import datetime

import pytest

from solidarity.core import csv as safe_csv


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "\uff1dcmd", "\uff0b1", "\uff0d1", "\uff20x",
              "  =1+1", "\u00a0=1", "|calc", "%0A"],
)
def test_a_cell_a_spreadsheet_would_run_is_quoted(value):
    assert safe_csv.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ali Rezaei", "علی رضایی", "1 May", "a=b", "X=1", "info@example.org"])
def test_plain_text_is_left_as_it_is(value):
    assert safe_csv.safe_cell(value) == value


def test_values_other_than_text_are_written_plainly():
    assert safe_csv.safe_cell(None) == ""
    assert safe_csv.safe_cell(True) == "yes"
    assert safe_csv.safe_cell(False) == "no"
    assert safe_csv.safe_cell(3) == "3"
    assert safe_csv.safe_cell(datetime.datetime(2026, 1, 2, 3, 4, 5, 6)) == "2026-01-02T03:04:05"


def test_the_writer_guards_every_row():
    assert safe_csv.to_text([["=HYPERLINK(x)", "ok"]], header=["-a", "b"]) == "'-a,b\r\n'=HYPERLINK(x),ok\r\n"
