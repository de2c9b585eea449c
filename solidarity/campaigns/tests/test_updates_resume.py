"""An update e-mailed to the signers who asked is never lost and, in normal operation, never
sent twice: each copy is recorded once the mail server took it, and a send cut short by the
server carries on where it stopped when the task is tried again."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import CampaignUpdate, UpdateEmail
from solidarity.campaigns.services.anonymisation import anonymise_campaign
from solidarity.campaigns.tasks import send_campaign_update

from .test_updates import make_update

ASKED = [f"asked{number}@union.example" for number in range(7)]


def refuse_after(smtp_server, accepted):
    """The real server takes `accepted` messages in all, then refuses mail (451) until told otherwise."""
    take = type(smtp_server).handle_DATA.__get__(smtp_server)

    async def handle_DATA(server, session, envelope):
        if len(smtp_server.messages) >= accepted:
            smtp_server.reject = True
        return await take(server, session, envelope)

    smtp_server.handle_DATA = handle_DATA


def accept_again(smtp_server):
    del smtp_server.handle_DATA
    smtp_server.reject = False


@pytest.fixture
def signers(campaign):
    for number, address in enumerate(ASKED):
        make_signature(campaign, email=address, wants_updates=True, language="fa" if number % 2 else "en")
    make_signature(campaign, email="did-not-ask@union.example", wants_updates=False)
    make_signature(campaign, email="waiting@union.example", wants_updates=True, confirmed=False)
    # Signed a campaign since erased: no address is left to write to.
    anonymised = make_signature(campaign, email="gone@union.example", wants_updates=True)
    type(anonymised).objects.filter(pk=anonymised.pk).update(name="", email="", email_key=f"anonymised-{anonymised.pk}")
    return campaign


def recipients(smtp_server):
    return sorted(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes)


def test_a_send_refused_half_way_carries_on_when_retried_and_every_signer_who_asked_gets_exactly_one_copy(
        signers, smtp_server, after_commit):
    refuse_after(smtp_server, 3)
    with after_commit():
        update = make_update(signers, published_at=timezone.now())

    # The first run stopped at the refusal: three went out and are recorded, the update is not done.
    assert len(smtp_server.messages) == 3
    update.refresh_from_db()
    assert update.emailed_at is None and update.sending_until is None
    assert UpdateEmail.objects.filter(update=update).count() == 3

    # The retry (as the worker runs it) sends only the rest.
    accept_again(smtp_server)
    result = send_campaign_update.enqueue(update_id=update.pk, attempt=1)

    assert result.return_value == 4
    assert recipients(smtp_server) == sorted(ASKED)
    update.refresh_from_db()
    assert update.emailed_at is not None
    # Sent once: another run, the cron command and a second save send nothing more.
    send_campaign_update.enqueue(update_id=update.pk)
    call_command("send_campaign_updates", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with after_commit():
        update.save()
    assert recipients(smtp_server) == sorted(ASKED)


def test_a_failed_send_is_finished_by_the_cron_command_once_the_server_is_back(signers, smtp_server, after_commit):
    refuse_after(smtp_server, 2)
    with after_commit():
        make_update(signers, published_at=timezone.now())
    assert len(smtp_server.messages) == 2

    accept_again(smtp_server)
    call_command("send_campaign_updates", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert recipients(smtp_server) == sorted(ASKED)
    assert "did-not-ask@union.example" not in recipients(smtp_server)


def test_with_the_mail_server_down_nothing_is_recorded_and_everything_goes_out_later(signers, smtp_server,
                                                                                      after_commit):
    smtp_server.down()
    with after_commit():
        update = make_update(signers, published_at=timezone.now())
    assert not UpdateEmail.objects.exists()

    smtp_server.up()
    assert services.email_due_updates() == len(ASKED)

    assert recipients(smtp_server) == sorted(ASKED)
    assert CampaignUpdate.objects.get(pk=update.pk).emailed_at is not None


def test_an_update_held_by_a_running_worker_is_not_sent_by_a_second_one_until_its_hold_runs_out(
        signers, smtp_server):
    update = make_update(signers)
    CampaignUpdate.objects.filter(pk=update.pk).update(
        published_at=timezone.now(), sending_until=timezone.now() + timedelta(minutes=5))
    update.refresh_from_db()

    assert services.email_update(update) == 0
    assert smtp_server.messages == []

    # The worker that held it died: once the hold has run out, the next run sends it.
    CampaignUpdate.objects.filter(pk=update.pk).update(sending_until=timezone.now() - timedelta(seconds=1))
    assert services.email_update(update) == len(ASKED)
    assert recipients(smtp_server) == sorted(ASKED)


def test_an_address_the_server_refuses_for_good_does_not_hold_up_the_others(signers, smtp_server):
    take = type(smtp_server).handle_DATA.__get__(smtp_server)

    async def handle_RCPT(server, session, envelope, address, options):
        if address == ASKED[2]:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handle_RCPT = handle_RCPT
    smtp_server.handle_DATA = take
    update = make_update(signers)
    CampaignUpdate.objects.filter(pk=update.pk).update(published_at=timezone.now())
    update.refresh_from_db()

    assert services.email_update(update) == len(ASKED) - 1

    assert recipients(smtp_server) == sorted(set(ASKED) - {ASKED[2]})
    assert UpdateEmail.objects.get(signature__email=ASKED[2]).refused is True
    update.refresh_from_db()
    assert update.emailed_at is not None


def test_signers_of_an_anonymised_campaign_get_no_updates(signers, smtp_server, settings):
    anonymise_campaign(signers)
    update = make_update(signers)
    CampaignUpdate.objects.filter(pk=update.pk).update(published_at=timezone.now())

    assert services.email_due_updates() == 0
    assert smtp_server.messages == []
    assert not signers.signatures.filter(wants_updates=True).exclude(email="").exists()


def test_the_database_worker_runs_the_send_retries_it_later_and_the_retry_finishes_it(
        committed_db, smtp_server, settings, db_worker):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    campaign = make_campaign()
    for address in ASKED:
        make_signature(campaign, email=address, wants_updates=True)
    make_signature(campaign, email="did-not-ask@union.example")
    refuse_after(smtp_server, 4)
    with transaction.atomic():
        update = make_update(campaign, published_at=timezone.now())

    worker = db_worker()
    assert worker.returncode == 0, worker.stderr

    assert len(smtp_server.messages) == 4
    failed = DBTaskResult.objects.get(status="FAILED")
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"update_id": update.pk, "attempt": 1}
    assert retry.run_after > timezone.now() + timedelta(minutes=1)
    assert failed.task_path == retry.task_path == "solidarity.campaigns.tasks.send_campaign_update"

    # Two minutes later the server takes mail again and the worker runs the retry.
    accept_again(smtp_server)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    worker = db_worker()
    assert worker.returncode == 0, worker.stderr

    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert recipients(smtp_server) == sorted(ASKED)
    assert CampaignUpdate.objects.get(pk=update.pk).emailed_at is not None


def test_a_task_that_finds_the_update_held_by_another_worker_looks_again_when_the_hold_runs_out(
        signers, smtp_server, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    held_until = timezone.now() + timedelta(minutes=7)
    update = make_update(signers)
    CampaignUpdate.objects.filter(pk=update.pk).update(published_at=timezone.now(), sending_until=held_until)

    assert send_campaign_update.call(update_id=update.pk) == 0

    assert smtp_server.messages == []
    later = DBTaskResult.objects.get(task_path="solidarity.campaigns.tasks.send_campaign_update")
    assert later.args_kwargs["kwargs"] == {"update_id": update.pk, "attempt": 0}
    assert later.run_after == held_until + timedelta(seconds=1)
