"""Settings for the test suite: development mode, tasks run at once, no page cache.

Real parts stay real: the database (SQLite, or PostgreSQL via DATABASE_URL), SMTP (tests
start a local server) and the browser.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from solidarity.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405

# A cache of this test run's own: parallel runs on one machine must not share rate-limit
# counters or Wagtail's cached site roots.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="solidarity-test-cache-"),
    }
}
atexit.register(shutil.rmtree, CACHES["default"]["LOCATION"], ignore_errors=True)
