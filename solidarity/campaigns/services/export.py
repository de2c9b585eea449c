"""Signer data exported by staff: every export is written to the export log (who, when, what,
how many rows)."""

import csv
import io
from dataclasses import dataclass

from django.utils import timezone

from solidarity.core.csv import safe_cell

from ..models import ExportLog, Signature

CSV_COLUMNS = [
    # The name as the signer typed it (staff need it) and what they chose the authorities see of it.
    ("id", "pk"), ("name", "name"), ("name_shown", "name_shown"), ("email", "email"), ("country", "country"),
    ("organisation", "organisation"),
    ("language", "language"), ("status", "status"), ("signed_at", "created_at"), ("confirmed_at", "confirmed_at"),
    ("wants_updates", "wants_updates"), ("wants_newsletter", "wants_newsletter"), ("message", "message"),
    ("invalidated_reason", "invalidated_reason"),
]


@dataclass
class Export:
    filename: str
    rows: int
    lines: object  # an iterator of CSV text chunks


def export_signatures(campaign, *, user, statuses=None):
    """The campaign's signatures as CSV (UTF-8 with a byte-order mark, so spreadsheets read
    Persian names), logged before a single row leaves. `statuses` limits which ones."""
    statuses = list(statuses or [Signature.Status.CONFIRMED])
    signatures = Signature.objects.filter(campaign=campaign, status__in=statuses).order_by("created_at", "pk")
    rows = signatures.count()
    labels = ", ".join(str(Signature.Status(s).label) for s in statuses)
    ExportLog.objects.create(campaign=campaign, user=user, what=f"signatures CSV ({labels})"[:250], rows=rows)
    fields = [name for _header, name in CSV_COLUMNS]

    def lines():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow([header for header, _name in CSV_COLUMNS])
        for values in signatures.values_list(*fields).iterator(chunk_size=2000):
            writer.writerow([safe_cell(value) for value in values])
            if buffer.tell() > 64 * 1024:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    filename = f"signatures-{campaign.pk}-{timezone.now():%Y-%m-%d-%H%M}.csv"
    return Export(filename=filename, rows=rows, lines=lines())


def log_delivery_pack(campaign, *, user, language, rows):
    return ExportLog.objects.create(campaign=campaign, user=user, what=f"delivery pack PDF ({language})", rows=rows)
