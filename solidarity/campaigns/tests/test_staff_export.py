"""The CSV export of signatures: for campaign staff only, logged, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse

from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import ExportLog, Signature
from solidarity.core.csv import safe_cell


@pytest.fixture
def campaign(db):
    campaign = make_campaign()
    make_signature(campaign, email="ana@union.example", name="Ana López", country="ES", organisation="CCOO")
    make_signature(campaign, email="reza@union.example", name="رضا کارگر", country="DE")
    make_signature(campaign, email="evil@union.example", name='=HYPERLINK("http://evil.example","click")',
                   organisation="+1 (555) 0100", message="@SUM(A1:A9)")
    make_signature(campaign, email="waiting@union.example", name="Wait Ing", confirmed=False)
    return campaign


def download(client, campaign, statuses=("confirmed",)):
    response = client.post(reverse("campaigns_staff_export", args=[campaign.pk]), {"statuses": list(statuses)})
    body = b"".join(response.streaming_content).decode("utf-8") if response.status_code == 200 else ""
    return response, body


def rows_of(body):
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def test_a_campaigner_downloads_the_confirmed_signatures_and_the_export_is_logged(client, make_staff, campaign):
    campaigner = make_staff("campaigner", "Campaigners")
    client.force_login(campaigner)

    response, body = download(client, campaign)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="signatures-{campaign.pk}-')
    rows = rows_of(body)
    assert [row["name"] for row in rows] == ["Ana López", "رضا کارگر", "'=HYPERLINK(\"http://evil.example\",\"click\")"]
    assert rows[0]["email"] == "ana@union.example"
    assert rows[0]["country"] == "ES"
    assert "ip_hash" not in rows[0]
    [entry] = ExportLog.objects.all()
    assert (entry.campaign, entry.user, entry.rows) == (campaign, campaigner, 3)
    assert entry.what == "signatures CSV (Confirmed)"
    assert "signatures CSV (Confirmed)" in client.get(reverse("campaigns_staff_dashboard", args=[campaign.pk])).content.decode()


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted(client, make_staff, campaign):
    client.force_login(make_staff("campaigner", "Campaigners"))

    _response, body = download(client, campaign)

    evil = rows_of(body)[2]
    assert evil["name"].startswith("'=")
    assert evil["organisation"] == "'+1 (555) 0100"
    assert evil["message"] == "'@SUM(A1:A9)"


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("-2", "'-2"), ("+3", "'+3"), ("@x", "'@x"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("  =1", "'  =1"), ("＝1", "'＝1"), ("Jane", "Jane"), ("", ""), (None, ""), (True, "yes"), ("a=b", "a=b"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_pending_and_invalidated_signatures_are_exported_only_when_asked(client, make_staff, campaign):
    client.force_login(make_staff("campaigner", "Campaigners"))

    _response, body = download(client, campaign, statuses=["pending", "confirmed"])

    rows = rows_of(body)
    assert len(rows) == 4
    assert {row["status"] for row in rows} == {"pending", "confirmed"}
    assert ExportLog.objects.get().what == "signatures CSV (Waiting for confirmation, Confirmed)"


def test_an_export_without_a_choice_or_by_get_exports_nothing(client, make_staff, campaign):
    client.force_login(make_staff("campaigner", "Campaigners"))

    assert client.post(reverse("campaigns_staff_export", args=[campaign.pk]), {}).status_code == 302
    assert client.post(reverse("campaigns_staff_export", args=[campaign.pk]), {"statuses": ["nonsense"]}).status_code == 302
    assert client.get(reverse("campaigns_staff_export", args=[campaign.pk])).status_code == 405
    assert not ExportLog.objects.exists()


def test_editors_cannot_export_and_nothing_is_logged(client, make_staff, campaign):
    client.force_login(make_staff("editor", "Editors"))

    response, body = download(client, campaign)

    assert response.status_code == 403
    assert "ana@union.example" not in response.content.decode()
    assert not ExportLog.objects.exists()


def test_a_large_export_streams_every_row(client, make_staff, db):
    campaign = make_campaign(slug="large")
    Signature.objects.bulk_create([
        Signature(campaign=campaign, name=f"Signer {i}", email=f"s{i}@union.example", email_key=f"s{i}@union.example",
                  country="GB", status=Signature.Status.CONFIRMED)
        for i in range(3000)
    ])
    client.force_login(make_staff("campaigner", "Campaigners"))

    response, body = download(client, campaign)

    assert len(rows_of(body)) == 3000
    assert ExportLog.objects.get().rows == 3000
