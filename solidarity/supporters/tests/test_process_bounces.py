import mailbox
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from solidarity.supporters import bounces, services
from solidarity.supporters.models import Bounce, Subscriber, Suppression
from solidarity.supporters.signals import bounce_received

from .conftest import make_active

SAMPLES = Path(__file__).parent / "samples"


def sample(name):
    return (SAMPLES / name).read_bytes()


@pytest.fixture
def received(committing):
    """What the newsletter hears through `bounce_received`."""
    heard = []

    def listener(sender, **kwargs):
        heard.append((kwargs["email"], kwargs["kind"], kwargs["message_id"]))

    bounce_received.connect(listener)
    yield heard
    bounce_received.disconnect(listener)


def maildir_with(tmp_path, *names):
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for name in names:
        box.add(sample(name))
    return str(tmp_path / "Maildir")


def mbox_with(tmp_path, *names):
    path = tmp_path / "bounces.mbox"
    box = mailbox.mbox(path, create=True)
    for name in names:
        box.add(mailbox.mboxMessage(sample(name)))
    box.flush()
    box.close()
    return str(path)


def process(path, committing, *args):
    from io import StringIO

    out = StringIO()
    with committing():
        call_command("process_bounces", path, *args, stdout=out)
    return out.getvalue()


# Parsing the samples

def test_a_postfix_user_unknown_is_a_hard_bounce_of_the_original_recipient():
    [report] = bounces.parse(sample("postfix_hard.eml")).reports

    assert (report.email, report.kind, report.status_code) == ("gone@union.example", "hard", "5.1.1")
    assert report.message_id == "<issue-12-5.gone.1795253398@solidarity.example>"
    assert "User unknown in virtual mailbox table" in report.diagnostic
    assert report.report_id == "<20261122093002.3F1A22C0E1@mail.solidarity.example>"


def test_a_postfix_report_about_two_recipients_gives_one_soft_and_one_hard_bounce():
    reports = bounces.parse(sample("postfix_two_recipients.eml")).reports

    assert [(r.email, r.kind, r.status_code) for r in reports] == [
        ("full@branch.example", "soft", "4.2.2"), ("left@branch.example", "hard", "5.2.1")]


def test_an_exim_bounce_quoting_a_persian_newsletter_is_a_hard_bounce():
    [report] = bounces.parse(sample("exim_hard.eml")).reports

    assert (report.email, report.kind, report.status_code) == ("someone@exim.example", "hard", "5.0.0")
    assert report.message_id == "<issue-12-5.fa.1795256143@solidarity.example>"


def test_gmail_address_not_found_and_over_quota():
    [gone] = bounces.parse(sample("gmail_hard.eml")).reports
    [full] = bounces.parse(sample("gmail_over_quota.eml")).reports

    assert (gone.email, gone.kind, gone.status_code) == ("no.such.person@gmail.com", "hard", "5.1.1")
    assert gone.message_id == "<issue-12-5.en.1795253001@solidarity.example>"
    assert (full.email, full.kind, full.status_code) == ("full.box@gmail.com", "soft", "4.2.2")
    assert full.message_id == "<issue-12-6.en.1795860607@solidarity.example>"


def test_a_delay_warning_is_not_a_bounce():
    outcome = bounces.parse(sample("postfix_delayed.eml"))

    assert (outcome.reports, outcome.ignored) == ([], "nothing to act on")


def test_an_arf_report_is_a_complaint_about_the_original_recipient():
    [report] = bounces.parse(sample("arf_complaint.eml")).reports

    assert (report.email, report.kind) == ("reader@yahoo.example", "complaint")
    assert report.message_id == "<issue-12-5.reader.1795253460@solidarity.example>"


def test_a_redacted_complaint_is_traced_by_our_unsubscribe_link():
    [report] = bounces.parse(sample("arf_redacted.eml")).reports

    assert report.email == ""
    assert report.token == "S4mpleT0kenForTheRedactedComplaintReport_01"


@pytest.mark.parametrize(("name", "why"), [
    ("autoreply.eml", "not a report"), ("malformed.eml", "malformed"), ("binary_garbage.eml", "malformed"),
])
def test_auto_replies_and_broken_messages_are_ignored(name, why):
    outcome = bounces.parse(sample(name))

    assert (outcome.reports, outcome.ignored) == ([], why)


def test_an_empty_message_is_ignored():
    assert bounces.parse(b"").ignored == "not a report"


# The command

