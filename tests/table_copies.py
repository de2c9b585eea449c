"""Copies of every table of the test database, taken once and put back in one go: what the
migrations made, for the tests on committed data, and the whole demo, for the browser tests.

Django puts back what the migrations made after each test on committed data (serialized
rollback) by deserialising it through the ORM, one save per row, before and after the test,
and empties every table with TRUNCATE: 1.9 s a test on PostgreSQL, 8 % of that suite's time.
Loading the demo (`manage.py load_demo`) costs 8-10 s on SQLite and 13-21 s on PostgreSQL, for
some twenty browser tests. A copy is put back in a fraction of that (0.1-0.3 s for the
migrations' rows, about a second for the demo):

- SQLite: the online backup API (`sqlite3.Connection.backup`) into an in-memory database and
  back, every page of the file, the full-text index's tables included;
- PostgreSQL: every table copied into a schema of the copy's own (`CREATE TABLE ... AS TABLE`),
  put back by a `DELETE` of every table and an `INSERT ... SELECT` of each table that had rows,
  in one transaction (Django's foreign keys are deferred, so the order does not matter).

Sequences keep counting: the rows put back carry their own ids, and PostgreSQL would otherwise
hand out those ids again.
"""

import itertools
import sqlite3

_numbers = itertools.count()


class TableCopy:
    """Every table but the record of applied migrations (which no test changes), as it is now."""

    def __init__(self, name):
        self._sqlite = None
        self._tables = ()  # PostgreSQL: the tables, and those of them that had rows
        self._filled = ()
        self._schema = f"test_{name}_{next(_numbers)}"

    def take(self, connection):
        self.drop(connection)
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite)
            return
        quote = connection.ops.quote_name
        tables = sorted(name for name in connection.introspection.table_names() if name != "django_migrations")
        filled = []
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self._schema} CASCADE")  # left by a run that was stopped
            cursor.execute(f"CREATE SCHEMA {self._schema}")
            for table in tables:
                cursor.execute(f"CREATE TABLE {self._schema}.{quote(table)} AS TABLE public.{quote(table)}")
                if cursor.rowcount:
                    filled.append(table)
        self._tables, self._filled = tables, filled

    def put_back(self, connection):
        from django.db import transaction

        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self._sqlite.backup(connection.connection)
            return
        quote = connection.ops.quote_name
        # DELETE, not TRUNCATE: a test database's tables hold a few rows, and TRUNCATE gives each
        # of some 130 tables a new file (0.2-0.35 s against 0.05 s). One transaction, sent in one
        # go: the foreign keys (deferred, as Django makes them) are checked at its end.
        statements = [f"DELETE FROM public.{quote(table)}" for table in self._tables] + [  # noqa: S608 (names from the catalogue)
            f"INSERT INTO public.{quote(table)} SELECT * FROM {self._schema}.{quote(table)}"  # noqa: S608 (names from the catalogue)
            for table in self._filled]
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("; ".join(statements))

    def drop(self, connection):
        """Forgets the copy (and drops PostgreSQL's copied tables)."""
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._tables:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self._schema} CASCADE")
            self._tables = self._filled = ()


class DemoCopy:
    """The whole demo under the live server, loaded once per test process. A copy is used only
    on the database, media folder and site address (the default site's host and port come from
    SITE_URL) it was made for, and only over the same rows it was loaded on top of (what the
    migrations made, where every test on committed data starts): a test that stored anything
    before asking for the demo gets a real load.

    The media files the demo made stay where it wrote them (MEDIA_ROOT of the test settings,
    kept for the whole run), so the copied rows find their images."""

    def __init__(self):
        self.made_for = None  # (database, media folder, site address, row counts before the load)
        self._copy = TableCopy("demo_copy")

    def load(self):
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        made_for = (connection.settings_dict["NAME"], str(settings.MEDIA_ROOT), settings.SITE_URL,
                    _row_counts(connection))
        if made_for == self.made_for:
            self._copy.put_back(connection)
            return
        self.drop()
        call_command("load_demo", verbosity=0)
        self._copy.take(connection)
        self.made_for = made_for

    def drop(self):
        from django.db import connection

        self.made_for = None
        self._copy.drop(connection)


def model_tables(connection):
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def every_row(connection):
    """Every row of every model's table, by table (what the tests of these copies compare)."""
    quote = connection.ops.quote_name
    rows = {}
    with connection.cursor() as cursor:
        for table in model_tables(connection):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def _row_counts(connection):
    # The models' tables: a full-text index's own tables keep rows after a flush.
    quote = connection.ops.quote_name
    tables = model_tables(connection)
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608 (names from the catalogue)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        return dict(zip(tables, cursor.fetchone(), strict=True))
