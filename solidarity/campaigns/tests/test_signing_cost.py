"""The signing request stays cheap, because a viral case brings thousands a minute."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.campaigns.services import access

from .conftest import signing_data


def test_a_signature_costs_a_read_of_the_campaign_and_one_statement_that_counts_and_stores(client, campaign):
    access._access_rules()  # the rules are read once per process every few seconds

    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())

    assert response.status_code == 302
    # The test's own transaction puts the statement inside a savepoint; a request has none.
    sent = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(sent) == 2, "\n".join(sql[:150] for sql in sent)
    assert sent[0].startswith("SELECT") and "campaigns_campaign" in sent[0]
    # The rate limit's count and the row in one statement (on PostgreSQL after its lock, in the
    # same round trip).
    assert "INSERT INTO" in sent[1] and "SUM(CASE WHEN" in sent[1]


def test_the_rate_limit_reads_only_the_connections_own_rows_when_the_statistics_predate_a_viral_campaign(db):
    # PostgreSQL plans from statistics gathered before the surge: they do not know the new
    # campaign, and an index led by the campaign looked as cheap as the connection's own, so
    # each new signature read every signature of the campaign's last hour.
    if connection.vendor != "postgresql":
        pytest.skip("the choice of PostgreSQL's planner")
    from django.utils import timezone

    from solidarity.campaigns.factories import make_campaign
    from solidarity.campaigns.models import Signature
    from solidarity.core import security

    def signatures(campaign, count):
        now = timezone.now()
        Signature.objects.bulk_create(
            Signature(campaign=campaign, name="n", email=f"s{n}@union{n % 50}.example", email_key=f"s{n}@union{n % 50}.example",
                      country="GB", language="en", ip_hash=security.hash_ip(f"10.0.{n >> 8}.{n & 255}"), created_at=now)
            for n in range(count))

    signatures(make_campaign(slug="earlier"), 200)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Signature._meta.db_table}")
    viral = make_campaign(slug="viral")
    signatures(viral, 3000)
    guard = access.connection_guard(viral, security.hash_ip("203.0.113.9"), "new@union7.example",
                                    access.rate_limits(viral), timezone.now(), status="pending")

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN SELECT recent.* {guard.source}", guard.source_params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "campaigns_signature_by_ip" in plan, plan
    assert "Seq Scan" not in plan, plan
