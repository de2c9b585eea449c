import os
import pickle
import subprocess
import sys
import time

import pytest
from django.test import RequestFactory

from solidarity.core import security


@pytest.fixture(autouse=True)
def _own_cache(private_cache):
    """Counters start at zero in every test."""


def request_from(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_an_ip_address_is_hashed_with_the_key_and_never_appears_in_clear(settings):
    settings.IP_HASH_KEY = "key one"
    first = security.hash_ip("203.0.113.7")

    assert len(first) == 64 and "203" not in first
    assert security.hash_ip("203.0.113.7") == first
    assert security.hash_ip("203.0.113.8") != first
    settings.IP_HASH_KEY = "key two"
    assert security.hash_ip("203.0.113.7") != first


def test_ipv6_addresses_of_one_connection_share_a_hash():
    assert security.hash_ip("2001:db8:1:2::1") == security.hash_ip("2001:db8:1:2:ffff::9")
    assert security.hash_ip("2001:db8:1:2::1") != security.hash_ip("2001:db8:1:3::1")
    assert security.hash_ip("::ffff:203.0.113.7") == security.hash_ip("203.0.113.7")


def test_the_forwarded_header_is_ignored_unless_proxies_are_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert security.client_ip(request_from("10.0.0.1", "198.51.100.1")) == "10.0.0.1"


def test_behind_one_trusted_proxy_the_client_is_the_last_forwarded_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # A visitor can forge the start of the header, not what our proxy appended.
    request = request_from("10.0.0.1", "6.6.6.6, 198.51.100.1")

    assert security.client_ip(request) == "198.51.100.1"


def test_behind_two_trusted_proxies_the_client_is_the_second_last_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert security.client_ip(request_from("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1")) == "198.51.100.1"


def test_a_malformed_forwarded_address_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert security.client_ip(request_from("10.0.0.1", "not-an-ip")) == "10.0.0.1"


def test_the_rate_limiter_allows_the_limit_then_refuses():
    results = [security.hit("test:a", limit=3, window_seconds=60) for _ in range(5)]

    assert results == [True, True, True, False, False]
    assert security.is_limited("test:a", limit=3, window_seconds=60)
    assert not security.is_limited("test:b", limit=3, window_seconds=60)
    assert security.hit("test:b", limit=3, window_seconds=60)


def test_the_rate_limit_window_keeps_its_length_past_the_cache_default_timeout():
    from django.core.cache import cache

    security.hit("test:long", limit=5, window_seconds=3600)
    security.hit("test:long", limit=5, window_seconds=3600)

    # The file cache's incr() would otherwise reset the entry to the 300-second default.
    with open(cache._key_to_file(security._cache_key("test:long", 3600)), "rb") as entry:
        expires = pickle.load(entry)  # noqa: S301
    assert expires - time.time() > 3000


HIT_TEN_TIMES = """
import os
import django
from django.conf import settings

django.setup()
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                               "LOCATION": os.environ["TEST_CACHE_LOCATION"]}}
from solidarity.core import security

for _ in range(10):
    security.hit("test:shared", limit=1000, window_seconds=600)
"""


def test_hits_from_separate_processes_count_against_one_limit(private_cache, settings):
    from django.core.cache import cache

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "solidarity.settings_test", "TEST_CACHE_LOCATION": private_cache}
    workers = [subprocess.Popen([sys.executable, "-c", HIT_TEN_TIMES], cwd=settings.BASE_DIR, env=env) for _ in range(2)]
    assert [worker.wait(60) for worker in workers] == [0, 0]

    count = cache.get(security._cache_key("test:shared", 600))
    # Approximate on the file cache (two processes can race on one hit), exact on Redis.
    assert 10 < count <= 20


def test_a_request_without_an_address_has_an_empty_one(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]

    assert security.client_ip(request) == ""


def test_a_forwarded_chain_shorter_than_the_trusted_proxies_gives_its_first_address(settings):
    settings.TRUSTED_PROXY_COUNT = 3

    assert security.client_ip(request_from("10.0.0.2", "198.51.100.7, 10.0.0.1")) == "198.51.100.7"


def test_a_limit_of_one_allows_the_first_hit_and_refuses_the_second():
    assert security.hit("test:one", limit=1, window_seconds=1) is True
    assert security.hit("test:one", limit=1, window_seconds=1) is False


def test_a_key_that_has_not_been_hit_is_not_limited_and_one_at_its_limit_is():
    assert not security.is_limited("test:fresh", limit=1, window_seconds=60)
    security.hit("test:fresh", limit=2, window_seconds=60)
    assert not security.is_limited("test:fresh", limit=2, window_seconds=60)
    security.hit("test:fresh", limit=2, window_seconds=60)
    assert security.is_limited("test:fresh", limit=2, window_seconds=60)


def test_the_count_starts_again_in_the_next_window(monkeypatch):
    now = [60 * 16_666.0]  # the start of a minute
    monkeypatch.setattr(security.time, "time", lambda: now[0])
    assert [security.hit("test:window", limit=2, window_seconds=60) for _ in range(3)] == [True, True, False]

    now[0] += 59  # still inside the same minute
    assert not security.hit("test:window", limit=2, window_seconds=60)
    now[0] += 1  # the next minute
    assert security.hit("test:window", limit=2, window_seconds=60)
    assert not security.is_limited("test:window", limit=2, window_seconds=60)


def test_a_counter_that_expired_between_add_and_incr_counts_this_hit_as_the_first(monkeypatch):
    from django.core.cache import cache

    class ExpiresInBetween:
        """The entry exists when add() looks and is gone when incr() comes."""

        def __init__(self):
            self.raced = False

        def add(self, key, value, timeout):
            if not self.raced:
                self.raced = True
                return False
            return cache.add(key, value, timeout=timeout)

        def incr(self, key):
            raise ValueError("gone")

        def touch(self, key, timeout):
            return cache.touch(key, timeout)

    monkeypatch.setattr(security, "cache", ExpiresInBetween())
    assert security.hit("test:race", limit=1, window_seconds=60) is True
    monkeypatch.undo()

    key = security._cache_key("test:race", 60)
    assert cache.get(key) == 1
    assert security.hit("test:race", limit=1, window_seconds=60) is False
