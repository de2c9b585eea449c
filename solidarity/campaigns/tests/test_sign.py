"""The signing service: what is stored, what is refused, what is sent."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from solidarity.campaigns import services
from solidarity.campaigns.factories import make_campaign, make_signature
from solidarity.campaigns.models import AccessRule, Campaign, Signature

from .conftest import plain_text, sign


def test_a_new_signature_is_stored_pending_with_the_address_normalised(campaign):
    signed = sign(campaign, email="Jane.Worker+drivers@GMAIL.com ")

    assert signed.created
    stored = Signature.objects.get()
    assert stored.status == Signature.Status.PENDING
    assert stored.email == "Jane.Worker+drivers@GMAIL.com"
    assert stored.email_key == "janeworker@gmail.com"
    assert stored.confirmed_at is None
    assert services.counts(campaign)["total"] == 0


def test_the_ip_address_is_stored_only_as_a_keyed_hash(campaign):
    stored = sign(campaign, ip="203.0.113.7").signature

    assert len(stored.ip_hash) == 64
    assert "203.0.113" not in stored.ip_hash


def test_a_second_signature_from_the_same_mailbox_stores_nothing_new(campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 10
    first = sign(campaign, email="jane.worker@gmail.com")
    second = sign(campaign, email="JaneWorker+again@googlemail.com", name="Someone else", ip="198.51.100.1")

    assert not second.created
    assert second.signature.pk == first.signature.pk
    assert Signature.objects.get().name == "Jane Worker"


def test_the_same_address_may_sign_two_different_campaigns(campaign):
    other = make_campaign(slug="other")
    sign(campaign)
    sign(other, ip="198.51.100.1")

    assert Signature.objects.count() == 2


def test_a_closed_campaign_takes_no_signature(db):
    closed = make_campaign(status=Campaign.Status.CLOSED)

    with pytest.raises(services.CampaignClosed):
        sign(closed)
    assert not Signature.objects.exists()


def test_a_campaign_past_its_end_date_takes_no_signature(db):
    ended = make_campaign(starts_on=timezone.localdate() - timedelta(days=100),
                          ends_on=timezone.localdate() - timedelta(days=1))

    assert ended.status == Campaign.Status.ACTIVE
    with pytest.raises(services.CampaignClosed):
        sign(ended)


def test_a_draft_campaign_takes_no_signature(db):
    with pytest.raises(services.CampaignClosed):
        sign(make_campaign(status=Campaign.Status.DRAFT))


def test_a_campaign_runs_three_months_unless_told_otherwise(db):
    campaign = make_campaign(starts_on=timezone.datetime(2026, 1, 31).date())

    assert campaign.ends_on == timezone.datetime(2026, 4, 30).date()


def test_an_unknown_country_is_refused(campaign):
    with pytest.raises(services.InvalidCountry):
        sign(campaign, country="XX")
    assert not Signature.objects.exists()


def test_a_second_signature_from_one_connection_within_a_minute_is_refused(campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 1
    sign(campaign, email="one@union.example")

    with pytest.raises(services.TooManyRequests):
        sign(campaign, email="two@union.example")
    assert Signature.objects.count() == 1


def test_a_connection_that_used_up_its_limit_is_refused_for_a_known_address_as_for_a_new_one(campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 1
    # Refusing only new addresses would tell a limited connection which addresses had signed.
    sign(campaign, email="one@union.example")

    with pytest.raises(services.TooManyRequests):
        sign(campaign, email="One@Union.example")
    with pytest.raises(services.TooManyRequests):
        sign(campaign, email="two@union.example")
    assert Signature.objects.count() == 1


def test_a_repeated_address_uses_up_the_connection_s_limit_like_a_new_one(campaign, settings):
    # Otherwise a connection one short of its limit could tell a known address from a new
    # one by whether the next new address is still taken.
    settings.CAMPAIGN_RATE_BURST = 2
    make_signature(campaign, email="known@union.example")
    sign(campaign, email="new@union.example")
    sign(campaign, email="known@union.example")

    with pytest.raises(services.TooManyRequests):
        sign(campaign, email="third@union.example")


def test_a_repeated_address_uses_up_one_signature_of_the_limit_not_more(campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 3
    make_signature(campaign, email="known@union.example")
    sign(campaign, email="new@union.example")
    sign(campaign, email="known@union.example")

    sign(campaign, email="third@union.example")  # two of three used: still taken
    assert Signature.objects.filter(email="third@union.example").exists()
    with pytest.raises(services.TooManyRequests):
        sign(campaign, email="fourth@union.example")


def test_the_five_minute_limit_refuses_a_connection_that_filled_it(campaign, settings):
    settings.CAMPAIGN_RATE_BURST = 100
    settings.CAMPAIGN_RATE_SUSTAINED = 5
    for number in range(5):
        sign(campaign, email=f"signer{number}@union.example")

    with pytest.raises(services.TooManyRequests):
        sign(campaign, email="sixth@union.example")
    assert Signature.objects.count() == 5


def test_a_campaign_can_allow_more_signatures_per_connection(db):
    campaign = make_campaign(burst_limit=3, sustained_limit=3)
    for number in range(3):
        sign(campaign, email=f"signer{number}@union.example")

    with pytest.raises(services.TooManyRequests):
        sign(campaign, email="fourth@union.example")


def test_other_connections_are_not_limited_by_one_that_signed(campaign):
    sign(campaign, email="one@union.example", ip="203.0.113.7")
    sign(campaign, email="two@union.example", ip="203.0.113.8")

    assert Signature.objects.count() == 2


def test_a_blocked_email_domain_and_its_subdomains_are_refused(campaign):
    AccessRule.objects.create(kind=AccessRule.Kind.DOMAIN, value="throwaway.example")

    with pytest.raises(services.BlockedDomain):
        sign(campaign, email="bot@throwaway.example")
    with pytest.raises(services.BlockedDomain):
        sign(campaign, email="bot@mx.throwaway.example", ip="198.51.100.1")
    assert not Signature.objects.exists()


def test_an_allowed_subdomain_inside_a_blocked_domain_may_sign(campaign):
    AccessRule.objects.create(kind=AccessRule.Kind.DOMAIN, value="uni.example")
    AccessRule.objects.create(kind=AccessRule.Kind.DOMAIN, value="staff.uni.example", action=AccessRule.Action.ALLOW)

    sign(campaign, email="lecturer@staff.uni.example")
    assert Signature.objects.count() == 1


def test_a_blocked_ip_range_is_refused(campaign):
    AccessRule.objects.create(kind=AccessRule.Kind.IP_RANGE, value="203.0.113.0/24")

    with pytest.raises(services.BlockedNetwork):
        sign(campaign, ip="203.0.113.99")
    assert not Signature.objects.exists()


def test_an_allowed_ip_range_is_not_rate_limited(campaign):
    # A union office where many members sign from one address.
    AccessRule.objects.create(kind=AccessRule.Kind.IP_RANGE, value="203.0.113.0/24", action=AccessRule.Action.ALLOW)
    for number in range(8):
        sign(campaign, email=f"member{number}@union.example", ip="203.0.113.7")

    assert Signature.objects.count() == 8
    # Not limited, and stored waiting for its confirmation like any other.
    assert set(Signature.objects.values_list("status", flat=True)) == {Signature.Status.PENDING}


def test_a_signature_without_a_known_address_is_stored_pending_and_counted_once_confirmed(campaign):
    # A request whose address is not known (a trusted proxy that gave none) is not limited.
    signed = sign(campaign, ip="")

    stored = Signature.objects.get()
    assert signed.created and stored.status == Signature.Status.PENDING and stored.ip_hash == ""
    services.confirm(stored)
    assert services.counts(campaign)["total"] == 1


def test_signing_queues_one_confirmation_email_after_the_commit(campaign, smtp_server, after_commit):
    with after_commit():
        sign(campaign)
        assert smtp_server.messages == []

    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["To"] == "jane@union.example"
    assert Signature.objects.get().confirmation_sent_at is not None


def test_a_duplicate_while_pending_sends_the_link_again_unless_it_was_just_sent(campaign, smtp_server, after_commit, settings):
    settings.CAMPAIGN_RATE_BURST = 10
    with after_commit():
        sign(campaign)
    with after_commit():
        sign(campaign, ip="198.51.100.1")
    assert len(smtp_server.messages) == 1  # the first e-mail was sent moments ago

    Signature.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=20))
    with after_commit():
        sign(campaign, ip="198.51.100.2")
        sign(campaign, ip="198.51.100.3")

    messages = smtp_server.messages
    assert len(messages) == 2
    assert "signed “Free the bus drivers” again" in plain_text(messages[1])
    assert "/en/campaigns/confirm/" in plain_text(messages[1])


def test_a_duplicate_once_confirmed_sends_an_already_signed_email(campaign, smtp_server, after_commit):
    make_signature(campaign, email="jane@union.example")
    with after_commit():
        signed = sign(campaign)

    assert not signed.created
    (message,) = smtp_server.messages
    assert message["Subject"] == "You have already signed: Free the bus drivers"
    assert "counts once" in plain_text(message)
    assert "/confirm/" not in plain_text(message)
    assert services.counts(campaign)["total"] == 1


def test_a_mail_server_that_is_down_loses_no_signature(campaign, smtp_server, after_commit):
    smtp_server.down()
    with after_commit():
        signed = sign(campaign)

    stored = Signature.objects.get(pk=signed.signature.pk)
    assert stored.confirmation_sent_at is None
    smtp_server.up()
    Signature.objects.filter(pk=stored.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    with after_commit():
        assert services.resend_lost_confirmations(older_than=timedelta(minutes=10)) == 1
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize("database_threads", [50])
def test_fifty_simultaneous_signatures_with_the_same_address_store_exactly_one(committed_db, smtp_server, settings,
                                                                                  database_threads):
    campaign = make_campaign()
    AccessRule.objects.create(kind=AccessRule.Kind.IP_RANGE, value="203.0.113.0/24", action=AccessRule.Action.ALLOW)
    start = threading.Barrier(database_threads)
    results, failures = [], []

    def submit():
        try:
            start.wait()
            results.append(sign(campaign, email="Same.Person@gmail.com"))
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(database_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert Signature.objects.count() == 1
    assert sum(result.created for result in results) == 1
    assert {result.signature.pk for result in results} == {Signature.objects.get().pk}
    # One confirmation e-mail for the whole burst.
    assert len(smtp_server.wait_for(2, timeout=3)) == 1


@pytest.mark.parametrize("database_threads", [10])
def test_simultaneous_signatures_from_one_connection_are_limited_all_the_same(committed_db, settings,
                                                                             database_threads):
    settings.CAMPAIGN_RATE_BURST = 1
    campaign = make_campaign()
    start = threading.Barrier(database_threads)
    outcomes, failures = [], []

    def submit(number):
        try:
            start.wait()
            sign(campaign, email=f"signer{number}@union.example", ip="203.0.113.7")
            outcomes.append("stored")
        except services.TooManyRequests:
            outcomes.append("limited")
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(number,)) for number in range(database_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted(outcomes) == ["limited"] * (database_threads - 1) + ["stored"]
    assert Signature.objects.count() == 1


def test_the_counter_equals_the_confirmed_rows(campaign, settings):
    settings.CAMPAIGN_COUNTS_SECONDS = 0
    for number, country in enumerate(["GB", "GB", "CA", "IR"]):
        make_signature(campaign, email=f"c{number}@union.example", country=country)
    make_signature(campaign, email="pending@union.example", confirmed=False)
    make_signature(campaign, email="bad@union.example", status=Signature.Status.INVALIDATED)

    numbers = services.counts(campaign)
    assert numbers == {"total": 4, "by_country": {"GB": 2, "CA": 1, "IR": 1}}
    assert numbers["total"] == Signature.objects.filter(campaign=campaign, status=Signature.Status.CONFIRMED).count()


def test_the_counter_is_at_most_a_second_old(campaign):
    assert services.counts(campaign)["total"] == 0
    make_signature(campaign)
    assert services.counts(campaign)["total"] == 0  # from the cache, within the second

    import time

    time.sleep(1.05)
    assert services.counts(campaign)["total"] == 1


def test_a_surge_of_signatures_is_confirmed_by_one_task_a_share_that_sends_every_waiting_email(
        campaign, smtp_server, after_commit, settings):
    from django.core.cache import cache

    settings.CAMPAIGN_CONFIRMATION_SENDERS = 2
    with after_commit() as callbacks:
        for number in range(5):
            sign(campaign, email=f"s{number}@union.example", ip=f"203.0.113.{number}")
    assert len(callbacks) == 2  # one task queued for each share of the five signatures

    assert sorted(message["To"] for message in smtp_server.messages) == [f"s{n}@union.example" for n in range(5)]
    assert not Signature.objects.filter(confirmation_sent_at__isnull=True).exists()
    assert cache.get_many(services.confirmations_keys()) == {}  # the next signature queues a task again
    with after_commit():
        sign(campaign, email="later@union.example", ip="198.51.100.9")
    assert smtp_server.messages[-1]["To"] == "later@union.example"


def test_a_signer_gets_the_newsletter_and_updates_only_when_they_ask(campaign):
    silent = sign(campaign, email="silent@union.example").signature
    asking = sign(campaign, email="asking@union.example", wants_newsletter=True, wants_updates=True).signature

    silent.refresh_from_db()
    asking.refresh_from_db()
    assert (silent.wants_newsletter, silent.wants_updates) == (False, False)
    assert (asking.wants_newsletter, asking.wants_updates) == (True, True)


def test_the_country_and_organisation_are_stored_as_given_and_nothing_else_is_made_up(campaign):
    stored = sign(campaign, country="IR", organisation="").signature
    stored.refresh_from_db()

    assert (stored.country, stored.organisation) == ("IR", "")


def test_a_message_to_the_targets_is_kept_only_on_a_campaign_that_delivers_them(db):
    quiet = make_campaign(slug="no-protest", protest_enabled=False)

    stored = sign(quiet, message="Free them now").signature
    stored.refresh_from_db()

    assert stored.message == ""


def test_signing_again_gives_back_the_first_signature_and_says_nothing_was_made(campaign):
    first = sign(campaign).signature

    again = sign(campaign, email="JANE@union.example")

    assert again.created is False
    assert again.signature.pk == first.pk
    assert Signature.objects.count() == 1


def test_a_long_sending_task_keeps_the_others_out_so_nobody_gets_the_same_link_twice(campaign, smtp_server,
                                                                                       settings, monkeypatch):
    """A surge's backlog can take longer to send than the key lives: the task renews it as it
    goes, so a signature arriving meanwhile does not start a second task over the same rows."""
    import time

    from django.core.cache import cache

    from solidarity.campaigns.services import confirmations

    settings.CAMPAIGN_CONFIRMATIONS_KEY_SECONDS = 1
    for number in range(25):
        make_signature(campaign, email=f"w{number}@union.example", confirmed=False)
    settings.CAMPAIGN_CONFIRMATION_SENDERS = 1
    [key] = services.confirmations_keys()
    cache.set(key, 1, timeout=1)  # as queue_confirmations left it
    send = confirmations.send_signature_email
    key_seen = []

    def slow_mail_server(signature, **kwargs):
        time.sleep(0.06)  # 25 e-mails take 1.5 s: longer than the key's second
        key_seen.append(cache.get(key) is not None)
        send(signature, **kwargs)

    monkeypatch.setattr(confirmations, "send_signature_email", slow_mail_server)
    # Renewed every other e-mail: two are well within the key's second on a busy machine too.
    monkeypatch.setattr(confirmations, "KEY_REFRESH_EVERY", 2)
    assert services.send_waiting_confirmations(shard=0) == 25

    assert key_seen == [True] * 25
    assert len(smtp_server.messages) == 25
    assert cache.get(key) is None  # let go at the end


def test_each_sending_task_sends_its_own_share_of_the_waiting_emails_and_no_other(campaign, smtp_server, settings):
    """Two workers send at once without sending one e-mail twice: a share is the signature's
    id modulo the number of senders."""
    settings.CAMPAIGN_CONFIRMATION_SENDERS = 3
    waiting = [make_signature(campaign, email=f"q{number}@union.example", confirmed=False) for number in range(7)]

    assert services.send_waiting_confirmations(shard=1) == len([s for s in waiting if s.pk % 3 == 1])
    sent = {message["To"] for message in smtp_server.messages}
    assert sent == {s.email for s in waiting if s.pk % 3 == 1}
    services.send_waiting_confirmations(shard=0)
    services.send_waiting_confirmations(shard=2)
    assert len(smtp_server.messages) == 7
    assert sorted(message["To"] for message in smtp_server.messages) == sorted(s.email for s in waiting)


def test_a_new_signature_wakes_only_the_sender_of_its_own_share(campaign, settings, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    settings.CAMPAIGN_CONFIRMATION_SENDERS = 3
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        signed = services.sign(campaign, name="Jane", email="share@union.example", country="GB", language="en",
                               ip="203.0.113.50")
    share = signed.signature.pk % 3
    [queued] = callbacks
    assert queued.keywords == {"shard": share}
    assert set(cache.get_many(services.confirmations_keys())) == {services.confirmations_keys(share)[0]}


def test_a_sender_lets_go_of_its_own_share_only(campaign, smtp_server, settings):
    from django.core.cache import cache

    settings.CAMPAIGN_CONFIRMATION_SENDERS = 2
    for key in services.confirmations_keys():
        cache.set(key, 1, timeout=30)
    services.send_waiting_confirmations(shard=1)
    assert set(cache.get_many(services.confirmations_keys())) == {services.confirmations_keys(0)[0]}


def test_only_pending_signatures_within_the_links_lifetime_are_mailed(campaign, smtp_server, settings):
    make_signature(campaign, email="first@union.example", confirmed=False)  # the first row is mailed too
    make_signature(campaign, email="confirmed@union.example", confirmed=True)
    make_signature(campaign, email="invalid@union.example", status=Signature.Status.INVALIDATED)
    old = make_signature(campaign, email="old@union.example", confirmed=False)
    Signature.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - services.confirmation_lifetime() - timedelta(minutes=1))
    Signature.objects.update(confirmation_sent_at=None)

    assert services.send_waiting_confirmations() == 1
    assert [message["To"] for message in smtp_server.messages] == ["first@union.example"]
