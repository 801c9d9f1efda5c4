"""The page cache in the middleware stack (see the package docstring for the rules).

Placed right after ``LocaleMiddleware`` (the key needs the language it decides) and before
``CommonMiddleware``, ``CsrfViewMiddleware``, authentication, two-factor, activity tracking,
the admin guards and messages: a hit returns before any of them runs, so it costs no
database query. On the way out it sees the response after those layers added their headers
(CSRF cookie, X-Frame-Options, Vary) and before the session middleware — so it reads the
session's ``modified`` flag itself rather than a ``Set-Cookie`` the session would add later.
"""

import hashlib
import logging
import time

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from . import horizon, keys, policy

logger = logging.getLogger(__name__)

HIT, MISS = "hit", "miss"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not policy.request_may_use_cache(request):
            response = self.get_response(request)
            policy.mark_private(request, response)
            return response

        key = keys.request_key(request)
        try:
            cache = keys.page_cache()
            generation, entry, horizon_record = keys.read(cache, key)
        except Exception:  # no such cache, or it does not answer: serve uncached
            logger.exception("page cache: lookup failed")
            return self.get_response(request)

        if entry is not None:
            return self.answer(request, self.from_entry(entry), entry, generation, HIT)

        response = self.get_response(request)
        if not policy.response_may_be_stored(request, response):
            policy.mark_private(request, response)
            return response
        try:
            expires = min(
                time.time() + policy.setting("PAGECACHE_TIMEOUT"), horizon.horizon(cache, generation, horizon_record)
            )
            self.prepare(response)
            entry = keys.store(cache, key, generation, response, expires, last_modified=int(time.time()))
        except Exception:
            logger.exception("page cache: could not store %s", request.path)
            return response
        self.finish_headers(response, entry)
        return self.answer(request, response, entry, generation, MISS)

    @staticmethod
    def prepare(response):
        """Headers every stored copy carries: an ETag of the body and the CDN's Cache-Control."""
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        # The session middleware adds this on a miss that read the (empty) session; a hit must
        # say the same: a request with a session cookie gets another representation.
        patch_vary_headers(response, ("Cookie",))
        policy.mark_public(response)

    @staticmethod
    def finish_headers(response, entry):
        response["Last-Modified"] = http_date(entry["last_modified"])

    def from_entry(self, entry):
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        self.finish_headers(response, entry)
        return response

    @staticmethod
    def answer(request, response, entry, generation, how):
        """The response, or a 304 when the client's copy is this one.

        ``If-None-Match`` decides when sent (the body's hash is exact). ``Last-Modified`` has a
        one-second grain: it is honoured only when the entry was stored in a later second than
        the generation began, so a copy from just before a publish is never confirmed.
        """
        response["X-Page-Cache"] = how
        last_modified = entry["last_modified"] if entry["last_modified"] > int(generation["at"]) else None
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=last_modified, response=response
        )
        return conditional
