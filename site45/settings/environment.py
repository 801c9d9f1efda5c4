"""The environment, read in one place: every variable the settings read, its type and its default.

The settings modules (base, dev, test, production) read variables only through ``env`` below
(django-environ's ``Env``); none calls ``os.environ`` itself. A profile that needs another
default says so where it reads the variable (``settings.production``: ``CONN_MAX_AGE`` 60,
``TASKS_BACKEND`` database, ``EMAIL_URL`` SMTP; ``settings.dev``: ``TWO_FACTOR_REQUIRED`` off).

Two rules differ from django-environ's own, so the variables mean what they meant before:

- An empty (or blank) variable counts as unset: its default applies, or the start stops when
  there is none (``SECRET_KEY=`` in production). ``$NAME`` values are not references to other
  variables (a secret key may start with ``$``).
- A value that does not parse stops the start with an ``ImproperlyConfigured`` naming the
  variable, instead of a bare ``ValueError`` or a silent default: booleans are 1/0, true/false,
  on/off, yes/no (any case); numbers are whole numbers.

This module imports nothing of Django's apps: the settings import it first.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

TRUE_STRINGS = ("1", "true", "on", "yes", "y", "ok")
FALSE_STRINGS = ("0", "false", "off", "no", "n")


def connection_age(value):
    """``CONN_MAX_AGE``: seconds (0 = close after each request), or ``None`` = no limit."""
    value = value.strip()
    if value.lower() == "none":
        return None
    try:
        seconds = int(value)
    except ValueError:
        seconds = -1
    if seconds < 0:
        raise ImproperlyConfigured("CONN_MAX_AGE must be a number of seconds (0 = close after each request) or None.")
    return seconds


class Env(environ.Env):
    """django-environ's ``Env`` with the two rules of the module's docstring."""

    #: ``default`` for a variable that must be set even though the scheme has a default.
    REQUIRED = environ.NoValue()

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        declared = self.scheme.get(var)
        if declared is not None:
            declared_cast, declared_default = declared if isinstance(declared, tuple) else (declared, self.NOTSET)
            cast = cast or declared_cast
            if default is self.NOTSET:
                default = declared_default
        raw = self.ENVIRON.get(var, "")
        if not raw.strip():
            if default is self.NOTSET or default is self.REQUIRED:
                raise ImproperlyConfigured(f"Set the {var} environment variable.")
            if parse_default and isinstance(default, str):
                return self._parse(var, default, cast)
            return default
        if cast is None and default is not None and not isinstance(default, environ.NoValue):
            cast = type(default)
        return self._parse(var, raw, cast)

    def required(self, var):
        """``var`` as the scheme casts it; unset or empty stops the start (production's secrets)."""
        return self.get_value(var, default=self.REQUIRED)

    def _parse(self, var, value, cast):
        try:
            return self.parse_value(value, cast)
        except ImproperlyConfigured:
            raise
        except (ValueError, TypeError) as exc:
            if cast is bool:
                expected = "a boolean (1/0, true/false, on/off, yes/no)"
            elif cast is int:
                expected = "a whole number"
            else:
                raise ImproperlyConfigured(f"The {var} environment variable is not valid: {exc}") from exc
            raise ImproperlyConfigured(f"{var} must be {expected}; got {value!r}.") from exc

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool:
            word = value.strip().lower()
            if word in TRUE_STRINGS:
                return True
            if word in FALSE_STRINGS:
                return False
            return int(word) != 0  # any other number; a word raises ValueError
        if cast is list or cast is tuple:
            # Comma lists: items trimmed, empty items dropped ("a, b," = ["a", "b"]).
            return cast(item.strip() for item in value.split(",") if item.strip())
        return super().parse_value(value, cast)

    @classmethod
    def db_url_config(cls, url, engine=None):
        scheme = (url if isinstance(url, cls.URL_CLASS) else urlparse(url)).scheme
        if not engine and scheme not in cls.DB_SCHEMES:
            raise ImproperlyConfigured(f"DATABASE_URL: no database backend for the scheme {scheme!r}.")
        config = super().db_url_config(url, engine=engine)
        # A socket directory written percent-encoded (postgres://u@%2Fvar%2Frun%2Fpostgresql/db).
        if isinstance(config.get("HOST"), str) and "%" in config["HOST"]:
            config["HOST"] = unquote(config["HOST"])
        return config

    def email_settings(self, default=None):
        """Django's ``EMAIL_*`` settings from ``EMAIL_URL`` (``default`` when unset).

        ``EMAIL_BACKEND``, when set, overrides the backend the URL's scheme chooses (a dotted
        path, as before ``EMAIL_URL`` existed)."""
        try:
            config = self.email_url("EMAIL_URL", default=default or self.NOTSET)
        except ImproperlyConfigured as exc:
            raise ImproperlyConfigured(
                f"EMAIL_URL: {exc} (smtp://, smtp+tls://, smtp+ssl://, consolemail://…)."
            ) from exc
        options = config.pop("OPTIONS", {})  # ?timeout=10 → EMAIL_TIMEOUT
        settings = {name: value for name, value in config.items() if value not in (None, "")}
        settings.update({f"EMAIL_{name.upper()}": value for name, value in options.items()})
        settings["EMAIL_BACKEND"] = self("EMAIL_BACKEND", default=settings["EMAIL_BACKEND"])
        return settings


env = Env(
    # Django core
    SECRET_KEY=(str, "dev-only-insecure-key-change-me"),  # settings.production: required
    ALLOWED_HOSTS=(list, environ.Env.NOTSET),  # settings.production only: required, comma list
    CSRF_TRUSTED_ORIGINS=(list, []),  # settings.production only
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    CONN_MAX_AGE=(connection_age, 0),  # settings.production: 60
    STATIC_ROOT=(Path, BASE_DIR / "staticfiles"),
    MEDIA_ROOT=(Path, BASE_DIR / "media"),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    # Mail: EMAIL_URL (consolemail://, smtp://user:password@host:587, smtp+tls://…, smtp+ssl://…)
    EMAIL_URL=(str, "consolemail://"),  # settings.production: smtp://localhost:25
    EMAIL_BACKEND=(str, None),  # None: the backend EMAIL_URL's scheme names
    DEFAULT_FROM_EMAIL=(str, "noreply@45plus.wda.gov.tw"),
    SERVER_EMAIL=(str, None),  # settings.production: DEFAULT_FROM_EMAIL
    ADMINS=(str, ""),  # settings.production only (request_log.admins_from_env)
    LOG_LEVEL=(str, "INFO"),  # settings.production only
    # Background work
    TASKS_BACKEND=(str, "immediate"),  # settings.production: database
    # Credentials and rate limits
    TWO_FACTOR_REQUIRED=(bool, True),  # settings.dev: off; settings.production/test: fixed
    RATE_LIMIT_TRUSTED_PROXIES=(int, 0),
    # Caches (site45/core/cache_config.py parses the URLs)
    REDIS_URL=(str, ""),
    CACHE_URL=(str, ""),
    PAGECACHE_URL=(str, ""),
    PAGECACHE_ENABLED=(bool, True),
    PAGECACHE_TIMEOUT=(int, 600),
    PAGECACHE_MAX_AGE=(int, 60),
    PAGECACHE_CDN_MAX_AGE=(int, 60),
    WAGTAILFRONTENDCACHE=(str, ""),
    # Media in an S3-compatible bucket (site45/core/storage_config.py)
    AWS_STORAGE_BUCKET_NAME=(str, ""),
    AWS_S3_ENDPOINT_URL=(str, ""),
    AWS_S3_REGION_NAME=(str, ""),
    AWS_ACCESS_KEY_ID=(str, ""),
    AWS_SECRET_ACCESS_KEY=(str, ""),
    AWS_S3_CUSTOM_DOMAIN=(str, ""),
    AWS_LOCATION=(str, ""),
)
