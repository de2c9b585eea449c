from datetime import timedelta

import pytest

from solidarity.supporters import services
from solidarity.supporters.models import Consent, Subscriber, SubscriptionRequest, Suppression

from .conftest import links_in, make_active, path_of


@pytest.fixture
def signup(lists, committing):
    def make(email="jane@union.example", *, language="en", chosen=("newsletter-en",)):
        with committing():
            return services.request_subscription(
                email=email, name="Jane", language=language, lists=[lists[slug] for slug in chosen],
                consent_text=services.consent_text(language), consent_language=language,
            )
    return make


def confirm_path(request):
    return f"/{request.language}/newsletter/confirm/{request.token}/"


def test_opening_the_link_shows_a_button_and_changes_nothing(client, site_tree, signup):
    request = signup()

    for _ in range(3):  # mail scanners and link previews open links
        response = client.get(confirm_path(request))

    assert response.status_code == 200
    assert "Confirm my subscription" in response.text
    assert 'method="post"' in response.text
    assert "no-store" in response["Cache-Control"]
    request.refresh_from_db()
    assert request.confirmed_at is None
    assert request.subscriber.status == Subscriber.Status.PENDING


def test_confirming_twice_is_harmless(client, site_tree, signup):
    request = signup()

    first = client.post(confirm_path(request))
    second = client.post(confirm_path(request))
    again = client.get(confirm_path(request))

    for response in (first, second, again):
        assert response.status_code == 200
        assert "Your subscription is confirmed" in response.text
    assert Consent.objects.count() == 1
    assert Subscriber.objects.get().subscriptions.count() == 1


def test_the_confirmed_page_links_to_the_preferences(client, site_tree, signup):
    request = signup()

    response = client.post(confirm_path(request))

    assert f"/en/newsletter/preferences/{request.subscriber.token}/" in response.text


def test_an_expired_link_offers_a_new_one_that_works(client, site_tree, signup, smtp_server, settings):
    settings.SUPPORTERS_CONFIRMATION_DAYS = 7
    request = signup()
    SubscriptionRequest.objects.filter(pk=request.pk).update(created_at=request.created_at - timedelta(days=8))

    shown = client.get(confirm_path(request))
    refused = client.post(confirm_path(request))

    assert "This confirmation link has expired" in shown.text
    assert "This confirmation link has expired" in refused.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    renewed = client.post(confirm_path(request), {"action": "renew"})

    assert "Please check your inbox." in renewed.text
    new_mail = smtp_server.messages[-1]
    new_link = links_in(new_mail)[0]
    assert request.token not in new_link
    client.post(path_of(new_link))
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert list(subscriber.lists.values_list("slug", flat=True)) == ["newsletter-en"]


def test_an_unknown_link_is_not_found(client, site_tree, lists):
    assert client.get("/en/newsletter/confirm/not-a-real-token/").status_code == 404
    assert client.post("/en/newsletter/confirm/not-a-real-token/").status_code == 404


def test_confirming_again_after_unsubscribing_lifts_the_unsubscription(client, site_tree, signup, lists):
    subscriber = make_active("jane@union.example", lists=[lists["newsletter-en"]])
    services.unsubscribe(subscriber, how="link")
    assert Suppression.objects.get().reason == Suppression.Reason.UNSUBSCRIBED

    request = signup(chosen=("urgent-actions",))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED  # nothing changes before the click
    client.post(confirm_path(request))

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert not Suppression.objects.exists()
    assert list(subscriber.lists.values_list("slug", flat=True)) == ["urgent-actions"]


def test_an_address_that_bounced_meanwhile_is_not_subscribed_by_an_old_link(client, site_tree, signup):
    request = signup()
    Suppression.objects.create(email_key="jane@union.example", reason=Suppression.Reason.BOUNCED)

    response = client.post(confirm_path(request))

    assert "We cannot subscribe this address" in response.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_unsubscribing_voids_waiting_confirmation_links(client, site_tree, signup):
    request = signup()
    services.unsubscribe(request.subscriber, how="staff")

    assert client.post(confirm_path(request)).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_a_persian_link_confirms_on_a_persian_page(client, site_tree, signup):
    request = signup("ali@example.org", language="fa", chosen=("newsletter-fa",))

    response = client.post(confirm_path(request))

    assert 'lang="fa" dir="rtl"' in response.text
    assert "Your subscription is confirmed" not in response.text
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE


def test_asking_for_a_new_link_while_the_old_one_works_sends_nothing(client, site_tree, signup, smtp_server):
    request = signup()

    response = client.post(confirm_path(request), {"action": "renew"})

    assert "Confirm my subscription" in response.text
    assert len(smtp_server.messages) == 1  # the first confirmation only
    assert SubscriptionRequest.objects.count() == 1
