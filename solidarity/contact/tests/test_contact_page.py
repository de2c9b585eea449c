from django.utils.html import escape

from solidarity.contact.models import ContactMessage, NotificationStatus
from solidarity.publishing.models import SiteIdentity

from .conftest import message_data

URL = "/en/contact-us/"


def test_the_page_shows_the_form_and_the_contact_address_as_a_plain_link(client, contact_page):
    identity = SiteIdentity.load()
    identity.contact_email = "info@alliance.example"
    identity.save()

    response = client.get(URL)

    assert response.status_code == 200
    assert '<a href="mailto:info@alliance.example">info@alliance.example</a>' in response.text
    for label in ("Your name", "Your e-mail address", "Subject", "Message", "Send message"):
        assert label in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text


def test_the_form_is_never_kept_in_a_shared_cache(client, contact_page):
    get = client.get(URL)
    post = client.post(URL, message_data(email="not-an-address"))

    for response in (get, post):
        cache_control = response["Cache-Control"]
        assert "private" in cache_control
        assert "no-store" in cache_control


def test_with_the_page_cache_on_every_visitor_gets_a_fresh_form(client, contact_page, settings):
    settings.PAGE_CACHE_SECONDS = 600

    responses = [client.get(URL), client.get("/en/contact-us/?sent=1"), client.get(URL)]

    assert all("X-Cache" not in response for response in responses)
    assert client.get("/en/").get("X-Cache") in ("miss", "hit")  # the cache is on


def test_a_valid_message_is_stored_and_staff_receive_it_by_email(client, contact_page, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, message_data(), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?sent=1"
    assert "no-store" in response["Cache-Control"]
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.subject, stored.language) == (
        "Jane Worker", "jane@union.example", "Solidarity from Local 4400", "en"
    )
    assert stored.message == "Our local adopted a resolution in support of workers in Iran."
    assert stored.notification_status == NotificationStatus.SENT
    assert stored.notification_attempts == 1
    assert "203.0.113.7" not in stored.ip_hash and len(stored.ip_hash) == 64

    [mail] = smtp_server.messages
    assert mail["To"] == "staff@alliance.example"
    assert mail["Subject"] == "Contact form: Solidarity from Local 4400"
    assert mail["Reply-To"] == "Jane Worker <jane@union.example>"
    body = mail.get_content()
    assert "Our local adopted a resolution in support of workers in Iran." in body
    assert "From: Jane Worker <jane@union.example>" in body
    assert f"/admin/snippets/contact/contactmessage/inspect/{stored.pk}/" in body


def test_after_sending_the_person_sees_the_thank_you_text(client, contact_page):
    contact_page.thank_you_text = "<p>We will answer within a week.</p>"
    contact_page.save_revision().publish()

    response = client.post(URL, message_data(), follow=True)

    assert response.status_code == 200
    assert "Thank you, your message has been received." in response.text
    assert "We will answer within a week." in response.text
    assert 'name="message"' not in response.text


def test_an_invalid_email_gets_a_clear_error_and_keeps_what_was_typed(client, contact_page):
    response = client.post(URL, message_data(email="jane-at-union"))

    assert response.status_code == 200
    assert "This does not look like an e-mail address" in response.text
    assert 'value="jane-at-union"' in response.text
    assert 'value="Jane Worker"' in response.text
    assert "Our local adopted a resolution in support of workers in Iran." in response.text
    assert not ContactMessage.objects.exists()


def test_an_empty_form_says_what_is_missing(client, contact_page):
    response = client.post(URL, {"name": "", "email": "", "subject": "", "message": "", "website": ""})

    assert response.status_code == 200
    for error in (
        "Please tell us your name.",
        "Please give an e-mail address so that we can reply.",
        "Please give your message a subject.",
        "Please write your message.",
    ):
        assert error in response.text
    assert not ContactMessage.objects.exists()


def test_a_post_with_no_fields_at_all_says_what_is_missing(client, contact_page):
    response = client.post(URL)

    assert "Please tell us your name." in response.text
    assert not ContactMessage.objects.exists()


def test_an_oversized_message_is_refused_with_its_text_kept(client, contact_page):
    long_message = "Solidarity. " * 900  # 10,800 characters

    response = client.post(URL, message_data(message=long_message))

    assert "Please shorten this to at most 10000 characters (it has 10799)." in response.text
    assert long_message.strip() in response.text
    assert not ContactMessage.objects.exists()


def test_a_message_of_exactly_the_limit_is_accepted(client, contact_page):
    response = client.post(URL, message_data(message="x" * 10_000))

    assert response.status_code == 302
    assert len(ContactMessage.objects.get().message) == 10_000


