"""Settings of the benchmark's processes: the project's own, plus the sinks as SMTP servers.

The bench passes the sinks' ports and the worker layout in BENCH_* variables."""

import json
import os

from solidarity.settings import *  # noqa: F403

NEWSLETTER_SMTP_SERVERS = json.loads(os.environ["BENCH_SMTP_SERVERS"])
NEWSLETTER_PARALLEL_TASKS = int(os.environ.get("BENCH_PARALLEL_TASKS", "1"))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("BENCH_BATCH_SIZE", "200"))
NEWSLETTER_FROM_EMAIL = "Alliance newsletter <newsletter@bench.example>"
# Pages rendered in the bench (the unsubscribe page) need no collected static files.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
