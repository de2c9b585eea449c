"""The whole demo (`manage.py load_demo`) for tests on committed data, loaded once per test process.

Loading it costs 8-10 s on SQLite and 13-21 s on PostgreSQL (some sixty pages saved, revised,
published, translated and indexed, then the network, the cases, the actions and a newsletter),
and about twenty browser tests start with it. The first of them in a process loads it for real
and keeps a copy of every table; the others put the copy back, which takes about a second. A
copy is used only on the database, media folder and site address (the default site's host and
port come from SITE_URL) it was made for, and only over the same rows it was loaded on top of
(what the migrations made, where every test on committed data starts): a test that stored
anything before asking for the demo gets a real load.

The media files the demo made stay where it wrote them (MEDIA_ROOT of the test settings, kept
for the whole run), so the copied rows find their images.
"""

import itertools
import sqlite3

_numbers = itertools.count()


class DemoCopy:
    def __init__(self):
        self.made_for = None  # (database, media folder, site address, row counts before the load)
        self._sqlite = None
        self._tables = ()
        # PostgreSQL: the copy's tables, in a schema of the copy's own beside the test database's.
        self._schema = f"test_demo_copy_{next(_numbers)}"

    def load(self):
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        made_for = (connection.settings_dict["NAME"], str(settings.MEDIA_ROOT), settings.SITE_URL,
                    _row_counts(connection))
        if made_for == self.made_for:
            self._put_back(connection)
            return
        self.drop()
        call_command("load_demo", verbosity=0)
        self._take(connection)
        self.made_for = made_for

    def _take(self, connection):
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            # SQLite's online backup copies every page of the file, search index included.
            self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite)
            return
        quote = connection.ops.quote_name
        self._tables = _tables(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self._schema} CASCADE")  # left by a run that was stopped
            cursor.execute(f"CREATE SCHEMA {self._schema}")
            for table in self._tables:
                cursor.execute(f"CREATE TABLE {self._schema}.{quote(table)} AS TABLE public.{quote(table)}")

    def _put_back(self, connection):
        from django.db import transaction

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite.backup(connection.connection)
            return
        quote = connection.ops.quote_name
        tables = ", ".join(f"public.{quote(table)}" for table in self._tables)
        # One transaction: the foreign keys (deferred, as Django makes them) are checked at its end.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables}")
            for table in self._tables:
                cursor.execute(f"INSERT INTO public.{quote(table)} SELECT * FROM {self._schema}.{quote(table)}")  # noqa: S608 (names from the catalogue)

    def drop(self):
        """Forgets the copy (and drops PostgreSQL's copied tables)."""
        from django.db import connection

        self.made_for = None
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._tables:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self._schema} CASCADE")
            self._tables = ()


def _tables(connection):
    # Every table but the record of applied migrations, which no test changes.
    return sorted(name for name in connection.introspection.table_names() if name != "django_migrations")


def model_tables(connection):
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _row_counts(connection):
    # The models' tables: a full-text index's own tables keep rows after a flush.
    quote = connection.ops.quote_name
    tables = model_tables(connection)
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608 (names from the catalogue)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))
