import re
from datetime import timedelta

from django.db.models import F

from solidarity.supporters.models import Consent, Subscriber, SubscriptionRequest, Suppression

from .conftest import html_part, links_in, make_active, path_of, signup_data, text_part

URL = "/en/newsletter/subscribe/"
FA_URL = "/fa/newsletter/subscribe/"


def test_the_form_offers_the_public_lists_and_says_what_we_do_with_the_address(client, site_tree, lists):
    lists["branch-sweden"].is_public = False
    lists["branch-sweden"].save()

    response = client.get(URL)

    assert response.status_code == 200
    for text in ("Your e-mail address", "Newsletter in English", "Urgent actions", "UK branch",
                 "do not track whether you open our messages", 'name="csrfmiddlewaretoken"'):
        assert text in response.text
    assert "Sweden branch" not in response.text
    assert "no-store" in response["Cache-Control"]


def test_the_newsletter_in_the_page_language_is_ticked_at_first(client, site_tree, lists):
    english = client.get(URL).text
    persian = client.get(FA_URL).text

    assert f'value="{lists["newsletter-en"].pk}" id="id_lists_0" checked' in english
    assert 'lang="fa" dir="rtl"' in persian
    assert "خبرنامه به فارسی" in persian
    assert f'value="{lists["newsletter-fa"].pk}" id="id_lists_1" checked' in persian


def test_the_address_from_the_footer_box_is_filled_in(client, site_tree, lists):
    response = client.get(URL, {"email": "ali@example.org"})

    assert 'value="ali@example.org"' in response.text


def test_signing_up_stores_a_pending_subscriber_and_mails_a_confirmation_link(client, site_tree, lists, smtp_server):
    response = client.post(URL, signup_data(lists), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?sent=1"
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.name, subscriber.status) == (
        "jane.worker@union.example", "Jane Worker", Subscriber.Status.PENDING)
    request = SubscriptionRequest.objects.get()
    assert {lst.slug for lst in request.lists.all()} == {"newsletter-en", "urgent-actions"}
    assert "do not track" in request.consent_text and request.consent_language == "en"
    assert len(request.ip_hash) == 64 and "203.0.113" not in request.ip_hash
    assert not subscriber.lists.exists() and not Consent.objects.exists()

    [mail] = smtp_server.messages
    assert mail["To"] == "jane.worker@union.example"
    assert mail["Subject"] == "Please confirm your subscription"
    assert "Dear Jane Worker," in text_part(mail)
    assert "- Newsletter in English" in text_part(mail)
    [link] = links_in(mail)
    assert link == f"http://127.0.0.1:8000/en/newsletter/confirm/{request.token}/"
    assert link in html_part(mail)
    assert 'dir="ltr"' in html_part(mail)

    page = client.get("/en/newsletter/subscribe/?sent=1")
    assert "Please check your inbox." in page.text


def test_double_opt_in_from_signup_to_the_confirmation_button(site_tree, lists, smtp_server, new_client):
    browser = new_client()
    browser.post(URL, signup_data(lists))
    [mail] = smtp_server.messages
    confirm_path = path_of(links_in(mail)[0])

    page = browser.get(confirm_path)
    assert "Confirm my subscription" in page.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # a GET never confirms

    done = browser.post(confirm_path, REMOTE_ADDR="198.51.100.4")

    assert "Your subscription is confirmed" in done.text
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert subscriber.confirmed_at is not None
    assert sorted(subscriber.lists.values_list("slug", flat=True)) == ["newsletter-en", "urgent-actions"]
    [consent] = subscriber.consents.all()
    assert consent.source == "signup form"
    assert consent.text.startswith("We will e-mail you the lists you chose")
    assert consent.language == "en"


