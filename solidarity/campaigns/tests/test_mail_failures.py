"""One address the mail server cannot take never holds up the others: each campaigns sender
marks it failed with its reason, tries it again a bounded number of times, shows it to staff
and goes on. The poisoned rows here are written straight into the database, as a row stored
before addresses were checked would be."""

from django.urls import reverse
from django.utils import timezone

from solidarity.campaigns import services, tasks
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import (
    MAIL_ATTEMPTS,
    CampaignUpdate,
    Endorsement,
    ProtestDelivery,
    Signature,
    Target,
)

POISONED = "a@ex\u202eample.org"


def recipients(smtp_server):
    return sorted(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes)


def pending_around_a_poisoned_one(campaign):
    make_signature(campaign, email="first@union.example", confirmed=False)
    make_signature(campaign, email="second@union.example", confirmed=False)
    poisoned = make_signature(campaign, email=POISONED, confirmed=False)
    make_signature(campaign, email="third@union.example", confirmed=False)
    make_signature(campaign, email="fourth@union.example", confirmed=False)
    return poisoned


def test_a_confirmation_the_server_cannot_take_is_marked_failed_and_every_other_signer_gets_theirs(
        db, smtp_server):
    campaign = make_campaign()
    poisoned = pending_around_a_poisoned_one(campaign)

    assert services.send_waiting_confirmations() == 4

    assert recipients(smtp_server) == ["first@union.example", "fourth@union.example", "second@union.example",
                                       "third@union.example"]
    poisoned.refresh_from_db()
    assert poisoned.mail_attempts == 1
    assert "idna" in poisoned.mail_error and "\u202e" not in poisoned.mail_error
    assert poisoned.confirmation_sent_at is None


def test_a_failed_confirmation_is_tried_a_bounded_number_of_times_then_left_alone(db, smtp_server):
    campaign = make_campaign()
    poisoned = pending_around_a_poisoned_one(campaign)

    for _run in range(MAIL_ATTEMPTS + 2):
        services.send_waiting_confirmations()
    make_signature(campaign, email="later@union.example", confirmed=False)
    services.send_waiting_confirmations()

    poisoned.refresh_from_db()
    assert poisoned.mail_attempts == MAIL_ATTEMPTS
    assert len(smtp_server.messages) == 5  # each good one once, and the later signer too
    assert "later@union.example" in recipients(smtp_server)


def test_an_already_signed_notice_that_fails_is_marked_and_not_retried_past_the_bound(db, smtp_server):
    campaign = make_campaign()
    poisoned = make_signature(campaign, email=POISONED)

    assert tasks.send_signature_email.call(signature_id=poisoned.pk, kind="duplicate") == "failed"
    Signature.objects.filter(pk=poisoned.pk).update(mail_attempts=MAIL_ATTEMPTS)
    assert tasks.send_signature_email.call(signature_id=poisoned.pk, kind="duplicate") == "nothing to do"
    assert smtp_server.messages == []


def test_an_update_copy_that_fails_is_marked_the_others_go_out_and_it_is_tried_again_a_bounded_number_of_times(
        db, smtp_server):
    campaign = make_campaign()
    make_signature(campaign, email="first@union.example", wants_updates=True)
    poisoned = make_signature(campaign, email=POISONED, wants_updates=True)
    make_signature(campaign, email="last@union.example", wants_updates=True)
    update = CampaignUpdate.objects.create(campaign=campaign, title_en="News", body_en="Released.",
                                           published_at=timezone.now())

    assert services.email_update(update) == 2
    assert recipients(smtp_server) == ["first@union.example", "last@union.example"]
    copy = poisoned.update_emails.get()
    assert (copy.attempts, "idna" in copy.error) == (1, True)
    update.refresh_from_db()
    assert update.emailed_at is None  # due again for the failed copy

    for _run in range(MAIL_ATTEMPTS + 1):
        services.email_due_updates()

    copy.refresh_from_db()
    update.refresh_from_db()
    assert copy.attempts == MAIL_ATTEMPTS
    assert update.emailed_at is not None
    assert len(smtp_server.messages) == 2  # nobody had it twice


