"""Which cache the site uses, from the environment; read by the settings.

The public form's rate limits (``site45/core/rate_limit.py``) count in the default cache.
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


def cache_settings(url, page_url=None):
    """``CACHES`` for ``url`` (the value of ``REDIS_URL``/``CACHE_URL``; empty = per process).

    Two aliases: ``default`` (rate limits) and ``pagecache`` (``site45/pagecache``), so rendered
    pages never push counters out. ``pagecache`` uses ``page_url`` (``PAGECACHE_URL``) when
    given — a Redis of its own, or another database, with ``maxmemory-policy allkeys-lru`` —
    and otherwise the same Redis under its own key prefix. Its timeouts are short: a Redis that
    does not answer turns the page cache off for that request instead of holding it.
    """
    url = (url or "").strip()
    page_url = (page_url or "").strip() or url
    if not url and not page_url:
        return {
            "default": {"BACKEND": LOCMEM, "LOCATION": "site45"},
            "pagecache": {"BACKEND": LOCMEM, "LOCATION": "site45-pagecache", "OPTIONS": {"MAX_ENTRIES": 5000}},
        }
    for value in (url, page_url):
        if value and urlsplit(value).scheme.lower() not in REDIS_SCHEMES:
            raise ImproperlyConfigured(
                "REDIS_URL/CACHE_URL/PAGECACHE_URL must be a redis://, rediss:// or unix:// URL (django-redis)."
            )
    caches = {
        "pagecache": {
            "BACKEND": REDIS,
            "LOCATION": page_url,
            "KEY_PREFIX": "site45-page",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    if not url:
        caches["default"] = {"BACKEND": LOCMEM, "LOCATION": "site45"}
        return caches
    caches["default"] = {
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
    return caches


FRONTEND_CACHE_HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


def frontend_cache_settings(value):
    """``WAGTAILFRONTENDCACHE`` from the environment variable of the same name.

    Empty: none (no CDN purging; ``wagtail.contrib.frontend_cache`` is not installed). An
    ``http(s)://`` URL: Wagtail's HTTP backend, which sends ``PURGE <url>`` there (Varnish,
    nginx, a purging proxy). Otherwise a JSON object in Wagtail's own format, e.g.
    ``{"cloudflare": {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    "BEARER_TOKEN": "…", "ZONEID": "…"}}``. Anything else stops the start.
    """
    import json

    value = (value or "").strip()
    if not value:
        return {}
    if urlsplit(value).scheme.lower() in ("http", "https"):
        return {"default": {"BACKEND": FRONTEND_CACHE_HTTP_BACKEND, "LOCATION": value}}
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict) or not all(isinstance(v, dict) and "BACKEND" in v for v in parsed.values()):
        raise ImproperlyConfigured(
            "WAGTAILFRONTENDCACHE must be a purge URL or a JSON object of frontend cache backends."
        )
    return parsed


def is_process_local(cache_config):
    """True when a ``CACHES`` entry keeps its data per process (or per server)."""
    return (cache_config or {}).get("BACKEND") in PROCESS_LOCAL_BACKENDS


def session_engine(caches):
    """``SESSION_ENGINE`` for ``caches``: ``cached_db`` over a shared default cache, else ``db``."""
    return DB_SESSIONS if is_process_local(caches.get("default")) else CACHED_DB_SESSIONS
