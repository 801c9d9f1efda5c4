"""What the page cache may store and serve: every rule in one place (see the package docstring)."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

DEFAULTS = {
    "PAGECACHE_ENABLED": True,
    "PAGECACHE_ALIAS": "pagecache",
    # Longest life of an entry on the server; invalidation is exact, this only bounds the
    # staleness should a generation write be lost (Redis down during a publish).
    "PAGECACHE_TIMEOUT": 600,
    # Browsers may reuse a page this long without asking; a CDN (s-maxage) this long.
    "PAGECACHE_MAX_AGE": 60,
    "PAGECACHE_CDN_MAX_AGE": 60,
    "PAGECACHE_MAX_BYTES": 5 * 1024 * 1024,
    # Paths (after the language prefix) that are never cached: the admin and its previews,
    # permission-checked files, the language switch, the public form (CSRF).
    "PAGECACHE_EXCLUDED_PATHS": (
        "/admin/",
        "/documents/",
        "/media/",
        "/static/",
        "/i18n/",
        "/account-application/",
    ),
    # Cookies that can change what a response shows (or who asks): such a request bypasses
    # the cache entirely. The session cookie is added from SESSION_COOKIE_NAME.
    "PAGECACHE_BYPASS_COOKIES": ("messages",),
}

CACHEABLE_METHODS = ("GET", "HEAD")
#: Cache-Control directives with which a view says "not for a shared cache".
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def bypass_cookies():
    return (settings.SESSION_COOKIE_NAME, *setting("PAGECACHE_BYPASS_COOKIES"))


def carries_identity(request):
    """The request carries a session (signed in, a page password, a flash message…)."""
    return any(name in request.COOKIES for name in bypass_cookies())


def path_without_language(path):
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def is_excluded_path(path):
    bare = path_without_language(path)
    return any(bare.startswith(prefix) or path.startswith(prefix) for prefix in setting("PAGECACHE_EXCLUDED_PATHS"))


def request_may_use_cache(request):
    """May this request be answered from the cache (and its response fill it)?"""
    return (
        setting("PAGECACHE_ENABLED")
        and request.method in CACHEABLE_METHODS
        and not carries_identity(request)
        and not is_excluded_path(request.path_info)
    )


def response_may_be_stored(request, response):
    """Is this response the public content every anonymous visitor would get?"""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    if session is not None and getattr(session, "modified", False):
        return False
    if getattr(request, "is_preview", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    return len(response.content) <= setting("PAGECACHE_MAX_BYTES")


def mark_public(response):
    patch_cache_control(
        response, public=True, max_age=setting("PAGECACHE_MAX_AGE"), s_maxage=setting("PAGECACHE_CDN_MAX_AGE")
    )


def mark_private(request, response):
    """Headers for what a shared cache must not keep: the admin, a signed-in request, a cookie."""
    if path_without_language(request.path_info).startswith("/admin/") or carries_identity(request):
        patch_cache_control(response, private=True, no_store=True)
    elif response.cookies:
        patch_cache_control(response, private=True)
