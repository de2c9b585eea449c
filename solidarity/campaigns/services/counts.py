"""Counters: the confirmed rows are counted (index-only, by country) at most once a second per
campaign and kept in the shared cache, so no campaign row is updated per signature and the
count a reader sees is never more than a second older than the page it is on (campaign
pages are cached for at most 4 seconds: 5 seconds in all). The JSON count counts afresh
each time it is drawn, since the page cache and proxies keep it 5 seconds.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count

from ..models import Signature


def counts(campaign, *, max_age=None):
    """{"total": n, "by_country": {code: n}} of confirmed signatures, at most `max_age`
    (default CAMPAIGN_COUNTS_SECONDS) old. When the cached count is due, one process counts
    while the others keep answering from the previous count."""
    key = f"campaigns:counts:{campaign.pk}"
    entry = cache.get(key)
    now = time.time()
    if max_age is None:
        max_age = settings.CAMPAIGN_COUNTS_SECONDS
    if entry is not None:
        counted_at, value = entry
        if now - counted_at < max_age:
            return value
        # While another process counts, a count at most half a second past due will do.
        if now - counted_at < max_age + 0.5 and not cache.add(f"{key}:counting", 1, timeout=10):
            return value
    value = count_confirmed(campaign)
    cache.set(key, (now, value), timeout=3600)
    cache.delete(f"{key}:counting")
    return value


def count_confirmed(campaign):
    rows = (
        Signature.objects.filter(campaign=campaign, status=Signature.Status.CONFIRMED)
        .order_by().values_list("country").annotate(n=Count("*"))
    )
    by_country = dict(rows)
    return {"total": sum(by_country.values()), "by_country": by_country}


def forget_counts(campaign):
    # The public count is kept in the cache by counts() above; the next reader counts again.
    cache.delete(f"campaigns:counts:{campaign.pk}")
