"""Two requests at the same moment (a double click that reaches two workers) store one
subscriber and confirm once."""

import threading

from django.db import connection

from solidarity.supporters import services
from solidarity.supporters.models import Consent, Subscriber, SubscriptionRequest


def at_once(function, count=2):
    errors = []
    barrier = threading.Barrier(count)

    def run():
        try:
            barrier.wait()
            function()
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_four_signups_of_one_address_at_once_store_one_subscriber_and_send_one_email(committed_db, smtp_server):
    newsletter = services.newsletter_lists("en").get()

    errors = at_once(lambda: services.request_subscription(email="jane@union.example", language="en",
                                                           lists=[newsletter], consent_text="text"), count=4)

    assert errors == []
    assert Subscriber.objects.count() == 1
    assert SubscriptionRequest.objects.count() == 1
    assert len(smtp_server.wait_for(1)) == 1


def test_two_confirmations_at_once_make_one_consent(committed_db, smtp_server):
    newsletter = services.newsletter_lists("en").get()
    request = services.request_subscription(email="jane@union.example", language="en", lists=[newsletter],
                                            consent_text="text")

    errors = at_once(lambda: services.confirm_subscription(token=request.token), count=3)

    assert errors == []
    assert Consent.objects.count() == 1
    assert Subscriber.objects.get().status == "active"
