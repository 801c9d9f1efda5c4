"""Which cache the site uses, from the environment (issue 12 item 6); read by the settings.

The public form's rate limits (``site45/governance/rate_limit.py``) count in the default cache.
A count kept per process lets each worker accept its own quota (two workers: twice the limit),
so production with more than one process needs a cache every worker shares:

- ``REDIS_URL`` (or ``CACHE_URL``) = ``redis://host:6379/0``, ``rediss://…`` (TLS) or
  ``unix:///path/redis.sock`` → django-redis' ``RedisCache``; every worker and server counts in
  the same place, and ``INCR`` is atomic there.
- unset → ``LocMemCache``, one process only (development, tests, ``make run``).

Any other scheme is refused at start-up rather than silently falling back to a per-process
cache. ``PROCESS_LOCAL_BACKENDS`` is what the deploy check (``rate_limit.check_shared_cache``)
warns about. This module imports nothing of Django's apps: the settings import it.

Sessions follow the cache (``session_engine``): with a shared cache they are ``cached_db`` —
read from Redis on every node, written through to the database, where ``SignedInSession``
finds an account's sessions and ``signin.sessions.end_sessions_of`` ends them (it deletes the
cached copies too). With a per-process cache they stay ``db``: a copy cached in one worker would
outlive its ending by another.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

REDIS_SCHEMES = ("redis", "rediss", "unix")
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django_redis.cache.RedisCache"
#: Backends whose counts one process (or one server's disk) keeps for itself.
DB_SESSIONS = "django.contrib.sessions.backends.db"
CACHED_DB_SESSIONS = "django.contrib.sessions.backends.cached_db"
PROCESS_LOCAL_BACKENDS = (
    LOCMEM,
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


def cache_settings(url):
    """``CACHES`` for ``url`` (the value of ``REDIS_URL``/``CACHE_URL``; empty = per process)."""
    url = (url or "").strip()
    if not url:
        return {"default": {"BACKEND": LOCMEM, "LOCATION": "site45"}}
    if urlsplit(url).scheme.lower() not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            "REDIS_URL/CACHE_URL must be a redis://, rediss:// or unix:// URL (django-redis).")
    return {
        "default": {
            "BACKEND": REDIS,
            "LOCATION": url,
            "KEY_PREFIX": "site45",
            "OPTIONS": {
                # A Redis that does not answer fails the request quickly (a 500 is logged)
                # rather than letting every form through uncounted.
                "SOCKET_CONNECT_TIMEOUT": 5,
                "SOCKET_TIMEOUT": 5,
            },
        }
    }


def is_process_local(cache_config):
    """True when a ``CACHES`` entry keeps its data per process (or per server)."""
    return (cache_config or {}).get("BACKEND") in PROCESS_LOCAL_BACKENDS


def session_engine(caches):
    """``SESSION_ENGINE`` for ``caches``: ``cached_db`` over a shared default cache, else ``db``."""
    return DB_SESSIONS if is_process_local(caches.get("default")) else CACHED_DB_SESSIONS
