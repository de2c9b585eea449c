"""Reading bounce and complaint reports from the bounce mailbox (a Maildir or an mbox).

Understood:
- delivery status notifications (RFC 3464: multipart/report; report-type=delivery-status),
  as Postfix, Exim, Gmail, Microsoft and most others send them. A recipient with Action
  "failed" and a 5.x.x status is a hard bounce, with a 4.x.x status a soft bounce.
  "delayed" reports are only warnings that the server is still trying: they count for
  nothing. "delivered", "relayed" and "expanded" are not bounces.
- complaint reports (RFC 5965 ARF: multipart/report; report-type=feedback-report), sent
  when someone presses "this is spam". Providers often hide the recipient's address; we
  then find the subscriber from the unsubscribe link in the quoted headers of our message.

A message whose subject is "unsubscribe <token>" is a request sent to the List-Unsubscribe
mailto: address (when SUPPORTERS_UNSUBSCRIBE_MAILTO is set and delivered to this mailbox).

Everything else (auto-replies, "out of office", plain-text bounces without a report,
malformed messages) is ignored, never guessed at: a wrong guess would stop mail to someone
who wants it.
"""

import email
import email.policy
import hashlib
import mailbox
import os
import re
from dataclasses import dataclass, field

UNSUBSCRIBE_SUBJECT = re.compile(r"^unsubscribe\s+([A-Za-z0-9_-]{20,64})$", re.IGNORECASE)
UNSUBSCRIBE_LINK = re.compile(r"/newsletter/unsubscribe/([A-Za-z0-9_-]{20,64})/")
STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
ADDRESS = re.compile(r"[^\s<>;\"']+@[^\s<>;\"']+")


@dataclass
class Report:
    email: str
    kind: str  # "hard" | "soft" | "complaint"
    status_code: str = ""
    diagnostic: str = ""
    message_id: str = ""
    report_id: str = ""
    token: str = ""  # from our unsubscribe link, when the address was hidden


@dataclass
class Outcome:
    """What a message turned out to be: its reports, or why it was ignored."""

    reports: list = field(default_factory=list)
    ignored: str = ""  # "not a report" | "malformed" | "nothing to act on"
    # A request sent to the List-Unsubscribe mailto: address ("unsubscribe <token>").
    unsubscribe_token: str = ""


def _address(value):
    """The address in a field such as "rfc822; jane@example.org" or "<jane@example.org>"."""
    value = str(value or "")
    if ";" in value:
        value = value.split(";", 1)[1]
    match = ADDRESS.search(value)
    return match.group(0).strip(".,").lower() if match else ""


def _status(value):
    match = STATUS.search(str(value or ""))
    return ".".join(match.groups()) if match else ""


def _fields(part):
    """The header blocks of a message/delivery-status or message/feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if hasattr(block, "get")]
    # Some senders mark the part base64 or quoted-printable; parse its text as header blocks.
    text = part.get_payload(decode=True) or b""
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    blocks = re.split(r"\r?\n\s*\r?\n", text.strip())
    return [email.message_from_string(block + "\n\n", policy=email.policy.compat32) for block in blocks if block.strip()]


def _original_headers(report):
    """The headers of our message quoted in the report (message/rfc822 or text/rfc822-headers)."""
    for part in report.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload:
                return payload[0]
        if content_type == "text/rfc822-headers":
            raw = part.get_payload(decode=True) or b""
            return email.message_from_bytes(raw, policy=email.policy.compat32)
    return None


def _message_id(headers):
    if headers is None:
        return ""
    return str(headers.get("Message-ID", "") or "").strip()


def _token(headers):
    if headers is None:
        return ""
    match = UNSUBSCRIBE_LINK.search(str(headers.get("List-Unsubscribe", "") or ""))
    return match.group(1) if match else ""


def _report_part(message, content_type):
    for part in message.walk():
        if part.get_content_type() == content_type:
            return part
    return None


def report_id_of(message, raw):
    return str(message.get("Message-ID", "") or "").strip() or "sha256:" + hashlib.sha256(raw).hexdigest()


def parse(raw):
    """The bounce or complaint reports in one message (bytes)."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
    except Exception:  # a message the parser cannot read at all
        return Outcome(ignored="malformed")
    if message.get_content_type() != "multipart/report":
        match = UNSUBSCRIBE_SUBJECT.match(str(message.get("Subject", "") or "").strip())
        if match:
            return Outcome(unsubscribe_token=match.group(1))
        return Outcome(ignored="not a report")
    report_type = (message.get_param("report-type") or "").lower()
    try:
        if report_type == "delivery-status":
            reports = _delivery_status(message)
        elif report_type == "feedback-report":
            reports = _feedback(message)
        else:
            return Outcome(ignored="not a report")
    except Exception:  # a report too broken to read: leave it to a person
        return Outcome(ignored="malformed")
    if reports is None:
        return Outcome(ignored="malformed")
    report_id = report_id_of(message, raw)
    for report in reports:
        report.report_id = report_id
    return Outcome(reports=reports, ignored="" if reports else "nothing to act on")


