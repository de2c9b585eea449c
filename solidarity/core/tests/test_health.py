"""/health/: what the proxy and monitoring see, and what nobody else learns."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.redisserver import REFUSED_REDIS_CACHE, free_port

TOKEN = "monitoring-token-for-tests"


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def token(settings):
    settings.HEALTH_TOKEN = TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


def waiting_task(*, minutes_ago, run_after=None):
    from django_tasks_db.models import DBTaskResult, get_date_max

    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="solidarity.core.tasks.nothing",
        backend_name="default", run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))
    return task


def test_an_anonymous_caller_sees_only_the_status_and_the_name_of_each_check(db, client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "checks": {"database": "ok", "cache": "ok", "queue": "ok", "disk": "ok"},
    }


def test_a_caller_with_the_token_sees_the_tasks_waiting_and_the_free_disk(db, client, token):
    waiting_task(minutes_ago=2)
    waiting_task(minutes_ago=1)
    checks = client.get("/health/", **token).json()["checks"]
    assert checks["queue"]["waiting"] == 2
    assert 115 <= checks["queue"]["oldest_seconds"] <= 130
    assert checks["disk"]["free_mb"] > 0
    assert checks["database"]["status"] == "ok"


def test_a_wrong_token_shows_no_more_than_none(db, client, settings):
    settings.HEALTH_TOKEN = TOKEN
    response = client.get("/health/", HTTP_AUTHORIZATION="Bearer guessed")
    assert response.json()["checks"]["queue"] == "ok"


def test_without_a_token_set_no_header_shows_the_measures(db, client, settings):
    settings.HEALTH_TOKEN = ""
    response = client.get("/health/", HTTP_AUTHORIZATION="Bearer ")
    assert response.json()["checks"]["disk"] == "ok"


def test_a_task_waiting_longer_than_the_limit_fails_the_queue_check(db, client, settings, token):
    settings.HEALTH_QUEUE_MAX_AGE_SECONDS = 600
    waiting_task(minutes_ago=11)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "failing", "checks": {"database": "ok", "cache": "ok", "queue": "failing", "disk": "ok"},
    }
    assert "has waited" in client.get("/health/", **token).json()["checks"]["queue"]["reason"]


def test_a_task_put_off_until_later_does_not_count_as_waiting(db, client, token):
    waiting_task(minutes_ago=60, run_after=timezone.now() + timedelta(minutes=5))
    response = client.get("/health/", **token)
    assert response.status_code == 200
    assert response.json()["checks"]["queue"]["waiting"] == 0


def test_a_retry_that_became_due_waits_from_when_it_became_due(db, client, token):
    waiting_task(minutes_ago=60, run_after=timezone.now() - timedelta(minutes=1))
    queue = client.get("/health/", **token).json()["checks"]["queue"]
    assert queue["status"] == "ok"
    assert 55 <= queue["oldest_seconds"] <= 70


def test_too_little_free_disk_fails_the_disk_check(db, client, settings):
    settings.HEALTH_DISK_MIN_FREE_MB = 10**12
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["disk"] == "failing"


def test_a_media_folder_not_made_yet_is_measured_on_its_disk(db, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media" / "not-yet"
    assert client.get("/health/").json()["checks"]["disk"] == "ok"


def test_a_database_that_does_not_answer_fails_and_says_nothing_of_why(db, client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise OperationalError("could not connect to server at db.internal (10.0.0.5), port 5432")

    with monkeypatch.context() as patched:
        patched.setattr(CursorWrapper, "execute", broken)
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failing"
    assert b"10.0.0.5" not in response.content and b"db.internal" not in response.content


def test_a_redis_cache_that_does_not_answer_fails_the_cache_check(db, client, settings):
    # The cache answers as an empty one while Redis is down (core/cache.py): monitoring must still see it.
    settings.CACHES = {"default": REFUSED_REDIS_CACHE}
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failing"


def test_the_answer_is_never_cached_even_with_the_page_cache_on(db, client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get("/health/")
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"] and "no-store" in first["Cache-Control"]
    settings.HEALTH_DISK_MIN_FREE_MB = 10**12
    assert client.get("/health/").status_code == 503


def test_a_probe_costs_two_queries_and_no_session(db, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/health/")
    assert response.status_code == 200
    assert not response.cookies


def test_a_plain_http_probe_is_answered_not_redirected_when_https_is_required(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    assert client.get("/en/").status_code == 301


@pytest.fixture
def redis_url(redis_server, settings):
    """The tasks going to a redis-server of this test's own (TASKS_BACKEND=rq)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_server}}
    return redis_server


def test_with_tasks_on_redis_the_redis_queue_is_checked_too(db, client, token, redis_url, settings):
    from redis import Redis
    from rq import Queue

    settings.HEALTH_QUEUE_MAX_AGE_SECONDS = 600
    job = Queue("default", connection=Redis.from_url(redis_url)).enqueue("solidarity.core.tasks.nothing")
    job.enqueued_at = timezone.now() - timedelta(minutes=20)
    job.save()
    response = client.get("/health/", **token)
    assert response.status_code == 503
    rq = response.json()["checks"]["rq"]
    assert rq["waiting"] == 1 and rq["status"] == "failing"
    assert client.get("/health/").json()["checks"]["rq"] == "failing"


def test_a_redis_queue_that_does_not_answer_fails_the_check(db, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": f"redis://127.0.0.1:{free_port()}/0"}}
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["rq"] == "failing"
