"""The signing request stays cheap, because a viral case brings thousands a minute."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.campaigns.services import access

from .conftest import signing_data


def test_a_signature_costs_two_reads_and_one_insert(client, campaign):
    # The campaign, and this connection's recent signatures (the rate limit); then the row.
    access._access_rules()  # the rules are read once per process every few seconds

    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/en/campaigns/{campaign.slug}/sign/", signing_data())

    assert response.status_code == 302
    # On PostgreSQL the rate limit first takes a lock for this connection on this campaign.
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries
                  if "pg_advisory_xact_lock" not in q["sql"]]
    data_statements = [s for s in statements if s in ("SELECT", "INSERT", "UPDATE", "DELETE")]
    assert data_statements == ["SELECT", "SELECT", "INSERT"], "\n".join(q["sql"][:150] for q in queries.captured_queries)
