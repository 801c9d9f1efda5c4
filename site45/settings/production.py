"""Production: secrets and hosts come from the environment; HTTPS everywhere."""

from site45.request_log import admins_from_env, logging_config

from .base import *  # noqa: F403
from .environment import env

DEBUG = False
# Persistent connections, checked before reuse (see DATABASES in base.py).
DATABASES["default"]["CONN_MAX_AGE"] = env("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Required: unset or empty stops the start ("Set the SECRET_KEY environment variable.").
SECRET_KEY = env.required("SECRET_KEY")
ALLOWED_HOSTS = env.required("ALLOWED_HOSTS")  # comma-separated
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Headers and CSP ---------------------------------------------------------
# __Host- cookies are accepted by browsers only with Secure, Path=/ and no Domain: no subdomain
# and no plain-HTTP page can set or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Over HTTPS only: a stray http:// URL in content is fetched as https:// instead of blocked.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,  # noqa: F405
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},  # noqa: F405
}

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# SMTP to localhost:25 unless EMAIL_URL (or EMAIL_BACKEND) says otherwise.
globals().update(env.email_settings(default="smtp://localhost:25"))

# Credentials, government profile (資通系統防護基準 IA-5): passwords are
# changed at least every 90 days; two-factor sign-in stays required for the account roles.
PASSWORD_MAX_AGE_DAYS = 90
TWO_FACTOR_REQUIRED = True

# Errors leave a trace: JSON lines on stderr with the request id, the user's
# number and unit and no personal data (site45/request_log.py); errors are also mailed to
# ADMINS="名字:mail@x.gov.tw,ops@x.gov.tw" (a name is optional), with form values, cookies
# and personal headers masked in the mail.
LOGGING = logging_config(env("LOG_LEVEL"))
ADMINS = admins_from_env(env("ADMINS"))
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)  # noqa: F405
DEFAULT_EXCEPTION_REPORTER_FILTER = "site45.request_log.PrivateExceptionReporterFilter"

# Several app nodes (README, Deployment): background work waits in the database for
# `manage.py db_worker` (TASKS_BACKEND=immediate runs it in the request instead, one node only).
TASKS = tasks_settings(env("TASKS_BACKEND", default="database"))  # noqa: F405
