"""A page cache with exact invalidation for anonymous public requests (SPEC §8).

What is cached
    Anonymous ``GET`` (and ``HEAD``, answered from a ``GET``'s entry) of the public site:
    pages in zh-Hant (``/…``) and English (``/en/…``), search results, the RSS feeds, the sitemap
    (index and parts: the key is the path and full query string) and the read-only API
    (``/api/v2/…``). ``policy.py`` holds every rule of what may be stored and served.

What never is
    A request carrying the session cookie or the messages cookie (a signed-in user, a
    visitor who opened a password-protected page, a flash message), ``/admin/`` (previews
    included), documents, media, ``/i18n/``, the public account-application form, anything
    but ``GET``/``HEAD``; and any response that is not a 200 (redirects and 404s are cheap
    to compute, and caching 404s would let anyone fill the cache with junk paths), that sets a
    cookie or used the CSRF token, that touched (modified) the session, that is streamed, that
    says ``private``/``no-store``/``no-cache`` itself, or that is larger than
    ``PAGECACHE_MAX_BYTES``. A restricted page (login, group or password) never answers an
    anonymous, cookie-less request with a 200 of its content — Wagtail redirects or shows the
    password form, which sets the CSRF cookie — so only public content is ever stored.

The key (``keys.py``)
    scheme, host, path, full query string and the active language (decided by
    ``LocaleMiddleware`` before the lookup: the URL prefix for pages, ``Accept-Language`` or
    the language cookie for the API and the sitemap).

Invalidation (``invalidation.py``): one public-content generation
    Every entry records the generation it was rendered in; an entry whose generation is not
    the current one is never served. Publish, unpublish, move, delete (of any page, a
    translation's included), a live page's save, a change of a ``Site``, ``Locale``, a Wagtail
    setting, a view restriction, a unit, a document, an image or a collection replaces the
    generation — so the page, its type index, the home page, its unit section, the feeds, the
    sitemap, search and every API listing are all invalidated at once. We chose one global
    generation over finer tags because what a page shows is wider than the page: the menu
    (children of home), breadcrumbs, the type index's title, unit names, documents and
    images, the other language's links. Listing every dependent URL exactly is where caches
    go wrong; a publish costs one cache write and the site re-renders what is asked next.
    Publishing is rare next to reading (hundreds a day against many thousands of reads), so
    the lost hit rate is small and correctness needs no dependency graph. Drafts never
    change the generation (Wagtail saves a draft with ``update_fields`` of bookkeeping only).

    The generation is replaced at once and again when the transaction commits, so a request
    that read the old rows while the publish was in flight cannot store them under the new
    generation. With Redis (``REDIS_URL``/``CACHE_URL``, or ``PAGECACHE_URL``) every node
    reads the same generation: a publish on one node invalidates every node at once.

Time
    Some listings change with the clock, not with an edit: an event moves to "past" at its
    end, an announcement leaves the list after its validity date (Taipei's midnight).
    Content models say when that next happens (``next_public_change(now)`` on the model,
    ``horizon.py`` asks them); no entry lives past that moment, nor past ``PAGECACHE_TIMEOUT``
    (a bound on staleness should a generation write ever be lost while Redis is down).

Headers for a CDN
    A cacheable response carries ``Cache-Control: public, max-age=PAGECACHE_MAX_AGE,
    s-maxage=PAGECACHE_CDN_MAX_AGE``, an ``ETag`` (a hash of the body) and ``Last-Modified``;
    ``If-None-Match`` (first) and ``If-Modified-Since`` are answered with 304. Responses to a
    signed-in (session-carrying) request or under ``/admin/`` carry ``private, no-store``; a
    public response that sets a cookie carries ``private``. ``X-Page-Cache: hit|miss`` tells
    a benchmark what happened. A CDN in front should pass requests with the session cookie
    through; ``WAGTAILFRONTENDCACHE`` (environment, see ``site45/core/cache_config.py``) lets
    Wagtail's ``frontend_cache`` purge it on publish, and ``invalidation.py`` adds the pages
    that list the changed page.

Settings: ``PAGECACHE_ENABLED``, ``PAGECACHE_ALIAS`` ("pagecache"), ``PAGECACHE_TIMEOUT``,
``PAGECACHE_MAX_AGE``, ``PAGECACHE_CDN_MAX_AGE``, ``PAGECACHE_MAX_BYTES``,
``PAGECACHE_EXCLUDED_PATHS``, ``PAGECACHE_BYPASS_COOKIES``, ``PAGECACHE_INVALIDATING_MODELS``.
"""
