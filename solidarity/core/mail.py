"""E-mail: each message rendered in its recipient's language, and one policy for failures.

Every app sends through here (campaigns to signers and endorsers, supporters, contact, the
e-mail replies), so the rules are the same everywhere:
- a message is built from three templates, `<name>_subject.txt`, `<name>.txt` and
  `<name>.html`, rendered in the recipient's language with its direction;
- a subject is one line of plain text, whatever a name in it holds;
- an address that SMTP cannot carry fails at once and for good (`Undeliverable`);
- a failure of this message alone (`fails_alone`) is recorded on what it was for and tried
  again at most MAIL_ATTEMPTS times in all, after 2, 4 and 8 minutes (`retry_later`); a failure
  of the server or the connection holds the message back for a later try, and never counts
  against the address.
The newsletter sends in its own batches (newsletter/sending.py) with the same rules for
which failures belong to one reader.
"""

import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from solidarity.core.i18n import direction, is_rtl
from solidarity.core.text import clean_line
from solidarity.core.validators import validate_deliverable_email

# A message to one person is tried at most this many times: at once, then after 2, 4, 8 minutes.
MAIL_ATTEMPTS = 4


class Undeliverable(Exception):
    """An address our mail server cannot carry (stored before addresses were checked): no
    retry will help, so the message fails for good with this reason."""


def check_deliverable(email):
    """Raise Undeliverable for an address SMTP cannot carry."""
    try:
        validate_deliverable_email(email)
    except ValidationError as error:
        raise Undeliverable(f"address refused before sending: {' '.join(error.messages)}") from None


def fails_alone(error):
    """Whether a message failed for its own sake (its address or its content), so that it is
    marked failed and the others go on; otherwise the mail server or the connection failed,
    and the message is held back for a later try without counting against it."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # 421: the server is closing the connection, whoever the recipient.
        return all(code != 421 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500  # this message refused for good; 4xx: the server, for now
    # Other SMTP errors (the sender refused, authentication, a lost connection) are OSErrors
    # too: the server or the connection. ValueError and the rest (an address SMTP cannot
    # carry, a header that cannot be encoded) belong to the message.
    return not isinstance(error, OSError)


def error_text(error):
    """The reason a message failed, one clean line for staff to read."""
    text = str(error) if isinstance(error, Undeliverable) else f"{type(error).__name__}: {error}"
    return clean_line(text)[:500]


def retry_later(task_function, attempt, **kwargs):
    """Queue the task again after 2, 4, 8 minutes where the queue can hold a task for later
    (`attempt` counts from 0 for the first try); past that, the app's sweeper or the person's
    own retry is the next chance."""
    if attempt + 1 >= MAIL_ATTEMPTS or not task_function.get_backend().supports_defer:
        return
    run_after = timezone.now() + timedelta(minutes=2 ** (attempt + 1))
    task_function.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)


def render_subject(template_name, context):
    """A subject is plain text on one line: rendered without HTML escaping (a name with < or '
    stays as typed); line breaks, which would break the header, and hidden controls go."""
    return clean_line(" ".join(get_template(template_name).template.render(Context(context, autoescape=False)).split()))


def render_message(template, *, language, to, context, reply_to=None, headers=None, connection=None, html=True):
    """A message in `language` from the templates named `template` (see the module's text),
    with `language`, `direction`, `rtl` and `site_url` in their context."""
    with translation.override(language):
        context = {**context, "language": language, "direction": direction(language), "rtl": is_rtl(language),
                   "site_url": settings.SITE_URL}
        subject = render_subject(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context) if html else None
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, reply_to=reply_to, headers=headers,
                                     connection=connection)
    if body_html is not None:
        message.attach_alternative(body_html, "text/html")
    return message
