import copy
import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from solidarity.core import mail


@pytest.fixture
def templates(settings, tmp_path):
    settings.SITE_URL = "https://solidarity.example"
    (tmp_path / "probe_subject.txt").write_text("{% load i18n %}{% translate 'Search' %}: {{ name }}\n")
    (tmp_path / "probe.txt").write_text("{{ name }} ({{ language }}, {{ direction }})")
    (tmp_path / "probe.html").write_text('<p dir="{{ direction }}" data-rtl="{{ rtl }}">{{ name }} {{ site_url }}</p>')
    engines = copy.deepcopy(settings.TEMPLATES)
    engines[0]["DIRS"] = [*engines[0].get("DIRS", []), str(tmp_path)]
    settings.TEMPLATES = engines
    return tmp_path


def test_a_message_is_rendered_in_the_recipients_language_and_direction(templates):
    message = mail.render_message("probe", language="fa", to=["a@example.org"], context={"name": "مریم"})

    assert message.subject == "جست‌وجو: مریم"
    assert message.body == "مریم (fa, rtl)"
    assert message.alternatives[0] == ('<p dir="rtl" data-rtl="True">مریم https://solidarity.example</p>', "text/html")
    english = mail.render_message("probe", language="en", to=["a@example.org"], context={"name": "Mary"})
    assert english.subject == "Search: Mary"
    assert english.alternatives[0][0] == '<p dir="ltr" data-rtl="False">Mary https://solidarity.example</p>'


def test_a_message_goes_to_its_recipients_with_its_reply_address_headers_and_connection(templates):
    from django.core.mail import get_connection

    connection = get_connection()
    message = mail.render_message("probe", language="en", to=["a@example.org"], context={"name": "M"},
                                  reply_to=["writer@example.org"], headers={"Auto-Submitted": "auto-replied"},
                                  connection=connection)

    assert message.to == ["a@example.org"]
    assert message.reply_to == ["writer@example.org"]
    assert message.extra_headers == {"Auto-Submitted": "auto-replied"}
    assert message.connection is connection


def test_a_subject_is_one_line_of_text_as_typed_without_escaping_or_hidden_controls(templates):
    message = mail.render_message("probe", language="en", to=["a@example.org"],
                                  context={"name": "O'Brien <b>\r\nBcc: x@evil.example\u202e"})

    assert message.subject == "Search: O'Brien <b> Bcc: x@evil.example"
    assert "&lt;" in message.alternatives[0][0]


def test_a_plain_text_message_has_no_html_part(templates):
    message = mail.render_message("probe", language="en", to=["a@example.org"], context={"name": "M"}, html=False)

    assert message.alternatives == []


def test_an_address_smtp_cannot_carry_is_undeliverable_and_fails_alone():
    with pytest.raises(mail.Undeliverable) as raised:
        mail.check_deliverable("jane\u200b@example.org")
    assert mail.fails_alone(raised.value)
    assert mail.error_text(raised.value) == ("address refused before sending: "
                                             "This e-mail address contains a hidden or invisible character. "
                                             "Please type it again.")
    mail.check_deliverable("jane@example.org")


@pytest.mark.parametrize(("error", "alone"), [
    (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no such user")}), True),
    (smtplib.SMTPRecipientsRefused({"a@example.org": (421, b"closing")}), False),
    (smtplib.SMTPDataError(554, b"refused"), True),
    (smtplib.SMTPDataError(500, b"syntax error"), True),
    (smtplib.SMTPDataError(451, b"try later"), False),
    (smtplib.SMTPServerDisconnected("gone"), False),
    (ConnectionRefusedError(), False),
    (UnicodeEncodeError("ascii", "é", 0, 1, "no"), True),
])
def test_only_a_failure_of_the_message_itself_fails_alone(error, alone):
    assert mail.fails_alone(error) is alone


def test_an_error_text_is_one_clean_short_line():
    text = mail.error_text(ValueError("bad\r\nheader\u202e" + "x" * 600))

    assert text.startswith("ValueError: bad header")
    assert "\n" not in text and "\u202e" not in text
    assert len(text) == 500


class FakeTask:
    def __init__(self, defers=True):
        self.defers, self.queued = defers, []

    def get_backend(self):
        return type("Backend", (), {"supports_defer": self.defers})()

    def using(self, *, run_after):
        return type("Queued", (), {"enqueue": lambda _self, **kwargs: self.queued.append((run_after, kwargs))})()


def test_a_failed_message_is_tried_again_after_two_four_and_eight_minutes_then_no_more():
    task = FakeTask()
    for attempt in range(mail.MAIL_ATTEMPTS + 1):
        before = timezone.now()
        mail.retry_later(task, attempt, record_id=7)
        if attempt + 1 < mail.MAIL_ATTEMPTS:
            run_after, kwargs = task.queued[-1]
            assert kwargs == {"attempt": attempt + 1, "record_id": 7}
            assert before + timedelta(minutes=2 ** (attempt + 1)) <= run_after <= timezone.now() + timedelta(
                minutes=2 ** (attempt + 1))
    assert mail.MAIL_ATTEMPTS == 4
    assert [kwargs["attempt"] for _run_after, kwargs in task.queued] == [1, 2, 3]


def test_a_queue_that_cannot_hold_a_task_for_later_gets_no_retry():
    task = FakeTask(defers=False)
    mail.retry_later(task, 0, record_id=7)
    assert task.queued == []