def test_null_bytes_and_control_characters_are_refused_cleanly(client, contact_page):
    response = client.post(URL, message_data(name="Jane\x00", subject="Hello\x1b[31m"))

    assert response.status_code == 200
    assert response.text.count("This contains characters that cannot be sent") == 2
    assert not ContactMessage.objects.exists()


def test_bytes_that_are_not_utf8_do_not_break_the_page(client, contact_page):
    body = "name=Jane%FF%FE&email=jane%40union.example&subject=Hi&message=Solidarity%C3&website="

    response = client.post(URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302
    assert ContactMessage.objects.get().name == "Jane\ufffd\ufffd"


def test_a_name_with_a_line_break_cannot_reach_the_mail_headers(client, contact_page):
    response = client.post(URL, message_data(subject="Hi\r\nBcc: victim@example.org"))

    assert "This contains characters that cannot be sent" in response.text
    assert not ContactMessage.objects.exists()


def test_script_typed_into_the_form_is_shown_back_as_text(client, contact_page):
    script = "<script>alert('x')</script>"

    response = client.post(URL, message_data(email="bad", message=script))

    assert script not in response.text
    assert escape(script) in response.text


def test_script_in_a_message_is_stored_as_typed(client, contact_page):
    client.post(URL, message_data(message="<script>alert('x')</script>"))

    assert ContactMessage.objects.get().message == "<script>alert('x')</script>"


def test_a_robot_that_fills_the_hidden_field_is_thanked_but_staff_are_not_notified(client, contact_page, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, message_data(website="http://spam.example"), follow=True)

    assert "Thank you, your message has been received." in response.text
    stored = ContactMessage.objects.get()
    assert stored.is_spam
    assert smtp_server.messages == []


def test_the_hidden_field_is_labelled_for_screen_readers_to_leave_empty(client, contact_page):
    response = client.get(URL)

    assert '<label for="id_website">Leave this field empty</label>' in response.text
    assert 'class="visually-hidden"' in response.text


def test_too_many_messages_from_one_address_are_refused_and_the_text_kept(client, contact_page, settings):
    settings.CONTACT_RATE_LIMIT = 2
    for number in range(2):
        assert client.post(URL, message_data(subject=f"Message {number}")).status_code == 302

    response = client.post(URL, message_data(subject="Message 3"))

    assert response.status_code == 429
    assert "You have sent several messages in a short time." in response.text
    assert 'value="Message 3"' in response.text
    assert ContactMessage.objects.count() == 2
    # Someone else is not held back.
    assert client.post(URL, message_data(subject="Other"), REMOTE_ADDR="198.51.100.4").status_code == 302


def test_sending_the_same_message_twice_stores_it_once_and_thanks_both_times(client, contact_page):
    first = client.post(URL, message_data())
    second = client.post(URL, message_data(message="  Our local adopted a resolution in support of workers in Iran.  "))

    assert first.status_code == second.status_code == 302
    assert ContactMessage.objects.count() == 1


def test_the_persian_page_is_right_to_left_and_its_form_works(client, fa_contact_page):
    response = client.get(fa_contact_page.url)

    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in response.text
    assert "برای ما بنویسید." in response.text

    sent = client.post(fa_contact_page.url, message_data(name="کارگر", message="همبستگی کارگر با کارگر"))

    assert sent.status_code == 302
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.message, stored.language) == ("کارگر", "همبستگی کارگر با کارگر", "fa")


def test_errors_on_the_persian_page_are_in_persian(client, fa_contact_page):
    response = client.post(fa_contact_page.url, message_data(email="bad"))

    assert '<html lang="fa" dir="rtl">' in response.text
    assert "This does not look like an e-mail address" not in response.text
    assert "این نشانی ایمیل درست به نظر نمی‌رسد" in response.text
    assert "فرستادن پیام" in response.text



def test_an_address_with_a_hidden_character_is_refused_and_what_was_typed_is_kept(client, contact_page):
    response = client.post(URL, message_data(email="jane@un\u202eion.example", message="Keep this text."))

    assert response.status_code == 200
    assert "hidden or invisible character" in response.text
    assert "Keep this text." in response.text
    assert not ContactMessage.objects.exists()


def test_an_address_whose_domain_cannot_be_written_is_refused(client, contact_page):
    response = client.post(URL, message_data(email="jane@" + "ä" * 70 + ".example"))

    assert response.status_code == 200
    assert not ContactMessage.objects.exists()


def test_hidden_bidi_and_zero_width_characters_are_dropped_and_persian_keeps_its_zwnj(client, contact_page):
    response = client.post(URL, message_data(name="Jane\u202e Worker\u200b", subject="می\u200cخواهیم \u2066free\u2069",
                                             message="Line one\u200f\nLine two"))

    assert response.status_code == 302
    stored = ContactMessage.objects.get()
    assert stored.name == "Jane Worker"
    assert stored.subject == "می\u200cخواهیم free"
    assert stored.message == "Line one\nLine two"
