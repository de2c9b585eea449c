"""Security helpers shared by every app: keyed IP hashes, the client's address, rate limits.

IP addresses are never stored in clear: only `hash_ip(ip)`, an HMAC keyed with
settings.IP_HASH_KEY, so a leaked database does not reveal who wrote to us.

The rate limiter counts hits in fixed windows in the default cache, which every process
shares (files by default, Redis when REDIS_URL is set). It is approximate: on the file
cache two processes can race on the same counter and lose a hit, and a burst across a
window boundary can reach twice the limit. That is enough to stop guessing and flooding.
"""

import hashlib
import hmac
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache

# The addresses tor gives an onion service's circuits (HiddenServiceExportCircuitID haproxy).
TOR_CIRCUITS = ipaddress.ip_network("fc00:dead:beef:4dad::/64")


def _normalised(ip):
    try:
        address = ipaddress.ip_address(str(ip).strip())
    except ValueError:
        return str(ip).strip()
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        if address in TOR_CIRCUITS:
            return str(address)  # one onion reader's circuit (core/onion.py), not a home's /64
        # One home connection is given a whole /64: count it as one address.
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def hash_ip(ip):
    """A keyed HMAC-SHA256 of an IP address (IPv6 by its /64 network), as 64 hex digits."""
    key = settings.IP_HASH_KEY.encode()
    return hmac.new(key, _normalised(ip).encode(), hashlib.sha256).hexdigest()


def client_ip(request):
    """The visitor's IP address.

    X-Forwarded-For is only believed when settings.TRUSTED_PROXY_COUNT proxies are known to
    append to it: the client is then the address the outermost trusted proxy saw.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not chain:
        return remote
    candidate = chain[-proxies] if len(chain) >= proxies else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _cache_key(key, window_seconds):
    window = int(time.time() // window_seconds)
    return f"ratelimit:{key}:{window_seconds}:{window}"


def hit(key, *, limit, window_seconds):
    """Count one hit for `key`; False once more than `limit` hits fell in the current window."""
    cache_key = _cache_key(key, window_seconds)
    timeout = window_seconds + 1
    if cache.add(cache_key, 1, timeout=timeout):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=timeout)
        count = 1
    # The file cache's incr() rewrites the entry with the default timeout; keep the window's.
    cache.touch(cache_key, timeout)
    return count <= limit


def is_limited(key, *, limit, window_seconds):
    """True when `key` has already used up its hits in the current window (counts nothing)."""
    return (cache.get(_cache_key(key, window_seconds)) or 0) >= limit
