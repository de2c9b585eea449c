"""Who may be written to is decided when the message goes, not when the send was scheduled."""

from solidarity.newsletter import services
from solidarity.newsletter.models import Delivery
from solidarity.supporters.models import Subscriber, Subscription

from .conftest import make_list, make_pair, make_subscriber, run_send, suppress


def test_readers_who_unsubscribed_or_were_suppressed_after_the_send_started_get_nothing(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    stays = make_subscriber("stays@example.org", lists=[newsletter])
    leaves = make_subscriber("leaves@example.org", lists=[newsletter])
    bounced = make_subscriber("bounced@example.org", lists=[newsletter])
    removed = make_subscriber("removed@example.org", lists=[newsletter])
    send = services.start_send(send=services.create_send(issue=en, lists=[newsletter]), enqueue=False)
    assert send.deliveries.count() == 4

    leaves.set_status(Subscriber.Status.UNSUBSCRIBED)
    suppress("Bounced@Example.org")
    Subscription.objects.filter(subscriber=removed).delete()
    result = services.process_send(send=send)

    assert result.sent == 1
    assert result.skipped == 3
    assert [envelope.rcpt_tos for envelope in smtp_server.envelopes] == [[stays.email]]
    skipped = set(Delivery.objects.filter(state=Delivery.State.SKIPPED).values_list("email", flat=True))
    assert skipped == {leaves.email, bounced.email, removed.email}
    assert send.progress()["skipped"] == 3


def test_pending_and_suppressed_readers_get_no_delivery_at_all(db, smtp_server):
    en, _fa = make_pair()
    newsletter = make_list()
    make_subscriber("active@example.org", lists=[newsletter])
    make_subscriber("pending@example.org", lists=[newsletter], status=Subscriber.Status.PENDING)
    make_subscriber("j.doe@gmail.com", lists=[newsletter])
    suppress("jdoe+news@googlemail.com")
    make_subscriber("elsewhere@example.org", lists=[make_list("branch-uk")])

    run_send(services.create_send(issue=en, lists=[newsletter]))

    assert [envelope.rcpt_tos for envelope in smtp_server.envelopes] == [["active@example.org"]]


def test_a_reader_on_two_of_the_lists_gets_one_message(db, smtp_server):
    en, _fa = make_pair()
    first, second = make_list(), make_list("urgent-actions")
    make_subscriber("both@example.org", lists=[first, second])

    run_send(services.create_send(issue=en, lists=[first, second]))

    assert len(smtp_server.messages) == 1