def test_the_command_reads_a_maildir_and_acts_on_every_report(tmp_path, lists, committing, received):
    for email in ("gone@union.example", "someone@exim.example", "nosuchperson@gmail.com", "reader@yahoo.example",
                  "full.box@gmail.com", "holiday@union.example", "slow@union.example"):
        make_active(email, lists=[lists["newsletter-en"]])
    path = maildir_with(tmp_path, *sorted(p.name for p in SAMPLES.glob("*.eml")))

    summary = process(path, committing)

    assert summary.strip() == ("messages 11, hard 4, soft 2, complaint 1, seen before 0, not a report 1, "
                               "nothing to act on 1, malformed 2, unknown recipient 1, unsubscribe requests 0")
    status = dict(Subscriber.objects.values_list("email", "status"))
    assert status["gone@union.example"] == "bounced"
    assert status["someone@exim.example"] == "bounced"
    assert status["nosuchperson@gmail.com"] == "bounced"  # Gmail's no.such.person is the same mailbox
    assert status["reader@yahoo.example"] == "complained"
    assert status["full.box@gmail.com"] == "active"  # one soft bounce is not enough
    assert status["holiday@union.example"] == "active"
    assert status["slow@union.example"] == "active"
    assert Subscriber.objects.get(email="full.box@gmail.com").soft_bounces == 1
    assert dict(Suppression.objects.values_list("email_key", "reason")) == {
        "gone@union.example": "bounced", "someone@exim.example": "bounced", "nosuchperson@gmail.com": "bounced",
        "left@branch.example": "bounced", "reader@yahoo.example": "complained",
    }
    assert ("gone@union.example", "hard", "<issue-12-5.gone.1795253398@solidarity.example>") in received
    assert ("reader@yahoo.example", "complaint", "<issue-12-5.reader.1795253460@solidarity.example>") in received
    assert len(received) == 7
    sendable = set(services.sendable_subscribers([lists["newsletter-en"]]).values_list("email", flat=True))
    assert sendable == {"full.box@gmail.com", "holiday@union.example", "slow@union.example"}


def test_the_redacted_complaint_reaches_the_subscriber_behind_the_link(tmp_path, lists, committing):
    subscriber = make_active("hidden@hotmail.example", lists=[lists["newsletter-fa"]], language="fa")
    Subscriber.objects.filter(pk=subscriber.pk).update(token="S4mpleT0kenForTheRedactedComplaintReport_01")

    process(maildir_with(tmp_path, "arf_redacted.eml"), committing)

    assert Subscriber.objects.get().status == "complained"
    assert Suppression.objects.get().email_key == "hidden@hotmail.example"


def test_reading_the_same_mailbox_twice_changes_nothing_more(tmp_path, lists, committing, received):
    make_active("full.box@gmail.com", lists=[lists["newsletter-en"]])
    path = mbox_with(tmp_path, "gmail_over_quota.eml", "postfix_hard.eml")

    process(path, committing)
    summary = process(path, committing)

    assert "seen before 2" in summary
    assert Subscriber.objects.get().soft_bounces == 1
    assert Bounce.objects.count() == 2
    assert len(received) == 2


def test_soft_bounces_in_three_reports_mark_the_address_bounced(tmp_path, lists, committing, settings):
    settings.SUPPORTERS_SOFT_BOUNCE_LIMIT = 3
    make_active("full.box@gmail.com", lists=[lists["newsletter-en"]])
    raw = sample("gmail_over_quota.eml")
    box = mailbox.mbox(tmp_path / "box", create=True)
    for number in range(3):
        box.add(mailbox.mboxMessage(raw.replace(b"0001.GMR@mx.google.com", f"000{number}.X@mx.google.com".encode())))
    box.flush()

    process(str(tmp_path / "box"), committing)

    subscriber = Subscriber.objects.get()
    assert (subscriber.status, subscriber.soft_bounces) == ("bounced", 3)
    assert Suppression.objects.get().reason == "bounced"


def test_remove_empties_the_mailbox_once_read(tmp_path, lists, committing):
    path = maildir_with(tmp_path, "postfix_hard.eml", "autoreply.eml")

    process(path, committing, "--remove")

    assert len(mailbox.Maildir(path, create=False)) == 0


def test_a_missing_mailbox_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="Cannot read the mailbox"):
        call_command("process_bounces", str(tmp_path / "nowhere"))


def test_a_bounced_address_is_not_subscribed_again_by_the_form(tmp_path, lists, committing, client, site_tree, smtp_server):
    make_active("gone@union.example", lists=[lists["newsletter-en"]])
    process(maildir_with(tmp_path, "postfix_hard.eml"), committing)

    client.post("/en/newsletter/subscribe/", {"email": "gone@union.example", "language": "en",
                                              "lists": [lists["newsletter-en"].pk]})

    assert smtp_server.messages == []
    assert Subscriber.objects.get().status == "bounced"


def test_a_message_to_the_unsubscribe_mailbox_unsubscribes_the_person(tmp_path, lists, committing, settings):
    settings.SUPPORTERS_UNSUBSCRIBE_MAILTO = "unsubscribe@solidarity.example"
    subscriber = make_active("reader@example.org", lists=[lists["newsletter-en"]])
    mailto = services.list_unsubscribe_headers(subscriber)["List-Unsubscribe"].split("<mailto:")[1].rstrip(">")
    subject = mailto.split("?subject=")[1].replace("%20", " ")
    box = mailbox.Maildir(tmp_path / "Maildir", create=True)
    box.add(f"From: reader@example.org\nTo: unsubscribe@solidarity.example\nSubject: {subject}\n\n".encode())
    box.add(b"From: x@example.org\nSubject: unsubscribe not-a-token-of-anyone-at-all-here\n\n")

    summary = process(str(tmp_path / "Maildir"), committing)

    assert "unsubscribe requests 1" in summary
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert Suppression.objects.get().note == "mailto"


def test_a_hard_bounce_of_an_unsubscribed_address_makes_its_suppression_one_only_staff_lift(lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])
    services.unsubscribe(subscriber, how="link")

    services.record_bounce(email=subscriber.email, kind="hard", status_code="5.1.1")

    suppression = Suppression.objects.get()
    assert (suppression.reason, suppression.note) == (Suppression.Reason.BOUNCED, "5.1.1")
    assert services.request_subscription(email=subscriber.email, lists=[lists["newsletter-en"]]) is None
