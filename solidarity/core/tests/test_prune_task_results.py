from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def _task(status, finished_days_ago):
    finished = timezone.now() - timedelta(days=finished_days_ago)
    return DBTaskResult.objects.create(
        status=status, finished_at=finished if status != "READY" else None, args_kwargs={"args": [], "kwargs": {}},
        task_path="solidarity.campaigns.tasks.send_waiting_confirmations_task", queue_name="default",
        backend_name="default", run_after=finished)


def test_finished_tasks_older_than_a_week_are_forgotten_and_the_rest_kept(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    old_done, old_failed = _task("SUCCESSFUL", 8), _task("FAILED", 8)
    recent_done, waiting = _task("SUCCESSFUL", 6), _task("READY", 30)

    call_command("prune_task_results")

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent_done.pk, waiting.pk}
    assert not DBTaskResult.objects.filter(pk__in=[old_done.pk, old_failed.pk]).exists()


def test_with_the_redis_queue_nothing_in_the_database_is_touched(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    _task("SUCCESSFUL", 30)

    call_command("prune_task_results")

    assert DBTaskResult.objects.count() == 1
