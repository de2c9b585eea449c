"""One reader whose message cannot go (an address SMTP cannot carry, stored before addresses were
checked, or a reader the server refuses for good) never holds back the others: that delivery
fails with its reason, once, and the batch goes on."""

from solidarity.newsletter import services
from solidarity.newsletter.models import Delivery, Send
from tests.mailserver import LocalSMTPServer

from .conftest import make_issue, make_list, make_subscriber, run_send


def test_a_poisoned_address_between_good_ones_fails_alone_and_is_not_retried(db, smtp_server, settings):
    settings.NEWSLETTER_BATCH_SIZE = 10
    newsletter = make_list()
    make_subscriber("first@example.org", name="First", lists=[newsletter])
    poisoned = make_subscriber("a@ex\u202eample.org", name="Hidden", lists=[newsletter])
    make_subscriber("last@example.org", lists=[newsletter])
    make_subscriber("bücher@example.org", lists=[newsletter])
    send = services.create_send(issue=make_issue(), lists=[newsletter])

    result = run_send(send)

    assert sorted(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes) == [
        "first@example.org", "last@example.org"]
    assert result.sent == 2 and result.failed == 2 and result.outcome == "done"
    failed = Delivery.objects.get(subscriber=poisoned)
    assert failed.state == Delivery.State.FAILED
    assert "hidden or invisible character" in failed.error
    assert "address refused before sending" in Delivery.objects.get(email="bücher@example.org").error
    send.refresh_from_db()
    assert send.status == Send.Status.SENT

    again = services.process_send(send=send)

    assert again.sent == 0 and again.failed == 0
    assert len(smtp_server.messages) == 2
    assert Delivery.objects.get(subscriber=poisoned).attempts == 1


def test_an_international_domain_is_sent_in_idna(db, smtp_server):
    newsletter = make_list()
    make_subscriber("ali@bücher.example", name="Ali", lists=[newsletter])
    send = services.create_send(issue=make_issue(), lists=[newsletter])

    result = run_send(send)

    assert result.sent == 1
    assert smtp_server.envelopes[0].rcpt_tos == ["ali@xn--bcher-kva.example"]


def test_the_progress_page_shows_the_failed_delivery_and_why(db, smtp_server, client, django_user_model):
    newsletter = make_list()
    make_subscriber("good@example.org", lists=[newsletter])
    make_subscriber("a@ex\u200bample.org", lists=[newsletter])
    send = services.create_send(issue=make_issue(), lists=[newsletter])
    run_send(send)
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))

    page = client.get(f"/admin/newsletter/sends/{send.pk}/")

    assert "hidden or invisible character" in page.text


class RefusingSMTPServer(LocalSMTPServer):
    """Refuses some readers for good at RCPT (550) and others after their DATA (554)."""

    def __init__(self, *, at_rcpt=(), at_data=()):
        super().__init__()
        self.at_rcpt = set(at_rcpt)
        self.at_data = set(at_data)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.at_rcpt:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if envelope.rcpt_tos[0] in self.at_data:
            return "554 5.7.1 Message refused"
        return await super().handle_DATA(server, session, envelope)


def test_readers_the_server_refuses_for_good_fail_once_and_never_hold_back_the_others(db, settings):
    refused = [f"gone{number}@example.org" for number in range(3)] + ["spam-filter@example.org"]
    server = RefusingSMTPServer(at_rcpt=refused[:3], at_data=refused[3:])
    server.up()
    try:
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        settings.NEWSLETTER_BATCH_SIZE = 10
        newsletter = make_list()
        # More refusals in a row than a server is allowed before it is given a rest: permanent
        # refusals are about the reader, not the server.
        for email in [*refused, "reader@example.org"]:
            make_subscriber(email, lists=[newsletter])
        send = services.create_send(issue=make_issue(), lists=[newsletter])

        result = run_send(send)
        again = services.process_send(send=send)
    finally:
        server.down()

    assert [envelope.rcpt_tos for envelope in server.envelopes] == [["reader@example.org"]]
    assert result.sent == 1 and result.failed == 4 and result.outcome == "done"
    assert again.sent == 0 and again.failed == 0
    failed = {delivery.email: delivery for delivery in Delivery.objects.filter(state=Delivery.State.FAILED)}
    assert sorted(failed) == sorted(refused)
    assert {delivery.attempts for delivery in failed.values()} == {1}
    assert failed["gone0@example.org"].error == "550 5.1.1 No such mailbox"
    assert failed["spam-filter@example.org"].error == "554 5.7.1 Message refused"
