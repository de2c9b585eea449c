"""Confirming a signature from the link in the e-mail."""

from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Signature
from solidarity.campaigns.signals import signature_confirmed

from .conftest import link_in, path_of, signing_data


@pytest.fixture
def settings_counts_now(settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0


def signed_and_mailed(client, campaign, smtp_server, after_commit, language="en", **data):
    with after_commit():
        client.post(f"/{language}/campaigns/{campaign.slug}/sign/", signing_data(**data))
    return path_of(link_in(smtp_server.messages[-1], "/confirm/"))


def test_opening_the_link_shows_a_button_and_confirms_nothing(client, campaign, smtp_server, after_commit):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)

    response = client.get(path)

    assert response.status_code == 200
    assert "Confirm my signature" in response.content.decode()
    assert f'action="{path}"' in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert Signature.objects.get().status == Signature.Status.PENDING


def test_pressing_the_button_confirms_and_the_signature_counts(client, campaign, smtp_server, after_commit,
                                                              settings_counts_now):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)
    received = []
    signature_confirmed.connect(lambda signature, **kw: received.append(signature.pk), weak=False, dispatch_uid="t")
    try:
        with after_commit():
            response = client.post(path)
    finally:
        signature_confirmed.disconnect(dispatch_uid="t")

    assert response.status_code == 303
    assert response["Location"] == f"/en/campaigns/{campaign.slug}/confirmed/"
    page = client.get(response["Location"])
    assert "Your signature counts" in page.content.decode()
    assert "1 person has signed so far" in page.content.decode()
    stored = Signature.objects.get()
    assert stored.status == Signature.Status.CONFIRMED and stored.confirmed_at is not None
    assert received == [stored.pk]
    assert services.counts(campaign)["total"] == 1


def test_a_confirmation_is_one_update_that_gives_back_the_row_and_draws_no_page(client, campaign, smtp_server,
                                                                               after_commit):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)
    services.campaign_for_signing(campaign.slug)  # kept by this process a few seconds, as in a surge

    with CaptureQueriesContext(connection) as queries:
        response = client.post(path)

    assert response.status_code == 303
    assert response.content == b""
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements == ["UPDATE"], "\n".join(q["sql"][:150] for q in queries.captured_queries)
    assert Signature.objects.get().status == Signature.Status.CONFIRMED


def test_a_link_confirmed_before_reads_the_row_to_say_so_and_changes_nothing(client, campaign, smtp_server,
                                                                            after_commit):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)
    client.post(path)
    confirmed_at = Signature.objects.get().confirmed_at

    with CaptureQueriesContext(connection) as queries:
        response = client.post(path)

    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements[:2] == ["UPDATE", "SELECT"]
    assert response.status_code == 200
    assert "was already confirmed" in response.content.decode()
    assert Signature.objects.get().confirmed_at == confirmed_at


def test_every_signer_is_led_to_the_same_confirmed_page_which_names_nobody(client, campaign, smtp_server,
                                                                          after_commit, settings_counts_now):
    first = signed_and_mailed(client, campaign, smtp_server, after_commit, name="Jane Worker", email="jane@union.example")
    second = signed_and_mailed(client, campaign, smtp_server, after_commit, name="Reza Driver", email="reza@union.example")

    leads = {client.post(first)["Location"], client.post(second)["Location"]}

    assert leads == {f"/en/campaigns/{campaign.slug}/confirmed/"}
    page = client.get(leads.pop())
    content = page.content.decode()
    assert page.status_code == 200
    assert "public" in page["Cache-Control"]  # one copy, kept by the page cache, serves everyone
    assert "2 people have signed so far" in content
    for personal in ("Jane", "Reza", "union.example", first.split("/")[-2], second.split("/")[-2]):
        assert personal not in content


def test_the_confirmed_page_of_a_draft_campaign_is_not_found(client, db):
    draft = make_campaign(status="draft")

    assert client.get(f"/en/campaigns/{draft.slug}/confirmed/").status_code == 404


