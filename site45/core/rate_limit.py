"""A small fixed-window rate limit over Django's cache (the public account-application form).

``FixedWindowRateLimit("filing-ip", limit=5, window_seconds=3600).hit(key)`` counts one event
for ``key`` in the current window and says whether it is still within the limit. The counter
is ``cache.add`` (creates it at 0 only if absent, with the window as its timeout) followed by
``cache.incr`` (atomic on Redis, Memcached and the database cache; per process on LocMemCache),
so two concurrent requests never both see the same count on a shared cache.

Keys are hashed (no e-mail address or IP address is stored in the cache in clear) and carry
the window number, so a window ends by itself without a clean-up job.

``client_address(request)`` is ``REMOTE_ADDR``. ``X-Forwarded-For`` is trusted only when the
setting ``RATE_LIMIT_TRUSTED_PROXIES`` says how many proxies of our own stand in front of the
application (each appends one entry; the entry they appended last is the client as they saw
it, whatever the client itself claimed). IPv6 clients are counted per /64, the block one
subscriber usually holds.

The counts are only as shared as the cache: on a per-process cache (LocMemCache, the default
without ``REDIS_URL``) each worker counts for itself and N workers accept N times the limit.
``check_shared_cache`` (``manage.py check --deploy``) warns when a non-DEBUG site runs so;
``site45/core/cache_config.py`` turns ``REDIS_URL``/``CACHE_URL`` into a shared Redis cache.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core import checks
from django.core.cache import caches

from site45.core.cache_config import is_process_local

SHARED_CACHE_CHECK_ID = "governance.W201"


def client_address(request):
    """The client's address for rate limiting (an IPv6 address is reduced to its /64)."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(settings.RATE_LIMIT_TRUSTED_PROXIES or 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address) + "/64"
    return str(ip)


class FixedWindowRateLimit:
    """At most ``limit`` events per key in each window of ``window_seconds``."""

    def __init__(self, key_prefix, limit, window_seconds, cache_alias="default"):
        self.key_prefix = key_prefix
        self.limit = int(limit)
        self.window_seconds = max(1, int(window_seconds))
        self.cache_alias = cache_alias

    @property
    def cache(self):
        return caches[self.cache_alias]

    def _window(self, now=None):
        return int((time.time() if now is None else now) // self.window_seconds)

    def _cache_key(self, key, now=None):
        digest = hashlib.sha256(str(key).encode("utf-8")).hexdigest()[:32]
        return f"ratelimit:{self.key_prefix}:{self._window(now)}:{digest}"

    def retry_after(self, now=None):
        """Seconds until the current window ends (for the ``Retry-After`` header)."""
        now = time.time() if now is None else now
        return max(1, int((self._window(now) + 1) * self.window_seconds - now))

    def count(self, key, now=None):
        """Events counted for ``key`` in the current window (without counting one)."""
        return int(self.cache.get(self._cache_key(key, now), 0) or 0)

    def hit(self, key, now=None):
        """Count one event for ``key``; True while the count is within the limit."""
        if self.limit <= 0:
            return False
        cache_key = self._cache_key(key, now)
        # The window's remaining time, plus a little, so the counter never outlives its window.
        timeout = self.retry_after(now) + 1
        self.cache.add(cache_key, 0, timeout)
        try:
            count = self.cache.incr(cache_key)
        except ValueError:  # expired (or evicted) between add and incr: start again
            count = 1 if self.cache.add(cache_key, 1, timeout) else self.cache.incr(cache_key)
        return count <= self.limit

    def is_limited(self, key, now=None):
        """True when ``key`` has already used up the current window (counts nothing)."""
        return self.count(key, now) >= self.limit


@checks.register(checks.Tags.caches, checks.Tags.security, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """``check --deploy``: a production site whose rate limits count per process.

    A warning, not an error: a single-process installation is right with LocMemCache.
    """
    if settings.DEBUG or not is_process_local(settings.CACHES.get("default")):
        return []
    return [
        checks.Warning(
            f"The default cache keeps its data per process ({settings.CACHES['default'].get('BACKEND')}): "
            "the public form's rate limits count per worker, so several workers accept several times the limit.",
            hint="Set REDIS_URL (redis://host:6379/0) so every worker counts in one shared cache.",
            id=SHARED_CACHE_CHECK_ID,
        )
    ]
