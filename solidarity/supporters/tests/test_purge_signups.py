from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from solidarity.supporters import services
from solidarity.supporters.models import Consent, Subscriber, SubscriptionRequest

from .conftest import make_active


def aged(model, days, **filters):
    model.objects.filter(**filters).update(created_at=timezone.now() - timedelta(days=days))


def test_signups_never_confirmed_are_forgotten_with_their_address(lists, committing):
    with committing():
        services.request_subscription(email="old@example.org", lists=[lists["newsletter-en"]], ip="203.0.113.1")
        services.request_subscription(email="new@example.org", lists=[lists["newsletter-en"]], ip="203.0.113.1")
    aged(SubscriptionRequest, 60, subscriber__email="old@example.org")
    aged(Subscriber, 60, email="old@example.org")
    out = StringIO()

    call_command("purge_signups", stdout=out)

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]
    assert SubscriptionRequest.objects.count() == 1
    assert "requests 1, pending addresses 1" in out.getvalue()


def test_an_unsubscribed_person_keeps_their_record_while_an_old_request_goes(lists, committing):
    subscriber = make_active("left@example.org", lists=[lists["newsletter-en"]])
    subscriber.consents.create(source="signup form", text="x")
    services.unsubscribe(subscriber, how="link")
    with committing():
        services.request_subscription(email="left@example.org", lists=[lists["newsletter-en"]])
    aged(SubscriptionRequest, 60)
    aged(Subscriber, 60)

    services.purge_stale_signups()

    assert Subscriber.objects.get().status == "unsubscribed"
    assert not SubscriptionRequest.objects.exists()


def test_ip_hashes_are_cleared_after_ninety_days(lists):
    subscriber = make_active()
    old = Consent.objects.create(subscriber=subscriber, source="signup form", ip_hash="a" * 64,
                                 created_at=timezone.now() - timedelta(days=91))
    recent = Consent.objects.create(subscriber=subscriber, source="signup form", ip_hash="b" * 64)

    services.purge_stale_signups()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_hash, recent.ip_hash) == ("", "b" * 64)
