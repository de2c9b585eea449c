import time

from django.core.management import call_command

from solidarity.core.models import AttemptCounter


def test_counters_whose_window_ended_over_a_day_ago_are_forgotten_and_recent_ones_kept(db):
    now = int(time.time())
    AttemptCounter.objects.create(key="login:ip:old", started_at=now - 86400 - 60, count=5)
    AttemptCounter.objects.create(key="login:ip:recent", started_at=now - 3600, count=5)

    call_command("purge_attempts")

    assert list(AttemptCounter.objects.values_list("key", flat=True)) == ["login:ip:recent"]
