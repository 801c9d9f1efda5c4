"""System checks: the session rules need sessions stored in the database."""

from django.conf import settings
from django.core.checks import Error, register

DATABASE_ENGINES = ("django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db")


@register()
def session_engine_is_database_backed(app_configs, **kwargs):
    """Ending an account's sessions (suspension, one session per account) deletes rows of
    ``django_session`` found through ``SignedInSession``: cookie- or cache-only sessions cannot
    be ended by the server."""
    engine = getattr(settings, "SESSION_ENGINE", DATABASE_ENGINES[0])
    if engine in DATABASE_ENGINES:
        return []
    return [Error(
        f"SESSION_ENGINE {engine!r} cannot be ended by the server; use one of {', '.join(DATABASE_ENGINES)}.",
        id="signin.E001",
    )]
