"""The same task code runs on the Redis queue (RQ): a real redis-server, a real RQ worker."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from tests.processes import process_env


@pytest.fixture
def rq_backend(redis_server, settings):
    """Tasks of this test process go to the Redis queue, as with TASKS_BACKEND=rq."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_server}}
    return redis_server


def run_rq_worker(redis_url, smtp_server, **extra_env):
    """`manage.py rqworker` in burst mode: it runs what is queued, then exits."""
    env = process_env(TASKS_BACKEND="rq", REDIS_URL=redis_url, EMAIL_HOST=smtp_server.host,
                      EMAIL_PORT=str(smtp_server.port), **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )


def queued_job_ids(redis_url):
    import django_rq
    from django_tasks_rq.backend import Job

    queue = django_rq.get_queue("default", job_class=Job)
    return [(job_id, queue.fetch_job(job_id).func_name) for job_id in queue.job_ids]


@pytest.fixture
def committed_contact_page(committed_db, settings):
    from solidarity.contact.factories import make_contact_page
    from solidarity.publishing import factories

    settings.CONTACT_NOTIFY_EMAILS = ["staff@alliance.example"]
    return make_contact_page(factories.make_site())


def test_a_contact_notification_queued_in_redis_is_sent_by_the_rq_worker(
    committed_contact_page, rq_backend, smtp_server, private_cache
):
    from solidarity.contact.models import ContactMessage, NotificationStatus
    from solidarity.contact.tasks import send_contact_notification

    response = Client().post(committed_contact_page.url, {
        "name": "Jane Worker", "email": "jane@union.example", "subject": "Solidarity from Local 4400",
        "message": "Our local adopted a resolution in support of workers in Iran.", "website": "",
    })

    assert response.status_code == 302
    message = ContactMessage.objects.get()
    assert message.notification_status == NotificationStatus.PENDING
    jobs = queued_job_ids(rq_backend)
    assert len(jobs) == 1, jobs
    [(job_id, _name)] = jobs
    assert smtp_server.messages == []

    worker = run_rq_worker(rq_backend, smtp_server, CONTACT_NOTIFY_EMAILS="staff@alliance.example")

    assert worker.returncode == 0, worker.stderr
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "staff@alliance.example"
    assert mail["Subject"] == "Contact form: Solidarity from Local 4400"
    message.refresh_from_db()
    assert message.notification_status == NotificationStatus.SENT
    assert send_contact_notification.get_backend().get_result(job_id).status == "SUCCESSFUL"
    assert queued_job_ids(rq_backend) == []


def test_a_campaign_confirmation_queued_in_redis_is_sent_by_the_rq_worker_in_persian(
    committed_db, rq_backend, smtp_server, private_cache
):
    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Signature
    from solidarity.campaigns.tasks import send_signature_email

    campaign = make_campaign(slug="rq-campaign")

    response = Client().post(f"/fa/campaigns/{campaign.slug}/sign/", {
        "name": "رضا کارگر", "email": "reza@union.example", "country": "DE", "organisation": "", "website": "", "name_shown": "full",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    signature = Signature.objects.get()
    assert (signature.status, signature.confirmation_sent_at) == (Signature.Status.PENDING, None)
    # Wagtail queues its reference index for the campaign's picture too; ours is the one e-mail.
    jobs = [job for job in queued_job_ids(rq_backend) if job[1].startswith("solidarity.")]
    assert len(jobs) == 1, jobs
    [(job_id, _name)] = jobs
    assert smtp_server.messages == []

    worker = run_rq_worker(rq_backend, smtp_server)

    assert worker.returncode == 0, worker.stderr
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "reza@union.example"
    # (A long encoded Persian subject is folded; the parser keeps the fold's space in front.)
    assert mail["Subject"].strip() == "لطفاً امضای خود را تأیید کنید: رانندگان اتوبوس را آزاد کنید"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "/fa/campaigns/confirm/" in text
    signature.refresh_from_db()
    assert signature.confirmation_sent_at is not None
    assert send_signature_email.get_backend().get_result(job_id).status == "SUCCESSFUL"
    assert queued_job_ids(rq_backend) == []


def test_a_failed_e_mail_is_scheduled_again_on_the_redis_queue(committed_db, rq_backend, smtp_server, private_cache):
    from datetime import timedelta

    import django_rq
    from django.utils import timezone
    from rq.registry import ScheduledJobRegistry

    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Signature

    campaign = make_campaign(slug="rq-retry")
    Client().post(f"/en/campaigns/{campaign.slug}/sign/", {
        "name": "Jane Worker", "email": "jane@union.example", "country": "GB", "organisation": "", "website": "", "name_shown": "full",
    })
    smtp_server.down()

    worker = run_rq_worker(rq_backend, smtp_server)

    assert worker.returncode == 0, worker.stderr
    assert Signature.objects.get().confirmation_sent_at is None
    registry = ScheduledJobRegistry(queue=django_rq.get_queue("default"))
    [retry] = registry.get_job_ids()
    # Tried again by itself in two minutes (the worker runs with --with-scheduler in production).
    when = registry.get_scheduled_time(retry)
    assert timedelta(seconds=60) < when - timezone.now() <= timedelta(seconds=120)
