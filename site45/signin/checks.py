"""System checks: the session rules need sessions the server can end, on every node."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from site45.core.cache_config import CACHED_DB_SESSIONS, DB_SESSIONS, is_process_local

DATABASE_ENGINES = (DB_SESSIONS, CACHED_DB_SESSIONS)


@register()
def session_engine_is_database_backed(app_configs, **kwargs):
    """Ending an account's sessions (suspension, one session per account) deletes rows of
    ``django_session`` found through ``SignedInSession``: cookie- or cache-only sessions cannot
    be ended by the server."""
    engine = settings.SESSION_ENGINE
    if engine in DATABASE_ENGINES:
        return []
    return [
        Error(
            f"SESSION_ENGINE {engine!r} cannot be ended by the server; use one of {', '.join(DATABASE_ENGINES)}.",
            id="signin.E001",
        )
    ]


@register(Tags.security, deploy=True)
def cached_sessions_use_a_shared_cache(app_configs, **kwargs):
    """``cached_db`` over a per-process cache: a session ended (or signed out) in one worker
    lives on in another worker's copy. Production sets the engine from the cache
    (``cache_config.session_engine``); this catches a hand-made combination."""
    engine = settings.SESSION_ENGINE
    alias = settings.SESSION_CACHE_ALIAS
    if engine == CACHED_DB_SESSIONS and is_process_local(settings.CACHES.get(alias)):
        return [
            Error(
                "SESSION_ENGINE cached_db needs a cache every worker shares (REDIS_URL): with a "
                "per-process cache an ended session lives on in the other workers.",
                id="signin.E002",
            )
        ]
    return []
