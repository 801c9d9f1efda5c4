"""Keys, the public-content generation and the stored entries of the page cache.

The generation is one record, ``{"token", "at"}``, under ``GENERATION_KEY`` with no expiry.
Replacing it (``bump``) writes a fresh random token: two nodes bumping at once both leave a
token no entry was rendered under, so no increment needs to be atomic. Losing the record
(eviction, a new Redis) only starts a new generation — never serves an old entry.

An entry is keyed by the request (scheme, host, path, full query string, language) and holds
the generation token it was rendered under; it is served only while that token is current
and before its ``expires`` time (``horizon.py``). One ``get_many`` reads the generation, the
entry and the time horizon together: a hit costs one cache round trip and no database query.
"""

import hashlib
import logging
import time
import uuid

from django.core.cache import caches
from django.utils import translation

from .policy import setting

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HORIZON_KEY = "pagecache:horizon"
ENTRY_PREFIX = "pagecache:entry:"


def page_cache():
    return caches[setting("PAGECACHE_ALIAS")]


def request_key(request):
    """The entry key of a request: everything that selects the representation."""
    parts = "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            translation.get_language() or "",
        )
    )
    return ENTRY_PREFIX + hashlib.sha256(parts.encode("utf-8", "surrogateescape")).hexdigest()


def new_generation():
    return {"token": uuid.uuid4().hex, "at": time.time()}


def bump(cache=None, reason=""):
    """Start a new public-content generation: every stored entry is stale from now on."""
    try:
        cache = cache or page_cache()
        cache.set(GENERATION_KEY, new_generation(), timeout=None)
    except Exception:  # a cache that does not answer must not fail the publish
        logger.exception("page cache: could not start a new generation (%s)", reason)
        return False
    return True


def current_generation(cache, found=None):
    """The current generation; started here when there is none (first request, eviction)."""
    generation = found if found is not None else cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def read(cache, key):
    """``(generation, entry or None, horizon record or None)`` in one round trip."""
    found = cache.get_many([GENERATION_KEY, key, HORIZON_KEY])
    generation = current_generation(cache, found.get(GENERATION_KEY))
    entry = found.get(key)
    now = time.time()
    if entry is not None and (entry.get("token") != generation["token"] or entry.get("expires", 0) <= now):
        entry = None
    return generation, entry, found.get(HORIZON_KEY)


def store(cache, key, generation, response, expires, last_modified):
    """Keep a rendered 200 response for anonymous requests of ``generation``."""
    timeout = max(1, int(expires - time.time()))
    entry = {
        "token": generation["token"],
        "expires": expires,
        "content": response.content,
        "headers": [(name, value) for name, value in response.items()],
        "last_modified": last_modified,
    }
    cache.set(key, entry, timeout=timeout)
    return entry
