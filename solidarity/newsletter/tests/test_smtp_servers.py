"""Several SMTP servers, each with its own rate limit; pipelining where a server offers it."""

import time

from solidarity.newsletter import services
from solidarity.newsletter.models import Delivery
from tests.mailserver import LocalSMTPServer

from .conftest import make_list, make_pair, make_subscriber, run_send, text_part


class PipeliningSMTPServer(LocalSMTPServer):
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]


def test_a_send_is_shared_between_two_servers_and_each_reader_gets_one_message(
        db, smtp_server, second_smtp_server, settings):
    settings.NEWSLETTER_SMTP_SERVERS = [
        {"host": smtp_server.host, "port": smtp_server.port, "rate": 0},
        {"host": second_smtp_server.host, "port": second_smtp_server.port, "rate": 0},
    ]
    en, _fa = make_pair()
    newsletter = make_list()
    emails = [f"reader{number}@example.org" for number in range(16)]
    for email in emails:
        make_subscriber(email, lists=[newsletter])

    run_send(services.create_send(issue=en, lists=[newsletter]))

    first = [envelope.rcpt_tos[0] for envelope in smtp_server.envelopes]
    second = [envelope.rcpt_tos[0] for envelope in second_smtp_server.envelopes]
    assert first and second
    assert sorted(first + second) == sorted(emails)


def test_outside_a_transaction_each_connection_sends_in_its_own_thread_and_each_reader_gets_one_message(
        committed_db, smtp_server, second_smtp_server, settings):
    settings.NEWSLETTER_SMTP_SERVERS = [
        {"host": smtp_server.host, "port": smtp_server.port, "rate": 0, "connections": 2},
        {"host": second_smtp_server.host, "port": second_smtp_server.port, "rate": 0},
    ]
    settings.NEWSLETTER_BATCH_SIZE = 2
    en, _fa = make_pair()
    newsletter = make_list()
    emails = [f"reader{number}@example.org" for number in range(16)]
    for email in emails:
        make_subscriber(email, lists=[newsletter])

    run_send(services.create_send(issue=en, lists=[newsletter]))

    received = [envelope.rcpt_tos[0] for envelope in smtp_server.envelopes + second_smtp_server.envelopes]
    assert sorted(received) == sorted(emails)
    assert smtp_server.envelopes and second_smtp_server.envelopes
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 16


def test_the_rate_limit_of_a_server_spaces_its_messages(db, smtp_server, settings):
    settings.NEWSLETTER_SMTP_SERVERS = [{"host": smtp_server.host, "port": smtp_server.port, "rate": 20}]
    en, _fa = make_pair()
    newsletter = make_list()
    for number in range(11):
        make_subscriber(f"reader{number}@example.org", lists=[newsletter])
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)

    started = time.monotonic()
    services.process_send(send=send)

    # 11 messages at 20 a second: the last may go no sooner than half a second after the first.
    assert time.monotonic() - started >= 0.5
    assert len(smtp_server.messages) == 11


def test_a_server_offering_pipelining_gets_the_same_messages(db, settings):
    server = PipeliningSMTPServer()
    server.up()
    try:
        settings.NEWSLETTER_SMTP_SERVERS = [{"host": server.host, "port": server.port}]
        en, _fa = make_pair()
        newsletter = make_list()
        ali = make_subscriber("ali@example.org", lists=[newsletter])
        make_subscriber("sara@example.org", language="fa", lists=[newsletter])

        run_send(services.create_send(issue=en, lists=[newsletter]))
    finally:
        server.down()

    assert sorted(envelope.rcpt_tos[0] for envelope in server.envelopes) == ["ali@example.org", "sara@example.org"]
    english = next(mail for mail in server.messages if mail["To"] == "ali@example.org")
    assert ali.token in text_part(english)


def test_a_message_with_a_line_starting_with_a_dot_arrives_whole(db, smtp_server):
    from .conftest import make_issue

    issue = make_issue(items=[{"heading": "Dots", "text": "<p>x</p>"}])
    issue.items.update(summary=".\n.hidden line\n..two dots")
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])

    run_send(services.create_send(issue=issue, lists=[newsletter]))

    assert ".hidden line\n..two dots" in text_part(smtp_server.messages[0]).replace("\r\n", "\n")


class RefusingPipeliningSMTPServer(PipeliningSMTPServer):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("gone"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_reader_a_pipelining_server_refuses_fails_alone_and_the_next_readers_get_theirs(db, settings):
    server = RefusingPipeliningSMTPServer()
    server.up()
    try:
        settings.NEWSLETTER_SMTP_SERVERS = [{"host": server.host, "port": server.port}]
        en, _fa = make_pair()
        newsletter = make_list()
        for email in ("first@example.org", "gone@example.org", "gone2@example.org", "last@example.org"):
            make_subscriber(email, lists=[newsletter])

        result = run_send(services.create_send(issue=en, lists=[newsletter]))
    finally:
        server.down()

    assert [envelope.rcpt_tos for envelope in server.envelopes] == [["first@example.org"], ["last@example.org"]]
    assert (result.sent, result.failed, result.outcome) == (2, 2, "done")
    assert set(Delivery.objects.filter(state=Delivery.State.FAILED).values_list("email", "error")) == {
        ("gone@example.org", "550 5.1.1 No such mailbox"), ("gone2@example.org", "550 5.1.1 No such mailbox")}
