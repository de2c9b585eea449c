"""Subscribers in and out as CSV, for staff.

Import: each row needs the person's consent (where, when and the words they agreed to); a
row without it, with a bad address, a list we do not have, an address that appears twice or
one on the suppression list is refused with its reason, and the other rows are imported.
A problem with the file itself (unreadable, too large, columns missing) imports nothing,
and so does a failure while writing: the rows are written in one transaction.
Imported people are active at once (their consent was given elsewhere, and is recorded);
no e-mail is sent to them.

Export: one row per subscriber, with the same columns, so a file can go out and come back.
Cells that a spreadsheet would run as a formula are quoted (solidarity.core.csv).
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from solidarity.core import csv as safe_csv
from solidarity.core.mailboxes import mailbox_key
from solidarity.core.text import has_hidden_controls
from solidarity.core.validators import validate_deliverable_email

from .forms import LINE_CONTROLS
from .models import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Consent,
    MailingList,
    StaffAction,
    Subscriber,
    Subscription,
    Suppression,
    clean_email,
    erased_key,
)

COLUMNS = ["email", "name", "language", "lists", "consent_source", "consent_date", "consent_text"]
EXPORT_COLUMNS = COLUMNS + ["status", "subscribed_at", "confirmed_at"]
REQUIRED_COLUMNS = {"email", "consent_source", "consent_date", "consent_text"}
LIST_SEPARATORS = (";", ",", "|")
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_FIELD = 10_000
LANGUAGE_NAMES = {"en": "en", "english": "en", "انگلیسی": "en", "fa": "fa", "persian": "fa", "farsi": "fa",
                  "فارسی": "fa"}


class CSVFileError(Exception):
    """The file as a whole cannot be imported; nothing was."""


@dataclass
class Refused:
    row: int
    email: str
    reason: str


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    refused: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    fatal: str = ""

    @property
    def ok(self):
        return not self.fatal


def decode(data):
    """The file's text, and a notice when it was not UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), _("The file was read as UTF-16.")
    if len(data) > 3 and data[1:2] == b"\x00" and data[3:4] == b"\x00":  # UTF-16 without its mark
        try:
            return data.decode("utf-16-le"), _("The file was read as UTF-16.")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    # Spreadsheets on Windows save "CSV" as Windows-1252 (Latin-1 with a few more letters).
    # Persian cannot be written in it, so names there are Latin; read them and say so.
    try:
        return data.decode("cp1252"), _(
            "The file is not UTF-8: it was read as Western European (Latin-1 / Windows-1252). "
            "Check that names look right; save as CSV UTF-8 next time.")
    except UnicodeDecodeError:
        return data.decode("latin-1"), _(
            "The file is not UTF-8: it was read as Western European (Latin-1). Check that names look right.")


def _header(name):
    return "_".join((name or "").strip().lower().replace("-", " ").split())


def _read_rows(text):
    try:
        sample = text[:4096]
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(MAX_FIELD * 4)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise CSVFileError(_("The file is empty.")) from None
    columns = [_header(name) for name in header]
    missing = [name for name in COLUMNS if name in REQUIRED_COLUMNS and name not in columns]
    if missing:
        raise CSVFileError(_("Columns missing: %(columns)s. The first line must name the columns: %(expected)s.")
                           % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)})
    for number, values in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            raise CSVFileError(_("The file has more than %(count)s rows; split it into smaller files.")
                               % {"count": f"{MAX_ROWS:,}"})
        if not any(value.strip() for value in values):
            continue
        yield number, {name: (values[index] if index < len(values) else "").strip()
                       for index, name in enumerate(columns) if name}


