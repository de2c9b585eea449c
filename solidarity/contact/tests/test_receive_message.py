import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from solidarity.contact import services
from solidarity.contact.models import DUPLICATE_WINDOW, ContactMessage

from .conftest import message_data, receive


def test_the_same_message_sent_again_soon_is_the_same_stored_message(db):
    first = receive()
    second = receive(email="JANE@union.example ", message="Greetings  from Local 4400.")

    assert first.pk == second.pk
    assert ContactMessage.objects.count() == 1


def test_the_same_message_sent_again_after_the_window_is_a_new_message(db):
    first = receive()
    ContactMessage.objects.filter(pk=first.pk).update(
        created=timezone.now() - DUPLICATE_WINDOW - timedelta(minutes=1), duplicate_window=0
    )

    second = receive()

    assert second.pk != first.pk
    assert ContactMessage.objects.count() == 2


def test_a_different_message_from_the_same_person_is_stored_separately(db):
    receive()
    receive(message="A second, different message.")

    assert ContactMessage.objects.count() == 2


def test_the_ip_address_is_stored_only_as_a_keyed_hash(db, settings):
    message = receive(ip="203.0.113.7")

    assert "203.0.113" not in message.ip_hash
    settings.IP_HASH_KEY = "another key"
    assert receive(ip="203.0.113.7", subject="Other").ip_hash != message.ip_hash


def test_a_duplicate_is_acknowledged_even_when_the_sender_has_reached_the_limit(db, settings):
    settings.CONTACT_RATE_LIMIT = 1
    first = receive()

    assert receive().pk == first.pk
    with pytest.raises(services.TooManyRequests):
        receive(subject="Something new")
    assert ContactMessage.objects.count() == 1


def test_twenty_concurrent_submissions_of_the_same_message_store_exactly_one(committed_contact_page, smtp_server):
    url = committed_contact_page.url
    start = threading.Barrier(20)
    responses = []

    def submit():
        try:
            client = Client()
            start.wait()
            responses.append(client.post(url, message_data()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [response.status_code for response in responses] == [302] * 20
    assert all(response["Location"].endswith("?sent=1") for response in responses)
    assert ContactMessage.objects.count() == 1
    assert len(smtp_server.wait_for(1)) == 1
