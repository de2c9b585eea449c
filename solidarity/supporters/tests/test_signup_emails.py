"""The signup e-mails (confirmation, "already subscribed") sent by the worker: one that cannot
be sent fails alone, with its reason shown to staff, and is tried a bounded number of times."""

from solidarity.supporters import services, tasks
from solidarity.supporters.models import Subscriber, SubscriptionRequest

from .conftest import make_active


def poisoned_request():
    # Stored before addresses were checked: a right-to-left override inside the domain.
    subscriber = Subscriber.objects.create(email="a@ex\u202eample.org", name="Hidden")
    return SubscriptionRequest.objects.create(subscriber=subscriber, source=services.SIGNUP_SOURCE)


def test_a_poisoned_confirmation_between_good_ones_fails_alone_and_is_not_retried(site_tree, lists, smtp_server):
    first = services.request_subscription(email="first@example.org", lists=[lists["newsletter-en"]])
    poisoned = poisoned_request()
    last = services.request_subscription(email="last@example.org", lists=[lists["newsletter-en"]])

    for request in (first, poisoned, last):
        tasks.send_confirmation.enqueue(request_id=request.pk)

    assert sorted(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes) == [
        "first@example.org", "last@example.org"]
    poisoned.refresh_from_db()
    assert poisoned.mail_attempts == tasks.MAIL_ATTEMPTS
    assert "hidden or invisible character" in poisoned.mail_error

    result = tasks.send_confirmation.enqueue(request_id=poisoned.pk)

    assert result.return_value == "nothing to do"
    assert len(smtp_server.messages) == 2


def test_a_poisoned_already_subscribed_note_fails_alone(site_tree, lists, smtp_server):
    good = make_active("good@example.org", lists=[lists["newsletter-en"]])
    poisoned = make_active("b@ex\u200bample.org", lists=[lists["newsletter-en"]])

    for subscriber in (poisoned, good):
        tasks.send_already_subscribed.enqueue(subscriber_id=subscriber.pk)

    assert [envelope.rcpt_tos[0] for envelope in smtp_server.envelopes] == ["good@example.org"]
    poisoned.refresh_from_db()
    assert "hidden or invisible character" in poisoned.mail_error


def test_a_mail_server_that_is_down_is_recorded_and_tried_a_bounded_number_of_times(site_tree, lists, smtp_server):
    request = services.request_subscription(email="jane@example.org", lists=[lists["newsletter-en"]])
    smtp_server.down()

    for _attempt in range(tasks.MAIL_ATTEMPTS + 2):
        tasks.send_confirmation.enqueue(request_id=request.pk)

    request.refresh_from_db()
    assert request.mail_attempts == tasks.MAIL_ATTEMPTS
    assert "ConnectionRefusedError" in request.mail_error
    smtp_server.up()
    assert tasks.send_confirmation.enqueue(request_id=request.pk).return_value == "nothing to do"
    assert smtp_server.messages == []


def test_staff_see_why_an_email_could_not_be_sent(site_tree, lists, smtp_server, client, django_user_model):
    poisoned = poisoned_request()
    tasks.send_confirmation.enqueue(request_id=poisoned.pk)
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))

    page = client.get(f"/admin/supporters/people/{poisoned.subscriber_id}/")

    assert "E-mails that could not be sent" in page.text
    assert "hidden or invisible character" in page.text


def test_subjects_are_plain_text_in_both_languages(site_tree, lists, smtp_server, settings, tmp_path):
    from solidarity.supporters import emails

    probe = tmp_path / "supporters" / "email"
    probe.mkdir(parents=True)
    (probe / "probe_subject.txt").write_text(
        "{% load i18n %}{{ name }} & <co>\n")
    for name in ("probe.txt", "probe.html"):
        (probe / name).write_text("Hello")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    emails.send_mail(template="probe", to="jane@example.org", language="en", context={"name": "Jane's\r\nBcc: x"})
    services.request_subscription(email="sara@example.org", language="fa", lists=[lists["newsletter-en"]])
    tasks.send_confirmation.enqueue(request_id=SubscriptionRequest.objects.get().pk)

    english, persian = smtp_server.messages
    assert english["Subject"] == "Jane's Bcc: x & <co>"
    assert "Bcc" not in english
    assert str(persian["Subject"]).strip() == "لطفاً اشتراک خود را تأیید کنید"
