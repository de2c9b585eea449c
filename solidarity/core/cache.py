"""The shared file cache of a single-machine install (rate limits, counts, cached pages)."""

import time

from django.core.cache.backends.filebased import FileBasedCache


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
