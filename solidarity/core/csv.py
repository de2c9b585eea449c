"""CSV exports that a spreadsheet opens as text: the one formula guard for every export.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (or their full-width
forms, which some of them fold to the ASCII signs), a tab or a line break, even after leading
spaces. Such a cell gets a leading apostrophe, which spreadsheets show as text.
"""

import csv
import datetime
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20", "|", "%")


def safe_cell(value):
    """A cell a spreadsheet shows and never runs."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    text = str(value)
    if text.lstrip(" \u00a0\u3000").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_row(values):
    return [safe_cell(value) for value in values]


def writer(out):
    """A csv.writer whose rows pass through `safe_cell` (use `writerow`/`writerows`)."""
    return _SafeWriter(out)


class _SafeWriter:
    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, values):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def to_text(rows, *, header=None):
    """The whole CSV as text, every cell guarded."""
    out = io.StringIO()
    w = writer(out)
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    return out.getvalue()
