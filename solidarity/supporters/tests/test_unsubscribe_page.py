from solidarity.supporters import services
from solidarity.supporters.models import Subscriber, Suppression

from .conftest import make_active


def url(subscriber):
    return f"/{subscriber.language}/newsletter/unsubscribe/{subscriber.token}/"


def test_opening_the_link_shows_a_button_and_unsubscribes_nobody(client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])

    response = client.get(url(subscriber))

    assert "Press the button to stop all our mail" in response.text
    assert subscriber.__class__.objects.get().status == Subscriber.Status.ACTIVE
    assert "no-store" in response["Cache-Control"]


def test_one_click_unsubscribe_by_a_post_without_session_cookies_or_csrf_token(new_client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])
    mail_client = new_client(enforce_csrf_checks=True)
    assert not mail_client.cookies  # no session, no CSRF cookie: as a mail client posts

    response = mail_client.post(url(subscriber), "List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    suppression = Suppression.objects.get()
    assert (suppression.email_key, suppression.reason, suppression.note) == ("ali@example.org", "unsubscribed", "one-click")
    assert not services.sendable_subscribers([lists["newsletter-en"]]).exists()


def test_the_button_on_the_page_unsubscribes_too(new_client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])

    response = new_client(enforce_csrf_checks=True).post(url(subscriber))

    assert "You are unsubscribed" in response.text
    assert Suppression.objects.get().note == "link"


def test_unsubscribing_twice_is_harmless(client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])

    client.post(url(subscriber))
    response = client.post(url(subscriber))

    assert response.status_code == 200
    assert Suppression.objects.count() == 1


def test_a_wrong_token_is_not_found_and_unsubscribes_nobody(client, site_tree, lists):
    make_active(lists=[lists["newsletter-en"]])

    assert client.post("/en/newsletter/unsubscribe/guessed/").status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE


def test_the_headers_for_every_newsletter(lists, settings):
    settings.SITE_URL = "https://solidarity.example"
    subscriber = make_active(language="fa")

    headers = services.list_unsubscribe_headers(subscriber)

    assert headers == {
        "List-Unsubscribe": f"<https://solidarity.example/fa/newsletter/unsubscribe/{subscriber.token}/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert services.preferences_url(subscriber) == f"https://solidarity.example/fa/newsletter/preferences/{subscriber.token}/"


def test_a_mailto_address_is_offered_when_one_is_configured(lists, settings):
    settings.SUPPORTERS_UNSUBSCRIBE_MAILTO = "unsubscribe@solidarity.example"
    subscriber = make_active()

    header = services.list_unsubscribe_headers(subscriber)["List-Unsubscribe"]

    assert header.endswith(f", <mailto:unsubscribe@solidarity.example?subject=unsubscribe%20{subscriber.token}>")


def test_a_rotated_token_retires_the_old_links(client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])
    old = url(subscriber)

    subscriber.rotate_token()

    assert client.get(old).status_code == 404
    assert client.get(url(subscriber)).status_code == 200


def test_unsubscribing_after_a_bounce_keeps_the_address_suppressed_as_bounced(client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])
    services.record_bounce(email=subscriber.email, kind="hard", status_code="5.1.1")

    client.post(url(subscriber))

    # "Unsubscribed" would be lifted by the next confirmed signup; a bounce is lifted by staff only.
    assert Suppression.objects.get().reason == Suppression.Reason.BOUNCED
    assert services.request_subscription(email=subscriber.email, lists=[lists["newsletter-en"]]) is None
