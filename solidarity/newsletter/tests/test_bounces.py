"""A bounce report read by the supporters app marks the delivery it names as bounced."""

from solidarity.newsletter import services
from solidarity.newsletter.models import Delivery
from solidarity.supporters.signals import bounce_received

from .conftest import make_list, make_pair, make_subscriber, run_send


def test_a_bounce_naming_the_message_id_marks_that_delivery_bounced(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("gone@example.org", lists=[newsletter])
    make_subscriber("fine@example.org", lists=[newsletter])
    send = services.create_send(issue=en, lists=[newsletter])
    run_send(send)
    mail = next(mail for mail in smtp_server.messages if mail["To"] == "gone@example.org")

    bounce_received.send(sender=None, email="gone@example.org", kind="hard", message_id=mail["Message-ID"])

    gone = Delivery.objects.get(email="gone@example.org")
    assert gone.state == Delivery.State.BOUNCED
    assert gone.error == "bounce: hard"
    assert Delivery.objects.get(email="fine@example.org").state == Delivery.State.SENT
    assert send.progress()["bounced"] == 1
    assert send.progress()["sent"] == 1


def test_a_bounce_without_message_id_marks_the_latest_delivery_to_that_address(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("Full@Example.org", lists=[newsletter])
    run_send(services.create_send(issue=en, lists=[newsletter]))

    bounce_received.send(sender=None, email="FULL@example.org", kind="soft", message_id="")

    assert Delivery.objects.get().state == Delivery.State.BOUNCED


def test_a_bounce_for_a_message_we_never_sent_changes_nothing(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("ali@example.org", lists=[newsletter])
    run_send(services.create_send(issue=en, lists=[newsletter]))

    bounce_received.send(sender=None, email="ali@example.org", kind="hard",
                         message_id="<newsletter.1.999999.0123456789abcdef@solidarity.example>")
    bounce_received.send(sender=None, email="ali@example.org", kind="hard", message_id="<other@elsewhere.example>")

    assert Delivery.objects.get().state == Delivery.State.SENT
