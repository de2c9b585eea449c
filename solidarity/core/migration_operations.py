"""Index operations for large tables that keep them writable while they run.

A plain CREATE INDEX holds every write to its table until the index is built (4 s for a
million signatures here, docs/operations.md): during a campaign's surge that is seconds of
signatures waiting. On PostgreSQL these build and drop the index CONCURRENTLY, writes going on
meanwhile; on SQLite, which writes one transaction at a time anyway, they are Django's own.
A migration that uses them sets `atomic = False` (PostgreSQL refuses CONCURRENTLY in a
transaction).
"""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations


def _on_postgresql(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


class _ConcurrentlyOnPostgreSQL:
    """PostgreSQL gets the CONCURRENTLY operation this is mixed into; any other database gets
    `plain`, Django's own operation of the same kind."""

    plain = None

    def describe(self):
        return f"{self.plain.describe(self)} (concurrently on PostgreSQL)"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if _on_postgresql(schema_editor):
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return self.plain.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if _on_postgresql(schema_editor):
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return self.plain.database_backwards(self, app_label, schema_editor, from_state, to_state)


class AddIndexWithoutLocking(_ConcurrentlyOnPostgreSQL, AddIndexConcurrently):
    plain = migrations.AddIndex


class RemoveIndexWithoutLocking(_ConcurrentlyOnPostgreSQL, RemoveIndexConcurrently):
    plain = migrations.RemoveIndex
