"""The public count: each campaign its own, counted at most once a second, never older than
its age limit, and one process counting while the others answer from the previous count."""

import importlib

import pytest
from django.core.cache import cache

from solidarity.campaigns.factories import make_campaign, make_signature

# The module (the package's `counts` is the function of that name).
counting = importlib.import_module("solidarity.campaigns.services.counts")


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(counting.time, "time", lambda: now[0])
    return now


@pytest.fixture
def campaign(db):
    return make_campaign()


def test_each_campaign_counts_only_its_own_confirmed_signatures(db, clock):
    first, second = make_campaign(slug="first"), make_campaign(slug="second")
    make_signature(first, email="a@union.example", country="GB")
    make_signature(first, email="b@union.example", country="CA")
    make_signature(first, email="c@union.example", confirmed=False)
    make_signature(second, email="d@union.example", country="SE")

    assert counting.counts(first) == {"total": 2, "by_country": {"GB": 1, "CA": 1}}
    assert counting.counts(second) == {"total": 1, "by_country": {"SE": 1}}


def test_a_count_younger_than_its_age_limit_is_answered_from_the_cache(campaign, clock):
    assert counting.counts(campaign, max_age=1)["total"] == 0
    make_signature(campaign)

    clock[0] += 0.99
    assert counting.counts(campaign, max_age=1)["total"] == 0
    clock[0] += 0.01  # exactly its age limit: counted again
    assert counting.counts(campaign, max_age=1)["total"] == 1


def test_while_another_process_counts_a_count_half_a_second_past_due_is_answered(campaign, clock):
    counting.counts(campaign, max_age=1)
    make_signature(campaign)
    cache.add(f"campaigns:counts:{campaign.pk}:counting", 1, timeout=10)  # another process is counting

    clock[0] += 1.49
    assert counting.counts(campaign, max_age=1)["total"] == 0
    clock[0] += 0.01  # past half a second late, this process counts too
    assert counting.counts(campaign, max_age=1)["total"] == 1


def test_a_count_past_due_with_nobody_counting_is_counted_at_once_and_the_claim_let_go(campaign, clock):
    counting.counts(campaign, max_age=1)
    make_signature(campaign)

    clock[0] += 1.2
    assert counting.counts(campaign, max_age=1)["total"] == 1
    assert cache.get(f"campaigns:counts:{campaign.pk}:counting") is None
    # The claim was let go: the next due count is not held back by a process that finished.
    make_signature(campaign, email="second@union.example")
    clock[0] += 1.2
    assert counting.counts(campaign, max_age=1)["total"] == 2


def test_a_count_forgotten_after_invalidation_is_counted_again_at_once(campaign, clock):
    counting.counts(campaign, max_age=60)
    make_signature(campaign)

    counting.forget_counts(campaign)

    assert counting.counts(campaign, max_age=60)["total"] == 1
