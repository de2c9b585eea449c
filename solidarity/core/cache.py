"""The shared caches: files on a single machine, Redis when scaled out (rate limits, counts,
cached pages, the keys that say a task is queued)."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("solidarity.cache")


class FileCache(FileBasedCache):
    """Django's file cache, but checking its size at most every few seconds per process.

    Django lists the whole cache directory on every write to see whether it must cull; under a
    surge of signatures (two rate-limit counters each) that listing was a quarter of the
    request's time. Between checks the cache may briefly hold more than MAX_ENTRIES files.
    """

    CULL_CHECK_SECONDS = 5

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._next_cull_check = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull_check:
            return
        self._next_cull_check = now + self.CULL_CHECK_SECONDS
        super()._cull()


# Per process and Redis server (Django makes a cache object per thread and alias): until when
# calls answer at once without trying, and when the last warning was written.
_unanswered = {}


class _ReusedRedisClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool.

    Django makes a new one for every call, and redis-py's constructor fills a table of about 170
    reply parsers each time: a sixth of the CPU of a request that reads the cache once, and a
    signature or a cached page reads it several times. A `redis.Redis` only lends the pool's
    connections, so one serves every call (and Django keeps a cache object per thread anyway)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    """Django's Redis cache that answers as an empty cache keeping nothing while Redis does not
    answer (restarting, down or hung), instead of failing the request that asked.

    A cache may always miss: pages are drawn again, counts counted again. What the cache only
    coordinates is put off: `add` stores nothing and says so, so a confirmation e-mail, queued
    only when its share has no task yet, waits for the next task of its share or the sweeper;
    a rate limit kept here lets everyone through (docs/operations.md, "When Redis restarts").

    After a call fails, the process's calls to that server answer at once for
    RETRY_AFTER_SECONDS rather than each waiting for its own timeout, so a hung Redis costs a
    request one timeout, not one per call. A warning is written at most every
    WARN_EVERY_SECONDS a process; the health endpoint reports Redis failing."""

    RETRY_AFTER_SECONDS = 2
    WARN_EVERY_SECONDS = 10

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedRedisClient

    def _unavailable(self, operation, error):
        now = time.monotonic()
        state = _unanswered.setdefault(self._servers[0], {"until": 0.0, "warned": -self.WARN_EVERY_SECONDS})
        state["until"] = now + self.RETRY_AFTER_SECONDS
        if now - state["warned"] >= self.WARN_EVERY_SECONDS:
            state["warned"] = now
            logger.warning("The cache does not answer (%s: %s): answering as an empty cache.", operation, error)

    def _tolerant(self, operation, answer, *args):
        state = _unanswered.get(self._servers[0])
        if state and time.monotonic() < state["until"]:
            return answer
        try:
            return getattr(super(), operation)(*args)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._unavailable(operation, error)
            return answer

    def get(self, key, default=None, version=None):
        return self._tolerant("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._tolerant("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._tolerant("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Nothing added: whoever asked acts as if another process held the key.
        return self._tolerant("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that were not stored.
        return self._tolerant("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerant("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._tolerant("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._tolerant("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        found = self._tolerant("incr", None, key, delta, version)
        if found is None:
            raise ValueError(f"Key '{key}' not found (the cache does not answer)")
        return found

    def clear(self):
        return self._tolerant("clear", False)
