import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

from solidarity.core import cache as shared_cache
from solidarity.core.cache import FileCache, RedisCache
from tests.redisserver import REFUSED_REDIS_CACHE

REFUSED = REFUSED_REDIS_CACHE["LOCATION"]


def test_the_file_cache_culls_old_entries_but_does_not_list_its_folder_on_every_write(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    listings = []
    original = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or original())

    for number in range(30):
        cache.set(f"key-{number}", number)

    assert len(listings) == 1
    cache._next_cull_check = 0  # the next check is due
    cache.set("one-more", 1)
    assert len(list(tmp_path.glob("*.djcache"))) <= 16


def test_while_redis_does_not_answer_the_cache_answers_as_an_empty_one_that_keeps_nothing(caplog):
    cache = RedisCache(REFUSED, {})

    assert cache.get("count", "not cached") == "not cached"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("a") is False
    assert cache.add("task-queued", 1) is False  # nobody may take it as theirs
    assert cache.set("a", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # Django's contract: the keys not stored
    assert cache.touch("a") is False
    assert cache.delete("a") is False
    assert cache.delete_many(["a"]) is None
    assert cache.clear() is False
    with pytest.raises(ValueError, match="'hits' not found"):
        cache.incr("hits")
    assert cache.get_or_set("count", 5) == 5

    warnings = [record for record in caplog.records if record.name == "solidarity.cache"]
    assert len(warnings) == 1  # once every few seconds, not once a call: a surge would flood the log
    assert warnings[0].getMessage().startswith("The cache does not answer (get: Error 111 connecting to 127.0.0.1:1.")


def test_the_warning_comes_again_once_its_interval_has_passed(caplog):
    cache = RedisCache(REFUSED, {})
    cache.get("a")
    shared_cache._unanswered[REFUSED]["until"] = 0  # the pause is over: Redis is tried again
    cache.get("a")
    shared_cache._unanswered[REFUSED]["until"] = 0
    shared_cache._unanswered[REFUSED]["warned"] -= RedisCache.WARN_EVERY_SECONDS
    cache.get("a")
    assert len([record for record in caplog.records if record.name == "solidarity.cache"]) == 2


def test_after_a_failure_every_thread_of_the_process_answers_at_once_for_a_moment(monkeypatch):
    # A hung Redis times each call out: a page's several calls must not each wait for it.
    tries = []

    def hung(self, key, default, version):
        tries.append(key)
        raise RedisConnectionError("Timeout connecting to server")

    monkeypatch.setattr(DjangoRedisCache, "get", hung)
    this_thread, another_thread = RedisCache(REFUSED, {}), RedisCache(REFUSED, {})

    assert this_thread.get("a", "missed") == "missed"
    assert this_thread.get("b", "missed") == another_thread.get("c", "missed") == "missed"
    assert RedisCache(REFUSED.replace(":1/", ":2/"), {}).get("d", "missed") == "missed"  # another server is tried
    assert tries == ["a", "d"]
    shared_cache._unanswered[REFUSED]["until"] -= RedisCache.RETRY_AFTER_SECONDS
    another_thread.get("e")
    assert tries == ["a", "d", "e"]


def test_an_error_that_is_not_about_reaching_redis_still_fails_loudly():
    cache = RedisCache(REFUSED, {})
    with pytest.raises(TypeError):
        cache.get_many(None)


def test_with_redis_answering_every_operation_reads_and_writes_redis(redis_server, caplog):
    cache = RedisCache(redis_server, {})

    assert cache.add("task-queued", 1, 60) is True
    assert cache.add("task-queued", 2, 60) is False
    assert cache.add("task-queued", 3, 60, version=4) is True
    assert cache.get("task-queued", version=4) == 3
    assert cache.get("task-queued") == 1
    assert cache.get("missing", "not cached") == "not cached"
    cache.set("count", 10, 60, version=2)
    assert (cache.get("count"), cache.get("count", version=2)) == (None, 10)
    assert cache.incr("count", 5, version=2) == 15
    assert cache.incr("count", version=2) == 16
    assert cache.decr("count", 2, version=2) == 14
    assert cache.set_many({"a": 1, "b": 2}, 60, version=3) == []
    assert cache.get_many(["a", "b", "c"], version=3) == {"a": 1, "b": 2}
    assert cache.has_key("a", version=3) and not cache.has_key("a")
    assert cache.touch("a", 1000, version=3) is True
    client = cache._cache.get_client()
    assert 990 < client.ttl(cache.make_and_validate_key("a", version=3)) <= 1000
    assert 50 < client.ttl(cache.make_and_validate_key("task-queued")) <= 60
    assert 50 < client.ttl(cache.make_and_validate_key("count", version=2)) <= 60
    assert 50 < client.ttl(cache.make_and_validate_key("b", version=3)) <= 60
    assert cache.delete("a", version=3) is True
    cache.delete_many(["b"], version=3)
    assert cache.get_many(["a", "b"], version=3) == {}
    with pytest.raises(ValueError):
        cache.incr("never-set")
    assert cache.clear() is True
    assert cache.get("task-queued") is None
    assert not [record for record in caplog.records if record.name == "solidarity.cache"]


def test_the_redis_cache_makes_one_client_per_server_for_all_its_calls(redis_server, monkeypatch):
    # redis-py's client is costly to make (a sixth of a cached page's CPU when made per call).
    made = []
    cache = RedisCache(f"{redis_server};{redis_server}", {})  # a primary and a replica
    make = cache._cache._client
    monkeypatch.setattr(cache._cache, "_client", lambda **options: made.append(options) or make(**options))

    cache.set("count", 10, 60)
    for _ in range(3):
        assert cache.get("count") == 10
        assert cache.get_many(["count"]) == {"count": 10}
    cache.incr("count")

    assert len(made) == 2  # the primary's, the replica's
    assert made[0]["connection_pool"] is not made[1]["connection_pool"]
    assert cache.get("count") == 11