def _consent_date(value):
    moment = parse_datetime(value) if len(value) > 10 else None
    if moment is None:
        day = parse_date(value[:10]) if value else None
        if day is None:
            return None
        moment = datetime.datetime.combine(day, datetime.time(12, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def _split_lists(value):
    for separator in LIST_SEPARATORS:
        if separator in value:
            return [part.strip() for part in value.split(separator) if part.strip()]
    return [value.strip()] if value.strip() else []


def import_subscribers(data, *, filename, user=None):
    """Import subscribers from CSV bytes; see the module's docstring. Returns an ImportResult."""
    result = ImportResult()
    if len(data) > MAX_BYTES:
        result.fatal = _("The file is larger than %(size)s MB; split it into smaller files.") % {
            "size": MAX_BYTES // (1024 * 1024)}
        return result
    text, notice = decode(data)
    if notice:
        result.notices.append(notice)
    if "\x00" in text:
        result.fatal = _("The file contains binary data; it does not look like a CSV file.")
        return result
    lists = {mailing_list.slug: mailing_list for mailing_list in MailingList.objects.all()}
    try:
        accepted = _accepted_rows(text, lists, filename=filename, result=result)
    except CSVFileError as error:
        result.fatal = str(error)
        result.refused = []
        return result
    except csv.Error as error:
        result.fatal = _("The file cannot be read as CSV: %(error)s") % {"error": error}
        result.refused = []
        return result
    del text

    _refuse_suppressed(accepted, result)
    try:
        with transaction.atomic():
            _write(accepted, result)
            StaffAction.objects.create(user=user, action=StaffAction.Action.IMPORT,
                                       detail=f"{filename}: {result.imported} new, {result.updated} updated, "
                                              f"{len(result.refused)} refused"[:255])
    except IntegrityError:
        result.imported = result.updated = 0
        result.fatal = _("Subscribers changed while the file was being imported. Nothing was imported; "
                         "please import the file again.")
    result.refused.sort(key=lambda refused: refused.row)
    return result


def _accepted_rows(text, lists, *, filename, result):
    """The rows that can be imported, by mailbox key; the others go to result.refused."""
    newsletters = {code: [lst for lst in lists.values() if lst.kind == MailingList.Kind.LANGUAGE and lst.language == code]
                   for code, _name in settings.LANGUAGES}
    source_prefix = f"csv import:{filename}"[:120]
    accepted = {}
    for number, row in _read_rows(text):
        email = clean_email(row.get("email", ""))
        reason = _check(row, email, lists)
        key = mailbox_key(email)
        if not reason and key in accepted:
            reason = _("This address is already on row %(row)s of the file.") % {"row": accepted[key]["row"]}
        if reason:
            result.refused.append(Refused(number, email[:EMAIL_MAX_LENGTH], reason))
            continue
        language = LANGUAGE_NAMES.get(row.get("language", "").strip().lower(), settings.LANGUAGE_CODE)
        accepted[key] = {
            "row": number, "email": email, "name": " ".join(row.get("name", "").split()), "language": language,
            "lists": [lists[slug] for slug in _split_lists(row.get("lists", ""))] or newsletters[language],
            "consent_at": _consent_date(row["consent_date"]),
            "source": f"{source_prefix}: {row['consent_source']}"[:255], "text": row["consent_text"],
        }
    return accepted


def _check(row, email, lists):
    if not email:
        return _("No e-mail address.")
    if len(email) > EMAIL_MAX_LENGTH:
        return _("The e-mail address is too long.")
    try:
        validate_email(email)
    except ValidationError:
        return _("This is not a valid e-mail address.")
    try:
        # Only addresses our mail server can carry: one that cannot would fail every send.
        validate_deliverable_email(email)
    except ValidationError as error:
        return " ".join(error.messages)
    if not row.get("consent_source") or not row.get("consent_date") or not row.get("consent_text"):
        return _("No record of consent: each row needs where consent was given (consent_source), when "
                 "(consent_date) and the words the person agreed to (consent_text).")
    moment = _consent_date(row["consent_date"])
    if moment is None:
        return _("The consent date cannot be read; write it as YYYY-MM-DD.")
    if moment > timezone.now() + datetime.timedelta(days=1):
        return _("The consent date is in the future.")
    if any(len(value) > MAX_FIELD for value in row.values()):
        return _("A cell is longer than %(count)s characters.") % {"count": f"{MAX_FIELD:,}"}
    name = row.get("name", "")
    if len(name) > NAME_MAX_LENGTH:
        return _("The name is longer than %(count)s characters.") % {"count": NAME_MAX_LENGTH}
    if LINE_CONTROLS.search(name):
        return _("The name contains control characters.")
    if has_hidden_controls(name):
        return _("The name contains hidden characters (bidirectional or zero-width controls).")
    language = row.get("language", "").strip().lower()
    if language and language not in LANGUAGE_NAMES:
        return _("Unknown language “%(language)s”: write en or fa.") % {"language": row.get("language")}
    unknown = [slug for slug in _split_lists(row.get("lists", "")) if slug not in lists]
    if unknown:
        return _("Unknown list: %(lists)s.") % {"lists": ", ".join(unknown)}
    return ""


def _refuse_suppressed(accepted, result):
    keys = list(accepted)
    hashed = {erased_key(key): key for key in keys}
    suppressed = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        for email_key, reason in Suppression.objects.filter(
                email_key__in=chunk + [erased_key(key) for key in chunk]).values_list("email_key", "reason"):
            suppressed[hashed.get(email_key, email_key)] = reason
        for email_key, status in Subscriber.objects.filter(
                email_key__in=chunk, status__in=[Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED,
                                                 Subscriber.Status.UNSUBSCRIBED]).values_list("email_key", "status"):
            suppressed.setdefault(email_key, status)
    for key, reason in suppressed.items():
        entry = accepted.pop(key)
        result.refused.append(Refused(entry["row"], entry["email"], _suppressed_reason(reason)))


def _suppressed_reason(reason):
    return {
        "unsubscribed": _("This person unsubscribed: only they can subscribe again, through the signup form."),
        "bounced": _("Mail to this address bounced; staff must lift the suppression first."),
        "complained": _("This person reported our mail as spam; staff must lift the suppression first."),
        "erased": _("This person asked us to erase their data; staff must lift the suppression first."),
    }.get(reason, _("This address is on the suppression list."))


def _write(accepted, result, *, chunk=1000):
    """Write the accepted rows a thousand at a time, so a large file never holds every model
    instance in memory at once (all inside the caller's transaction)."""
    now = timezone.now()
    keys = list(accepted)
    for start in range(0, len(keys), chunk):
        _write_chunk({key: accepted[key] for key in keys[start:start + chunk]}, result, now=now)


def _write_chunk(entries, result, *, now):
    existing = {subscriber.email_key: subscriber for subscriber in Subscriber.objects.filter(email_key__in=list(entries))}
    new = [
        Subscriber(email=entry["email"], email_key=key, name=entry["name"], language=entry["language"],
                   status=Subscriber.Status.ACTIVE, confirmed_at=entry["consent_at"], created_at=now,
                   status_changed_at=now)
        for key, entry in entries.items() if key not in existing
    ]
    Subscriber.objects.bulk_create(new)
    result.imported += len(new)
    result.updated += len(existing)
    for subscriber in existing.values():
        if subscriber.status == Subscriber.Status.PENDING:
            subscriber.set_status(Subscriber.Status.ACTIVE, now=now)
    ids = dict(Subscriber.objects.filter(email_key__in=list(entries)).values_list("email_key", "pk"))
    Subscription.objects.bulk_create(
        [Subscription(subscriber_id=ids[key], mailing_list=mailing_list, created_at=now)
         for key, entry in entries.items() for mailing_list in entry["lists"]],
        ignore_conflicts=True,
    )
    Consent.objects.bulk_create(
        [Consent(subscriber_id=ids[key], created_at=entry["consent_at"], source=entry["source"], text=entry["text"])
         for key, entry in entries.items()],
    )


# Export

def export_rows(subscribers, *, chunk=2000):
    """CSV lines (header first) for the subscribers, their lists and latest consent, read a
    chunk at a time as plain values (a large export stays light)."""
    out = io.StringIO()
    writer = safe_csv.writer(out)

    def lines(rows):
        writer.writerows(rows)
        text = out.getvalue()
        out.seek(0)
        out.truncate()
        return text

    yield lines([EXPORT_COLUMNS])
    ids = list(subscribers.order_by("pk").values_list("pk", flat=True).distinct())
    slugs = dict(MailingList.objects.values_list("pk", "slug"))
    fields = ("pk", "email", "name", "language", "status", "created_at", "confirmed_at")
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        lists = {}
        for subscriber_id, list_id in Subscription.objects.filter(subscriber_id__in=part).values_list(
                "subscriber_id", "mailing_list_id"):
            lists.setdefault(subscriber_id, []).append(slugs[list_id])
        latest = {}
        for consent in Consent.objects.filter(subscriber_id__in=part).order_by("created_at", "pk").values(
                "subscriber_id", "source", "created_at", "text"):
            latest[consent["subscriber_id"]] = consent
        rows = []
        for pk, email, name, language, status, created_at, confirmed_at in Subscriber.objects.filter(
                pk__in=part).order_by("pk").values_list(*fields):
            consent = latest.get(pk)
            rows.append([
                email, name, language, ";".join(sorted(lists.get(pk, []))),
                consent["source"] if consent else "", consent["created_at"].isoformat() if consent else "",
                consent["text"] if consent else "", status, created_at.isoformat(),
                confirmed_at.isoformat() if confirmed_at else "",
            ])
        yield lines(rows)


def log_export(*, user, detail):
    StaffAction.objects.create(user=user, action=StaffAction.Action.EXPORT_SUBSCRIBERS, detail=detail[:255])