def test_a_target_whose_address_the_server_cannot_take_does_not_hold_up_the_other_targets(db, smtp_server, settings):
    campaign = make_campaign(protest_enabled=True, targets=False)
    Target.objects.create(campaign=campaign, sort_order=0, name_en="Good one", email="one@authority.example")
    bad = Target.objects.create(campaign=campaign, sort_order=1, name_en="Poisoned", email="x@authority.example")
    Target.objects.filter(pk=bad.pk).update(email=POISONED)
    Target.objects.create(campaign=campaign, sort_order=2, name_en="Good two", email="two@authority.example")
    make_signature(campaign, email="a@union.example", message="One")
    make_signature(campaign, email="b@union.example", message="Two")

    for _run in range(settings.CAMPAIGN_PROTEST_ATTEMPTS + 2):
        services.deliver_protests(campaign)

    assert recipients(smtp_server) == ["one@authority.example"] * 2 + ["two@authority.example"] * 2
    failed = ProtestDelivery.objects.filter(target=bad)
    assert failed.count() == 2
    assert all(d.status == "failed" and d.attempts == settings.CAMPAIGN_PROTEST_ATTEMPTS and "idna" in d.error
               for d in failed)


def test_an_endorsement_confirmation_that_fails_is_marked_and_the_next_endorser_gets_theirs(db, smtp_server):
    campaign = make_campaign(endorsement_enabled=True)
    values = {"organisation_name": "Local 1", "representative_name": "Sam", "representative_role": "Chair",
              "country": "CA"}
    poisoned = Endorsement.objects.create(campaign=campaign, email=POISONED, **values)
    good = Endorsement.objects.create(campaign=campaign, email="sam@local1.example", **values)

    assert tasks.send_endorsement_email.call(endorsement_id=poisoned.pk) == "failed"
    assert tasks.send_endorsement_email.call(endorsement_id=good.pk) == "sent"

    poisoned.refresh_from_db()
    assert (poisoned.mail_attempts, "idna" in poisoned.mail_error) == (1, True)
    assert recipients(smtp_server) == ["sam@local1.example"]


def test_the_campaign_dashboard_shows_how_many_e_mails_failed_and_why(client, make_staff, db, smtp_server):
    campaign = make_campaign()
    pending_around_a_poisoned_one(campaign)
    services.send_waiting_confirmations()
    client.force_login(make_staff("campaigner", "Campaigners"))

    page = client.get(reverse("campaigns_staff_dashboard", args=[campaign.pk])).content.decode()

    assert "E-mails that could not be sent" in page
    assert "1 signer's e-mail failed and will be tried again" in page
    assert "encoding with &#x27;idna&#x27; codec failed" in page


def test_when_the_mail_server_itself_refuses_nobody_is_marked_and_the_batch_is_tried_again_later(db, smtp_server):
    import smtplib

    import pytest

    campaign = make_campaign()
    make_signature(campaign, email="first@union.example", confirmed=False)
    smtp_server.reject = True  # 451 for every message

    with pytest.raises(smtplib.SMTPDataError):
        services.send_waiting_confirmations()

    assert not Signature.objects.filter(mail_attempts__gt=0).exists()
    smtp_server.reject = False
    assert services.send_waiting_confirmations() == 1


def test_only_failures_of_the_message_itself_count_against_it():
    import smtplib

    assert services.fails_alone(ValueError("encoding with 'idna' codec failed"))
    assert services.fails_alone(smtplib.SMTPRecipientsRefused({"a@b.example": (550, b"No such user")}))
    assert services.fails_alone(smtplib.SMTPDataError(554, b"Message refused"))
    assert not services.fails_alone(smtplib.SMTPRecipientsRefused({"a@b.example": (421, b"Closing")}))
    assert not services.fails_alone(smtplib.SMTPDataError(451, b"Try later"))
    assert not services.fails_alone(smtplib.SMTPAuthenticationError(535, b"Bad credentials"))
    assert not services.fails_alone(smtplib.SMTPSenderRefused(550, b"Sender refused", "us@example.org"))
    assert not services.fails_alone(smtplib.SMTPServerDisconnected())
    assert not services.fails_alone(ConnectionRefusedError())