def _delivery_status(message):
    part = _report_part(message, "message/delivery-status")
    if part is None:
        return None
    blocks = _fields(part)
    if not blocks:
        return None
    original = _original_headers(message)
    # Gmail names our message in the report even when it does not quote it.
    message_id = _message_id(original) or str(blocks[0].get("X-Original-Message-ID", "") or "").strip()
    token = _token(original)
    if not any(block.get("Final-Recipient") or block.get("Original-Recipient") for block in blocks):
        return None
    reports = []
    # The first block is about the message; each later one about a recipient. Some senders
    # put everything in one block: then it is read as a recipient too.
    recipients = blocks[1:] if len(blocks) > 1 else blocks
    for block in recipients:
        address = _address(block.get("Original-Recipient")) or _address(block.get("Final-Recipient"))
        status = _status(block.get("Status"))
        action = str(block.get("Action", "") or "").strip().lower()
        if not address or not status:
            continue
        if action in ("delayed", "delivered", "relayed", "expanded"):
            continue
        if status.startswith("5"):
            kind = "hard"
        elif status.startswith("4"):
            kind = "soft"
        else:
            continue
        diagnostic = " ".join(str(block.get("Diagnostic-Code", "") or "").split())
        reports.append(Report(email=address, kind=kind, status_code=status, diagnostic=diagnostic,
                              message_id=message_id, token=token))
    return reports


def _feedback(message):
    part = _report_part(message, "message/feedback-report")
    if part is None:
        return None
    blocks = _fields(part)
    if not blocks:
        return None
    fields = blocks[0]
    feedback_type = str(fields.get("Feedback-Type", "") or "").strip().lower()
    if feedback_type not in ("abuse", "fraud", "virus", "other", ""):
        return []  # "not-spam" and the like: nothing to act on
    original = _original_headers(message)
    address = _address(fields.get("Original-Rcpt-To")) or (_address(original.get("To")) if original is not None else "")
    token = _token(original)
    if "redacted" in address or address.startswith("xxx"):
        address = ""
    if not address and not token:
        return []
    diagnostic = " ".join(f"{name}: {fields.get(name)}" for name in ("Feedback-Type", "User-Agent", "Source-IP")
                          if fields.get(name))
    return [Report(email=address, kind="complaint", diagnostic=diagnostic, message_id=_message_id(original),
                   token=token)]


def read_mailbox(path):
    """Yield (raw bytes, remove) for each message of a Maildir (a directory) or an mbox (a file);
    remove() deletes that message from the mailbox."""
    if os.path.isdir(path):
        box = mailbox.Maildir(path, factory=None, create=False)
    else:
        box = mailbox.mbox(path, factory=None, create=False)
    box.lock()
    try:
        for key in list(box.iterkeys()):
            try:
                raw = box.get_bytes(key)
            except (KeyError, OSError):
                continue
            yield raw, (lambda key=key: box.discard(key))
        box.flush()
    finally:
        box.unlock()
        box.close()