def test_a_persian_signup_gets_a_persian_right_to_left_email(client, site_tree, lists, smtp_server):
    client.post(FA_URL, signup_data(lists, language="fa", name="علی رضایی", lists=[lists["newsletter-fa"].pk]))

    [mail] = smtp_server.messages
    assert mail["Subject"].strip() == "لطفاً اشتراک خود را تأیید کنید"
    assert "علی رضایی" in text_part(mail)
    assert "خبرنامه به فارسی" in text_part(mail)
    assert re.search(r"این پیوند تا [۰-۹]+ \S+ [۰-۹]{4} \([۰-۹]+ \S+ [۰-۹]{4}\) کار می‌کند", text_part(mail))  # Jalali, then Gregorian
    assert '<html lang="fa" dir="rtl">' in html_part(mail)
    assert "/fa/newsletter/confirm/" in links_in(mail)[0]
    request = SubscriptionRequest.objects.get()
    assert request.consent_language == "fa" and "ما" in request.consent_text


def test_every_address_gets_the_same_page_and_an_active_one_gets_a_note_instead(client, site_tree, lists, smtp_server):
    make_active("ali@example.org", lists=[lists["newsletter-en"]])

    known = client.post(URL, signup_data(lists, email="ali@example.org"))
    unknown = client.post(URL, signup_data(lists, email="new@example.org"))

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert SubscriptionRequest.objects.filter(subscriber__email="ali@example.org").count() == 0
    by_address = {mail["To"]: mail for mail in smtp_server.messages}
    assert by_address["ali@example.org"]["Subject"] == "You are already subscribed"
    assert "/en/newsletter/preferences/" in links_in(by_address["ali@example.org"])[0]
    assert by_address["new@example.org"]["Subject"] == "Please confirm your subscription"


def test_a_bounced_or_complained_address_is_not_mailed_and_the_page_is_the_same(client, site_tree, lists, smtp_server):
    Suppression.objects.create(email_key="gone@example.org", reason=Suppression.Reason.BOUNCED)
    Suppression.objects.create(email_key="angry@example.org", reason=Suppression.Reason.COMPLAINED)

    answers = [client.post(URL, signup_data(lists, email=address)) for address in ("gone@example.org", "Angry@Example.org")]

    assert [answer["Location"] for answer in answers] == [f"{URL}?sent=1"] * 2
    assert smtp_server.messages == []
    assert not SubscriptionRequest.objects.exists()


def test_a_gmail_address_in_another_form_is_the_same_suppressed_mailbox(client, site_tree, lists, smtp_server):
    Suppression.objects.create(email_key="Jane.Doe@gmail.com", reason=Suppression.Reason.COMPLAINED)

    client.post(URL, signup_data(lists, email="janedoe+news@googlemail.com"))

    assert smtp_server.messages == []


def test_a_double_submit_sends_one_email(client, site_tree, lists, smtp_server):
    for _ in range(2):
        client.post(URL, signup_data(lists))

    assert len(smtp_server.messages) == 1
    assert SubscriptionRequest.objects.count() == 1


def test_the_same_signup_again_after_two_minutes_is_a_new_request_with_its_own_email(client, site_tree, lists,
                                                                                   smtp_server):
    client.post(URL, signup_data(lists))
    SubscriptionRequest.objects.update(created_at=F("created_at") - timedelta(seconds=121))

    client.post(URL, signup_data(lists))

    assert len(smtp_server.messages) == 2
    assert SubscriptionRequest.objects.count() == 2


def test_nobody_can_flood_a_strangers_inbox_through_the_form(client, site_tree, lists, smtp_server):
    for number in range(6):
        client.post(URL, signup_data(lists, name=f"Attempt {number}"), REMOTE_ADDR=f"198.51.100.{number}")

    assert len(smtp_server.messages) == 3


def test_the_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_stored(client, site_tree, lists, smtp_server):
    response = client.post(URL, signup_data(lists, website="http://spam.example"))

    assert response["Location"] == f"{URL}?sent=1"
    assert not Subscriber.objects.exists()
    assert smtp_server.messages == []


