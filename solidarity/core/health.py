"""The health endpoint, /health/, for the proxy and for monitoring.

django-health-check runs the checks, each within its time budget, and turns an unexpected
exception into a generic failure. This module adds the checks it lacks (the task queue, the
disk) and decides what a caller sees. Anyone gets the status code (200, or 503 when a check
fails) and each check's name with "ok" or "failing": nothing about the database, the hosts
or the data. A caller that sends `Authorization: Bearer <HEALTH_TOKEN>` also gets the
measures (tasks waiting, age of the oldest, free disk) and the reasons of a failure.

It is cheap: one SELECT 1, one aggregate over the waiting tasks (a partial index), a cache
write and read, a statfs; no session, no template, and never stored by any cache. The checks
run in the request's own thread (sync_to_async, thread-sensitive), so they use its database
connection instead of opening one per probe.
"""

import asyncio
import dataclasses
import hmac
import shutil
from datetime import UTC, timedelta
from pathlib import Path

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db.models import Case, Count, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from health_check import checks
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

RQ_BACKEND = "django_tasks_rq.RQBackend"


class Measured:
    """A check that keeps what it measured, shown only to callers with the token."""

    name = ""

    @property
    def measures(self):
        return getattr(self, "_measures", {})

    def measure(self, **values):
        self._measures = {**self.measures, **values}


@dataclasses.dataclass
class Database(Measured, checks.Database):
    name = "database"

    async def run(self):
        await sync_to_async(checks.Database.run)(self)


@dataclasses.dataclass
class Cache(Measured, checks.Cache):
    name = "cache"


def _too_old(age, limit, what):
    if age > limit:
        raise ServiceUnavailable(f"the oldest {what} has waited {age:.0f} s (limit {limit} s)")


@dataclasses.dataclass
class DatabaseQueue(Measured, HealthCheck):
    """Tasks waiting in the database queue (django-tasks-db) and how long the oldest has waited:
    a stopped or swamped worker shows here before anyone misses an e-mail."""

    name = "queue"

    async def run(self):
        await sync_to_async(self.count)()

    def count(self):
        from django_tasks_db.models import DBTaskResult, get_date_max

        # A task put off until later (a retry) waits from the time it became due.
        due = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
        found = DBTaskResult.objects.ready().aggregate(waiting=Count("id"), oldest=Min(due))
        age = (timezone.now() - found["oldest"]).total_seconds() if found["oldest"] else 0
        self.measure(waiting=found["waiting"], oldest_seconds=round(max(age, 0)))
        _too_old(age, settings.HEALTH_QUEUE_MAX_AGE_SECONDS, "task")


@dataclasses.dataclass
class RQQueue(Measured, HealthCheck):
    """The Redis queue (TASKS_BACKEND=rq): jobs waiting and the age of the oldest."""

    name = "rq"
    timeout = timedelta(seconds=3)

    async def run(self):
        await sync_to_async(self.count)()

    def count(self):
        import django_rq
        from redis.exceptions import RedisError

        try:
            queue = django_rq.get_queue("default")
            waiting = queue.count
            first = queue.get_job_ids(0, 1)
            job = queue.fetch_job(first[0]) if first else None
        except RedisError as error:
            raise ServiceUnavailable("the Redis queue does not answer") from error
        enqueued = job.enqueued_at if job else None
        if enqueued and timezone.is_naive(enqueued):
            enqueued = timezone.make_aware(enqueued, UTC)
        age = (timezone.now() - enqueued).total_seconds() if enqueued else 0
        self.measure(waiting=waiting, oldest_seconds=round(max(age, 0)))
        _too_old(age, settings.HEALTH_QUEUE_MAX_AGE_SECONDS, "job")


@dataclasses.dataclass
class Disk(Measured, HealthCheck):
    """Free space where the database file, the media and the backups are written."""

    name = "disk"

    async def run(self):
        await sync_to_async(self.measure_folders)()

    def measure_folders(self):
        least = None
        for folder in {Path(settings.VAR_DIR), Path(settings.MEDIA_ROOT), Path(settings.BACKUP_DIR)}:
            # A folder made at the first upload or backup is measured on the disk it will be on.
            folder = next((path for path in (folder, *folder.parents) if path.exists()), folder)
            try:
                free = shutil.disk_usage(folder).free // (1024 * 1024)
            except OSError as error:
                raise ServiceUnavailable("a data folder cannot be read") from error
            least = free if least is None else min(least, free)
        self.measure(free_mb=least)
        if least < settings.HEALTH_DISK_MIN_FREE_MB:
            raise ServiceUnavailable(f"{least} MB free (limit {settings.HEALTH_DISK_MIN_FREE_MB} MB)")


def has_token(request):
    token = settings.HEALTH_TOKEN
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


class HealthView(HealthCheckView):
    """/health/: 200 when every check passes, 503 otherwise; details only with the token."""

    @property
    def checks(self):
        found = [Database, Cache, DatabaseQueue, Disk]
        if settings.TASKS["default"]["BACKEND"] == RQ_BACKEND:
            found.append(RQQueue)
        return found

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in self.get_checks()))
        failing = any(result.error for result in results)
        detailed = has_token(request)
        answer = {}
        for result in results:
            status = "failing" if result.error else "ok"
            if not detailed:
                answer[result.check.name] = status
                continue
            answer[result.check.name] = {"status": status, "seconds": round(result.time_taken, 4),
                                         **result.check.measures}
            if result.error:
                answer[result.check.name]["reason"] = str(result.error)
        return JsonResponse({"status": "failing" if failing else "ok", "checks": answer},
                            status=503 if failing else 200)


health = HealthView.as_view()
