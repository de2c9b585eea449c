"""What the public actions tell an attacker, and what one bad address does to a batch, against
the production server and its real worker."""

import re

from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import Signature


def signing(email, **more):
    return {"name": "Jane Worker", "name_shown": "initials", "email": email, "country": "GB", "organisation": "",
            "website": "", **more}


def answer(response):
    """What a visitor sees of an answer, less the values that change with every request."""
    body = re.sub(r'name="(csrfmiddlewaretoken|pow_challenge)" value="[^"]*"', "", response.text)
    return response.status_code, response.headers.get("Location"), body


def test_the_answer_to_signing_never_tells_whether_an_address_signed_before(production_server, committed_db):
    campaign = make_campaign()
    path = f"/en/campaigns/{campaign.slug}/sign/"
    production_server.visitor(ip="198.51.100.1").post(path, signing("known@union.example"))
    make_signature(campaign, email="confirmed@union.example")

    new = production_server.visitor(ip="198.51.100.2").post(path, signing("new@union.example"))
    pending = production_server.visitor(ip="198.51.100.3").post(path, signing("known@union.example"))
    confirmed = production_server.visitor(ip="198.51.100.4").post(path, signing("confirmed@union.example"))

    assert new.status_code == 302
    assert answer(pending)[:2] == answer(confirmed)[:2] == answer(new)[:2]
    thanks = production_server.visitor(ip="198.51.100.5")
    assert answer(thanks.get(pending.headers["Location"])) == answer(thanks.get(new.headers["Location"]))


def test_a_connection_held_back_is_held_back_alike_for_known_and_new_addresses(production_server, committed_db):
    # One signature a minute per connection for this campaign (the default lets a room of 200 sign).
    campaign = make_campaign(burst_limit=1)
    path = f"/en/campaigns/{campaign.slug}/sign/"
    make_signature(campaign, email="known@union.example")
    first, second = (production_server.visitor(ip=ip) for ip in ("198.51.100.10", "198.51.100.11"))
    first.post(path, signing("one@union.example"))
    second.post(path, signing("two@union.example"))

    known = first.post(path, signing("known@union.example"))
    new = second.post(path, signing("three@union.example"))

    assert known.status_code == new.status_code == 429
    assert answer(known)[1] == answer(new)[1]


def test_subscribing_answers_alike_for_a_reader_we_know_and_one_we_do_not(production_server, committed_db):
    from solidarity.supporters.models import Subscriber

    Subscriber.objects.create(email="reader@example.org", language="en", status=Subscriber.Status.ACTIVE)
    path = "/en/newsletter/subscribe/"

    def subscribe(ip, email):
        visitor = production_server.visitor(ip=ip)
        page = visitor.get(path)
        lists = re.findall(r'name="lists" value="([^"]+)"', page.text)[:1]
        return visitor.post(path, {"email": email, "name": "", "language": "en", "lists": lists, "website": ""})

    known = subscribe("198.51.100.20", "reader@example.org")
    new = subscribe("198.51.100.21", "stranger@example.org")

    assert known.status_code == new.status_code
    assert known.headers.get("Location") == new.headers.get("Location")


def test_one_address_the_mail_server_cannot_take_holds_back_no_other_signer(production_server, production_worker,
                                                                            smtp_server, committed_db):
    campaign = make_campaign()
    # Stored before addresses were checked: a right-to-left override inside the domain.
    poisoned = make_signature(campaign, email="a@ex\u202eample.org", confirmed=False)
    path = f"/en/campaigns/{campaign.slug}/sign/"
    for number in range(3):
        response = production_server.visitor(ip=f"198.51.100.{30 + number}").post(
            path, signing(f"signer{number}@union.example"))
        assert response.status_code == 302

    result = production_worker()

    assert result.returncode == 0, result.stderr[-2000:]
    smtp_server.wait_for(3)
    delivered = sorted(envelope.rcpt_tos[0] for envelope in smtp_server.envelopes)
    assert delivered == ["signer0@union.example", "signer1@union.example", "signer2@union.example"]
    poisoned.refresh_from_db()
    assert poisoned.mail_attempts == 1 and poisoned.mail_error
    assert Signature.objects.filter(confirmation_sent_at__isnull=False).count() == 3