def test_too_many_signups_from_one_connection_are_refused_and_the_form_kept(client, site_tree, lists, settings, smtp_server):
    settings.SUPPORTERS_SIGNUP_RATE_LIMIT = 2
    for number in range(2):
        client.post(URL, signup_data(lists, email=f"person{number}@example.org"), REMOTE_ADDR="203.0.113.9")

    response = client.post(URL, signup_data(lists, email="third@example.org"), REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429
    assert "Please try again later" in response.text
    assert 'value="third@example.org"' in response.text
    assert not Subscriber.objects.filter(email="third@example.org").exists()


def test_mistakes_are_explained_and_what_was_typed_is_kept(client, site_tree, lists):
    response = client.post(URL, signup_data(lists, email="not an address", lists=[], name="<script>alert(1)</script>"))

    assert response.status_code == 200
    assert "This does not look like an e-mail address" in response.text
    assert "Please choose at least one list." in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert(1)" not in response.text
    assert not Subscriber.objects.exists()


def test_the_persian_form_explains_mistakes_in_persian(client, site_tree, lists):
    response = client.post(FA_URL, signup_data(lists, email="", lists=[]))

    assert "لطفاً" in response.text
    assert "Please choose at least one list." not in response.text


def test_a_name_with_control_characters_is_refused(client, site_tree, lists):
    response = client.post(URL, signup_data(lists, name="Jane\r\nBcc: all@example.org"))

    assert "control characters" in response.text
    assert not Subscriber.objects.exists()


def test_a_list_that_is_not_public_cannot_be_chosen(client, site_tree, lists):
    lists["branch-uk"].is_public = False
    lists["branch-uk"].save()

    response = client.post(URL, signup_data(lists, lists=[lists["branch-uk"].pk]))

    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_a_huge_input_is_refused_politely(client, site_tree, lists):
    response = client.post(URL, signup_data(lists, name="x" * 100_000, email="a" * 300 + "@example.org"))

    assert response.status_code == 200
    assert "Please shorten this" in response.text
    assert not Subscriber.objects.exists()


def test_an_address_with_a_hidden_character_is_refused_and_what_was_typed_is_kept(client, site_tree, lists):
    response = client.post(URL, signup_data(lists, email="jane@un\u202eion.example", name="Jane Worker"))

    assert response.status_code == 200
    assert "hidden or invisible character" in response.text
    assert 'value="Jane Worker"' in response.text
    assert not Subscriber.objects.exists()


def test_hidden_controls_are_dropped_from_a_name_and_persian_keeps_its_zwnj(client, site_tree, lists):
    client.post(URL, signup_data(lists, name="\u202eسارا\u200f می\u200cخواهد\u200b"))

    assert SubscriptionRequest.objects.get().name == "سارا می\u200cخواهد"


def test_the_answer_never_tells_what_we_know_of_an_address(site_tree, lists, smtp_server, settings):
    """New, pending, active, unsubscribed, bounced, complained, erased or mail-limited: the same
    status, page and address, and no mail server on the request's path (mail only from the worker)."""
    from django.test import Client

    from solidarity.supporters import services

    settings.SUPPORTERS_MAILS_PER_ADDRESS = 1
    make_active("active@example.org", lists=[lists["newsletter-en"]])
    Subscriber.objects.create(email="pending@example.org")
    for email, reason in (("unsubscribed@example.org", "unsubscribed"), ("bounced@example.org", "bounced"),
                          ("complained@example.org", "complained")):
        Suppression.objects.create(email_key=email, reason=reason)
    services.suppress(services.erased_key("erased@example.org"), reason="erased")
    services._may_mail("limited@example.org")
    smtp_server.down()  # an answer that waited for the mail server would fail or hang here

    answers = set()
    for email in ("new@example.org", "pending@example.org", "active@example.org", "unsubscribed@example.org",
                  "bounced@example.org", "complained@example.org", "erased@example.org", "limited@example.org"):
        response = Client().post(URL, signup_data(lists, email=email))
        answers.add((response.status_code, response["Location"], response.content,
                     "no-store" in response.get("Cache-Control", "")))
        assert not response.cookies

    assert answers == {(302, "/en/newsletter/subscribe/?sent=1", b"", True)}


def test_the_persian_form_explains_a_hidden_character_in_persian(client, site_tree, lists):
    response = client.post(FA_URL, signup_data(lists, email="sara@un\u200fion.example"))

    assert "نویسهٔ پنهان یا نامرئی" in response.text
    assert not Subscriber.objects.exists()
