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
from tests.running_order import in_running_order
from tests.table_copies import TableCopy

pytest_plugins = ["tests.browser.fixtures"]


def _make_site_tree():
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


class _SharedSiteTree:
    """One page tree for a run of a module's tests that roll back (plain `db`): made once in a
    transaction that stays open around them, each test's own transaction a savepoint inside it,
    as Django's TestCase does with setUpTestData. Making the tree costs about 0.7 s of CPU, and
    some 500 tests ask for it. Tests on committed data (live server, workers) make their own."""

    def __init__(self):
        self.path = self.atomic = self.pages = None

    @staticmethod
    def wanted_by(item):
        if "site_tree" not in getattr(item, "fixturenames", ()):
            return False
        from pytest_django.fixtures import validate_django_db

        marker = item.get_closest_marker("django_db")
        if marker:
            transaction, reset_sequences, *_ = validate_django_db(marker)
            if transaction or reset_sequences:
                return False
        return not {"transactional_db", "live_server"} & set(item.fixturenames)

    def serves(self, item):
        return self.atomic is not None and self.path == item.path

    def open_for(self, item, blocker):
        if self.serves(item):
            return
        self.close(blocker)
        from django.conf import settings
        from django.db import transaction
        from django.utils import translation

        with blocker.unblock():
            atomic = transaction.atomic()
            atomic._from_testcase = True  # as TestCase's own: durable blocks inside stay allowed
            atomic.__enter__()
            try:
                with translation.override(settings.LANGUAGE_CODE):
                    self.pages = _make_site_tree()
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
        self.atomic, self.path = atomic, item.path
        # Dropped at the latest with the module, before any module or session fixture that was
        # set up earlier is torn down (the session's last flush must not run inside it).
        item.getparent(pytest.Module).addfinalizer(lambda: self.close(blocker))

    def fresh_pages(self):
        """The pages as stored now: a test that changes one in memory leaves the next test none of it."""
        return {name: type(page).objects.get(pk=page.pk) for name, page in self.pages.items()}

    def close(self, blocker):
        if self.atomic is None:
            return
        from django.db import transaction

        atomic, self.path, self.atomic, self.pages = self.atomic, None, None, None
        with blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_shared_site_tree = _SharedSiteTree()


@pytest.fixture
def site_tree(db, request):
    """English home page with About, Objectives and News, and their Persian translations."""
    if _shared_site_tree.serves(request.node):
        return _shared_site_tree.fresh_pages()
    return _make_site_tree()


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """The shared tree's transaction opens just before the test's own (a savepoint in it)."""
    if fixturedef.argname == "_django_db_helper" and _SharedSiteTree.wanted_by(request.node):
        from pytest_django.plugin import blocking_manager_key

        _shared_site_tree.open_for(request.node, request.config.stash[blocking_manager_key])
    yield


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


_migration_data = TableCopy("migration_data")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and a copy of every table as the migrations left it (root page,
    locales, groups, lists) when a test on committed data (serialized rollback) needs it.

    Django empties every table after such a test (TRUNCATE: 0.4-0.9 s on PostgreSQL) and saves
    what the migrations made again through the ORM, one row at a time (0.6 s), before the test
    and after it; together 8 % of the PostgreSQL suite's time. The copy is put back instead, in
    one go (tests/table_copies.py), so the tests that follow in this process find the database
    as the migrations left it, whatever order they run in."""
    from django.db import connection
    from django.test import TransactionTestCase

    if not hasattr(connection, "_test_serialized_contents"):  # no test in this run asks for it
        yield
        return
    with django_db_blocker.unblock():
        _migration_data.take(connection)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection.creation, "deserialize_db_from_string",
                      lambda contents: _migration_data.put_back(connection))
        patch.setattr(TransactionTestCase, "_fixture_teardown", lambda test: _migration_data.put_back(connection))
        yield
    with django_db_blocker.unblock():
        _migration_data.drop(connection)


def pytest_collection_modifyitems(items):
    """A browser test that fails is run once more: on a busy machine a page can miss a wait
    that it keeps on a quiet one. A rule that is broken fails both times; each rerun is named
    in the summary ("rerun"). The slow files run first (tests/running_order.py)."""
    for item in items:
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.flaky(reruns=1))
    items[:] = in_running_order(items)


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
    """Once all the test's fixtures are torn down: the shared page tree is dropped unless the next
    test uses it too."""
    yield
    from pytest_django.plugin import blocking_manager_key

    if nextitem is None or not (_shared_site_tree.serves(nextitem) and _SharedSiteTree.wanted_by(nextitem)):
        _shared_site_tree.close(item.config.stash[blocking_manager_key])


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language, whatever the test before it activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def committed_db(django_db_serialized_rollback, transactional_db):
    """transactional_db (writes are committed, so other threads and processes see them),
    starting from what the migrations made, and left as they made it (django_db_setup above)."""


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
