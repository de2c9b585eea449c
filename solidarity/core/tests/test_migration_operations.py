"""An index added to a large table (the signatures) is built while the table is written to."""

import io

from django.core.management import call_command
from django.db import connection


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
