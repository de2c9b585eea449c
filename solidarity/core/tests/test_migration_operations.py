"""An index added to a large table (the signatures) is built while the table is written to."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = ("campaigns", "0008_signature_held_for_review"), ("campaigns", "0009_signature_rate_limit_index_by_ip")


def sql_of(app, migration):
    out = io.StringIO()
    call_command("sqlmigrate", app, migration, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_the_signatures_index_by_address_is_built_and_the_old_one_dropped_without_holding_signatures():
    sql = sql_of(*AFTER)
    if connection.vendor == "postgresql":
        assert 'CREATE INDEX CONCURRENTLY "campaigns_signature_by_ip"' in sql
        assert 'DROP INDEX CONCURRENTLY IF EXISTS "campaigns_signature_ip"' in sql
    else:  # SQLite writes one transaction at a time whatever the index does
        assert 'CREATE INDEX "campaigns_signature_by_ip"' in sql
        assert 'DROP INDEX "campaigns_signature_ip"' in sql


def index_names():
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "campaigns_signature"))


@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_and_forth_on_either_database():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        assert "campaigns_signature_ip" in index_names() and "campaigns_signature_by_ip" not in index_names()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert "campaigns_signature_by_ip" in index_names() and "campaigns_signature_ip" not in index_names()
