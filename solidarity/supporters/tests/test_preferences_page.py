from solidarity.supporters.models import Subscriber, Suppression

from .conftest import links_in, make_active, path_of


def url(subscriber, language="en"):
    return f"/{language}/newsletter/preferences/{subscriber.token}/"


def test_the_personal_link_shows_the_choices_without_a_login(client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"], lists["branch-uk"]])

    response = client.get(url(subscriber))

    assert response.status_code == 200
    assert "ali@example.org" in response.text
    assert f'value="{lists["branch-uk"].pk}" id="id_lists_3" checked' in response.text
    assert f'value="{lists["urgent-actions"].pk}" id="id_lists_2">' in response.text
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.text


def test_a_wrong_link_is_not_found(client, site_tree, lists):
    assert client.get("/en/newsletter/preferences/guess/").status_code == 404


def test_changing_lists_name_and_language(client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"], lists["branch-uk"]])

    response = client.post(url(subscriber), {
        "action": "save", "name": "Ali Rezaei", "language": "fa",
        "lists": [lists["newsletter-fa"].pk, lists["urgent-actions"].pk],
    })

    assert response.status_code == 302
    assert response["Location"] == f"/fa/newsletter/preferences/{subscriber.token}/?done=saved"
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.language) == ("Ali Rezaei", "fa")
    assert sorted(subscriber.lists.values_list("slug", flat=True)) == ["newsletter-fa", "urgent-actions"]


def test_a_list_staff_added_that_is_not_offered_publicly_stays(client, site_tree, lists):
    hidden = lists["branch-sweden"]
    hidden.is_public = False
    hidden.save()
    subscriber = make_active(lists=[lists["newsletter-en"], hidden])

    client.post(url(subscriber), {"action": "save", "name": "Ali", "language": "en",
                                  "lists": [lists["urgent-actions"].pk]})

    assert sorted(subscriber.lists.values_list("slug", flat=True)) == ["branch-sweden", "urgent-actions"]


def test_unsubscribing_from_everything(client, site_tree, lists):
    subscriber = make_active(lists=[lists["newsletter-en"]])

    response = client.post(url(subscriber), {"action": "unsubscribe"})
    page = client.get(response["Location"])

    assert "You are unsubscribed" in page.text
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert not subscriber.lists.exists()
    assert Suppression.objects.get().reason == Suppression.Reason.UNSUBSCRIBED


def test_subscribing_again_from_the_page_needs_a_new_confirmation(client, site_tree, lists, smtp_server):
    subscriber = make_active(lists=[lists["newsletter-en"]])
    client.post(url(subscriber), {"action": "unsubscribe"})

    client.post(url(subscriber), {"action": "resubscribe"})

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    [mail] = smtp_server.messages
    client.post(path_of(links_in(mail)[0]))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert not Suppression.objects.exists()


def test_the_page_in_persian_reads_right_to_left(client, site_tree, lists):
    subscriber = make_active(language="fa", lists=[lists["newsletter-fa"]])

    response = client.get(url(subscriber, "fa"))

    assert 'lang="fa" dir="rtl"' in response.text
    assert "خبرنامه به فارسی" in response.text


def test_a_bounced_subscriber_cannot_turn_mail_back_on_from_the_page(client, site_tree, lists, smtp_server):
    subscriber = make_active(lists=[lists["newsletter-en"]])
    subscriber.set_status(Subscriber.Status.BOUNCED)

    client.post(url(subscriber), {"action": "resubscribe"})
    client.post(url(subscriber), {"action": "save", "name": "x", "language": "en", "lists": [lists["urgent-actions"].pk]})

    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.BOUNCED
    assert list(subscriber.lists.values_list("slug", flat=True)) == ["newsletter-en"]
    assert smtp_server.messages == []