def test_confirming_twice_is_friendly_and_counts_once(client, campaign, smtp_server, after_commit, settings_counts_now):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)
    client.post(path)

    again = client.post(path)

    assert again.status_code == 200
    assert "was already confirmed" in again.content.decode()
    assert services.counts(campaign)["total"] == 1
    assert "was already confirmed" in client.get(path).content.decode()


def test_an_expired_link_offers_a_new_one_that_works(client, campaign, smtp_server, after_commit, settings):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)
    settings.CAMPAIGN_CONFIRMATION_DAYS = 0
    Signature.objects.update(confirmation_sent_at=None)

    response = client.post(path)

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    assert Signature.objects.get().status == Signature.Status.PENDING
    with after_commit():
        resent = client.post(f"{path}new-link/")
    assert "A new link is on its way" in resent.content.decode()
    assert len(smtp_server.messages) == 2

    settings.CAMPAIGN_CONFIRMATION_DAYS = 14
    client.post(path_of(link_in(smtp_server.messages[-1], "/confirm/")))
    assert Signature.objects.get().status == Signature.Status.CONFIRMED


def test_an_expired_link_is_judged_by_the_age_of_the_link(campaign, settings):
    signature = make_signature(campaign, confirmed=False)
    old_token = signing.TimestampSigner(salt=services.CONFIRM_SALT).sign_object(signature.pk)
    settings.CAMPAIGN_CONFIRMATION_DAYS = 14

    assert services.signature_for_token(old_token) == (signature, False)
    import time

    real_time = time.time
    try:
        time.time = lambda: real_time() + timedelta(days=15).total_seconds()
        assert services.signature_for_token(old_token) == (signature, True)
    finally:
        time.time = real_time


def test_a_damaged_link_says_so(client, campaign, smtp_server, after_commit):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)

    response = client.get(path[:-8] + "/")

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_an_invalidated_signature_cannot_be_confirmed(client, campaign, smtp_server, after_commit):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)
    Signature.objects.update(status=Signature.Status.INVALIDATED)

    assert client.post(path).status_code == 404
    assert Signature.objects.get().status == Signature.Status.INVALIDATED


def test_a_persian_signer_confirms_on_a_persian_page(client, campaign, smtp_server, after_commit):
    path = signed_and_mailed(client, campaign, smtp_server, after_commit, language="fa", name="مریم")

    assert path.startswith("/fa/campaigns/confirm/")
    page = client.get(path).content.decode()
    assert 'dir="rtl"' in page
    assert "امضای خود را تأیید کنید" in page
    response = client.post(path)
    assert response["Location"] == f"/fa/campaigns/{campaign.slug}/confirmed/"
    confirmed = client.get(response["Location"]).content.decode()
    assert 'dir="rtl"' in confirmed
    assert "امضای شما به حساب آمد" in confirmed


def test_the_letter_link_comes_after_confirmation_in_the_fragment_never_on_the_shared_page(
        client, smtp_server, after_commit, db):
    campaign = make_campaign(letter_enabled=True)
    path = signed_and_mailed(client, campaign, smtp_server, after_commit)

    response = client.post(path)

    # A redirect like any other confirmation (no page drawn per signer); the signer's own letter
    # link rides in the fragment, which the browser keeps and never sends to a server.
    assert response.status_code == 303
    page, _, fragment = response["Location"].partition("#")
    assert page == f"/en/campaigns/{campaign.slug}/confirmed/"
    signature = Signature.objects.get()
    assert signature.status == Signature.Status.CONFIRMED
    # The token carries the second it was signed: compared by what it opens, not by its text.
    token = fragment.removeprefix("letter=")
    assert fragment.startswith("letter=") and services.signature_for_letter(token) == signature
    assert client.get(f"/en/campaigns/letter/{token}/")["Content-Type"] == "application/pdf"
    shared = client.get(page).content.decode()
    assert "Your signature counts" in shared
    assert "is linked in the e-mail we sent you" in shared
    assert 'data-letter-base="/en/campaigns/letter/TOKEN/"' in shared
    assert token not in shared
