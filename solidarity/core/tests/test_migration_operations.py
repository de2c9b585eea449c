"""An index added to a large table (the signatures) is built while the table is written to."""

import io
from unittest.mock import Mock

import pytest
from django.core.management import call_command
from django.db import NotSupportedError, connection


def sql_of(app, migration, **options):
    """What `migrate` would run, read without running it (the test database stays as it is)."""
    out = io.StringIO()
    call_command("sqlmigrate", app, migration, stdout=out, **options)
    return out.getvalue()


# committed_db: PostgreSQL refuses CONCURRENTLY inside a transaction, as the test's own would be.
def test_the_signatures_index_by_address_is_built_and_the_old_one_dropped_without_holding_signatures(committed_db):
    sql = sql_of("campaigns", "0009")
    if connection.vendor == "postgresql":
        assert 'CREATE INDEX CONCURRENTLY "campaigns_signature_by_ip"' in sql
        assert 'DROP INDEX CONCURRENTLY IF EXISTS "campaigns_signature_ip"' in sql
    else:  # SQLite writes one transaction at a time whatever the index does
        assert 'CREATE INDEX "campaigns_signature_by_ip"' in sql
        assert 'DROP INDEX "campaigns_signature_ip"' in sql
    # The new index before the old one goes: servers on the previous code keep theirs meanwhile.
    assert sql.index('"campaigns_signature_by_ip"') < sql.index('"campaigns_signature_ip"')


def test_going_back_rebuilds_the_old_index_the_same_way(committed_db):
    sql = sql_of("campaigns", "0009", backwards=True)
    concurrently = " CONCURRENTLY" if connection.vendor == "postgresql" else ""
    assert f'CREATE INDEX{concurrently} "campaigns_signature_ip"' in sql
    assert f'DROP INDEX{concurrently}' in sql and '"campaigns_signature_by_ip"' in sql


def the_migration():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    before = loader.project_state(("campaigns", "0008_signature_held_for_review"))
    after = loader.project_state(("campaigns", "0009_signature_rate_limit_index_by_ip"))
    return loader.get_migration("campaigns", "0009_signature_rate_limit_index_by_ip"), before, after


def schema_editor(vendor, in_transaction=False):
    editor = Mock()
    editor.connection.vendor, editor.connection.alias = vendor, "default"
    editor.connection.in_atomic_block = in_transaction
    return editor


def index_calls(vendor, direction, first, second, states):
    """The index each operation of the migration added and removed, and how."""
    editor = schema_editor(vendor)
    getattr(first, direction)("campaigns", editor, *states)
    getattr(second, direction)("campaigns", editor, *states)
    added, removed = editor.add_index.call_args, editor.remove_index.call_args
    return added.args[1].name, removed.args[1].name, added.kwargs, removed.kwargs


@pytest.mark.parametrize("vendor, how", [("postgresql", {"concurrently": True}), ("sqlite", {})])
def test_each_database_builds_and_drops_the_index_its_own_way_both_ways(vendor, how):
    migration, before, after = the_migration()
    add, remove = migration.operations

    assert index_calls(vendor, "database_forwards", add, remove, (before, after)) == (
        "campaigns_signature_by_ip", "campaigns_signature_ip", how, how)
    assert index_calls(vendor, "database_backwards", remove, add, (after, before)) == (
        "campaigns_signature_ip", "campaigns_signature_by_ip", how, how)


def test_postgresql_is_never_asked_to_build_concurrently_inside_a_transaction():
    migration, before, after = the_migration()
    with pytest.raises(NotSupportedError, match="atomic = False"):
        migration.operations[0].database_forwards("campaigns", schema_editor("postgresql", True), before, after)
    assert migration.atomic is False


def test_the_operations_say_what_they_do_on_either_database():
    migration, _before, _after = the_migration()
    assert [operation.describe() for operation in migration.operations] == [
        "Create index campaigns_signature_by_ip on field(s) ip_hash, created_at of model signature "
        "(concurrently on PostgreSQL)",
        "Remove index campaigns_signature_ip from signature (concurrently on PostgreSQL)",
    ]
