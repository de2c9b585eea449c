"""The shared caches: files on a single machine, Redis when scaled out (rate limits, counts,
cached pages, the keys that say a task is queued)."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

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


class RedisCache(DjangoRedisCache):
    """Django's Redis cache that answers as an empty cache keeping nothing while Redis does not
    answer (restarting, or down), instead of failing the request that asked.

    A cache may always miss, and everything here is rebuilt from the database: pages are drawn
    again, counts counted again, a confirmation e-mail whose task could not be queued is sent
    by the next task or by the sweeper. So a Redis restart in a surge costs some CPU, not a
    page of errors to every reader and signer. What cannot wait is said in the log (at most
    one warning every few seconds a process), and the health endpoint reports Redis failing.
    Rate limits kept here let everyone through meanwhile; the signatures' own limits are in
    the database."""

    WARN_EVERY_SECONDS = 10

    def __init__(self, server, params):
        super().__init__(server, params)
        self._warned_at = -self.WARN_EVERY_SECONDS

    def _unavailable(self, operation, error):
        now = time.monotonic()
        if now - self._warned_at >= self.WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning("The cache does not answer (%s: %s): answering as an empty cache.", operation, error)

    def _tolerant(self, operation, answer, *args):
        from redis.exceptions import ConnectionError, TimeoutError

        try:
            return getattr(super(), operation)(*args)
        except (ConnectionError, TimeoutError) as error:
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
