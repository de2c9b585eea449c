"""Fixtures shared by every app's tests: the page tree in two languages, staff personas,
a real SMTP server, committed data for the live server and the real background worker in a
process of its own (tests/processes.py gives such processes the test database); the browser
tests' Chromium, live server and pages come from tests/browser/fixtures.py."""

import subprocess
import sys

import pytest

from tests import STAFF_PASSWORD
from tests.mailserver import LocalSMTPServer
from tests.processes import process_env
from tests.redisserver import local_redis

pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture
def site_tree(db):
    """English home page with About, Objectives and News, and their Persian translations."""
    from solidarity.publishing import factories

    home = factories.make_site()
    about = factories.make_standard_page(home, title="About Us", slug="about-us", intro="Who we are.")
    objectives = factories.make_objectives_page(
        home, title="Our objectives", slug="our-objectives", objectives=["<p>Solidarity.</p>"]
    )
    news = factories.make_article_index(home)
    fa_home = factories.translate(home, "fa", title="اتحاد بین‌المللی در حمایت از کارگران در ایران", mission="<p>همبستگی کارگر با کارگر.</p>")
    fa_news = factories.translate(news, "fa", title="اخبار")
    return {"home": home, "about": about, "objectives": objectives, "news": news, "fa_home": fa_home, "fa_news": fa_news}


@pytest.fixture
def make_staff(db):
    """A staff member in one of the groups Administrators, Editors, Translators (or none)."""
    from django.contrib.auth.models import Group, User

    def make(username, group=None, *, language=""):
        user = User.objects.create_user(username, f"{username}@example.org", STAFF_PASSWORD)
        if group:
            user.groups.add(Group.objects.get(name=group))
        if language:
            from wagtail.users.models import UserProfile

            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
        return user

    return make


@pytest.fixture
def smtp_server(settings):
    """Django sends mail through a real local SMTP server for the length of the test."""
    server = LocalSMTPServer()
    server.up()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.down()


@pytest.fixture
def redis_server(tmp_path):
    """The URL of a real redis-server of this test's own, stopped at its end."""
    with local_redis(tmp_path) as url:
        yield url


@pytest.fixture
def alliance(db):
    """The alliance itself, as the network's registry records it (network and archive tests)."""
    from solidarity.network import legacy

    return legacy.alliance()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: no stale site roots, no rate-limit counts, no
    Redis remembered as not answering."""
    from django.core.cache import cache

    from solidarity.core import cache as shared_cache

    cache.clear()
    shared_cache._unanswered.clear()


@pytest.fixture
def private_cache(settings, tmp_path):
    """A file cache of the test's own, so counters (rate limits) start at zero and no other
    test run sees them."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    yield settings.CACHES["default"]["LOCATION"]


def _put_back_migration_data(blocker):
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        with blocker.unblock():
            connection.creation.deserialize_db_from_string(contents)


def pytest_collection_modifyitems(items):
    """A browser test that fails is run once more: on a busy machine a page can miss a wait
    that it keeps on a quiet one. A rule that is broken fails both times; each rerun is named
    in the summary ("rerun")."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.flaky(reruns=1))


def pytest_terminal_summary(terminalreporter):
    """The failure that made each rerun, in full: it passed the second time, but what it did
    the first time is the one clue to a wait that a busy machine misses."""
    for report in terminalreporter.stats.get("rerun", []):
        terminalreporter.write_sep("_", f"first try of {report.nodeid} (rerun)")
        terminalreporter.write_line(report.longreprtext)
        for title, text in report.sections:
            if title.endswith("browser"):
                terminalreporter.write_line(f"{title}: {text}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test on committed data (transactional_db) ends by emptying every table. Once all its
    fixtures are torn down, put back what the migrations created (root page, locales, groups,
    lists), so the tests that follow in this process find it, whatever order they run in."""
    yield
    if nextitem is not None and "transactional_db" in getattr(item, "fixturenames", ()):
        from pytest_django.plugin import blocking_manager_key

        _put_back_migration_data(item.config.stash[blocking_manager_key])


@pytest.fixture(scope="session")
def _migration_data_restored_at_end(django_db_setup, django_db_blocker):
    """... and at the end of the session too, for the next --reuse-db run."""
    yield
    from django.core.management import call_command

    with django_db_blocker.unblock():
        # Sequences keep counting (reset_sequences=False): the restored rows carry their own
        # ids, and PostgreSQL would otherwise hand out those ids again.
        call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False)
    _put_back_migration_data(django_db_blocker)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language, whatever the test before it activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def committed_db(_migration_data_restored_at_end, django_db_serialized_rollback, transactional_db):
    """transactional_db (writes are committed, so other threads and processes see them),
    starting from what the migrations made."""


@pytest.fixture
def db_worker(smtp_server, settings):
    """Runs the real background worker (`manage.py db_worker`) in a process of its own, once
    through the queue, on the test's database and mail server; returns the finished process.
    Keyword arguments are added to its environment."""

    def run(**extra_env):
        return subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0", "--no-startup-delay"],
            cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300,
            env=process_env(TASKS_BACKEND="django_tasks_db.DatabaseBackend", EMAIL_HOST=smtp_server.host,
                            EMAIL_PORT=str(smtp_server.port), SITE_URL=settings.SITE_URL, **extra_env),
        )

    return run
