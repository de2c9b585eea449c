"""Endorsement e-mails cannot flood a mailbox: one address gets a few confirmation e-mails an
hour however many connections ask, and the page says the same when the cap is reached."""

from solidarity.campaigns.factories import make_campaign

ADDRESS = "victim@mailbox.example"


def endorse(client, campaign, number, email=ADDRESS):
    data = {"organisation_name": f"Local {number}", "representative_name": "Sam", "representative_role": "Chair",
            "email": email, "country": "CA", "website": ""}
    return client.post(f"/en/campaigns/{campaign.slug}/endorse/", data, REMOTE_ADDR=f"198.51.100.{number}")


def test_twenty_endorsements_for_one_address_from_twenty_connections_send_at_most_the_cap(
        client, db, smtp_server, after_commit, settings):
    campaign = make_campaign(endorsement_enabled=True)

    answers = set()
    for number in range(20):
        with after_commit():
            response = endorse(client, campaign, number)
        answers.add((response.status_code, response["Location"]))

    assert len(smtp_server.messages) == settings.CAMPAIGN_ENDORSEMENT_MAILS_PER_ADDRESS == 3
    assert answers == {(302, f"/en/campaigns/{campaign.slug}/endorse/thanks/")}
    with after_commit():
        endorse(client, campaign, 30, email="someone.else@mailbox.example")
    assert len(smtp_server.messages) == 4  # other addresses are not held back


def test_the_cache_counts_a_keyed_hash_never_the_address(client, db, smtp_server, after_commit, monkeypatch):
    from solidarity.core import security

    keys = []
    counted = security.hit
    monkeypatch.setattr(security, "hit", lambda key, **limit: keys.append(key) or counted(key, **limit))
    campaign = make_campaign(endorsement_enabled=True)
    with after_commit():
        endorse(client, campaign, 1)

    (mail_key,) = [key for key in keys if key.startswith("campaigns:endorse-mail:")]
    assert "victim" not in mail_key and "mailbox" not in mail_key
    assert len(mail_key.rpartition(":")[2]) == 64
