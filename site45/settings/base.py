"""Settings shared by every environment.

SQLite is the default so that a fresh machine needs nothing installed; set
``DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/test``) to use PostgreSQL.

The environment is read only through ``env`` (django-environ), whose scheme in
``site45/settings/environment.py`` states each variable's type and default.
"""

import datetime

from django.core.exceptions import ImproperlyConfigured

from site45.core.cache_config import cache_settings, frontend_cache_settings, session_engine
from site45.core.storage_config import media_storage
from site45.settings.environment import BASE_DIR, env

PROJECT_DIR = BASE_DIR / "site45"

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "site45.governance",
    "site45.home",
    "site45.news",
    "site45.cases",
    "site45.signin",
    "site45.credentials",
    "site45.search",
    "site45.pagecache",
    "site45.demo",
    "wagtail_localize",
    # Wagtail's own locale admin, not wagtail-localize's (which adds only a "sync from another
    # locale" option we do not use, and writes 「N pages」, 「Enabled」, 「Sync from」 in English).
    "wagtail.locales",
    "site45.wagtail_compat",  # after wagtail-localize: its wagtail_hooks replace one of localize's
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "site45.governance.accounts.users_appconfig.UsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Only for its zh_Hant catalogue: Wagtail's workflow status says when with humanize's
    # naturaltime (「3 小時之前」), whose words are translated only when the app is installed.
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # Background work (Wagtail's reference index, file deletions, CDN purges) kept in the
    # database when TASKS says so; `manage.py db_worker` runs it (README, Deployment).
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: every later layer logs inside the request's id, user id and unit.
    "site45.request_log.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # CSP + Permissions-Policy; must stay above XFrameOptionsMiddleware.
    "site45.home.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The page cache (site45/pagecache): after the language is decided (it is part of the key),
    # before everything that reads the session or the database (CSRF, auth, two-factor,
    # activity, guards, messages), so a hit costs no query; it only reads the session cookie.
    "site45.pagecache.middleware.PageCacheMiddleware",
    # Which Wagtail site answers the host, from the cache (site45/home/site_lookup.py).
    "site45.home.site_lookup.SiteLookupMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor sign-in and password age: the session's OTP state, then
    # the gate that sends admin users to verify / set up / change the password.
    "django_otp.middleware.OTPMiddleware",
    "site45.credentials.middleware.CredentialsGateMiddleware",
    "site45.governance.accounts.middleware.AdminActivityMiddleware",
    "site45.governance.permissions.admin_guards.AdminGuardsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: an idle session is signed out with a message.
    "site45.signin.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site45.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "site45.home.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "site45.wsgi.application"


# DATABASE_URL (default: SQLite db.sqlite3 in the project). CONN_MAX_AGE: seconds a worker keeps
# its database connection (None = no limit; settings.production keeps 60). A new connection per
# request cost about a third of a detail page's time; kept connections are checked before each
# request reuses them (CONN_HEALTH_CHECKS), so a database restart costs one retry, not an error page.
DATABASES = {
    "default": {
        **env.db("DATABASE_URL"),
        "CONN_MAX_AGE": env("CONN_MAX_AGE"),
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The embedded default holds under concurrency. SQLite allows one writer at a
# time: WAL lets readers go on while one writes; a transaction takes the write lock when it
# starts (BEGIN IMMEDIATE), so two requests never both read and then both try to write — the
# deadlock SQLite answers at once with "database is locked"; and a writer waits up to 20 s
# for the lock instead of failing. synchronous=NORMAL is safe with WAL (a power cut may lose
# the last commits, never the database). PostgreSQL is untouched.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

# Credentials: passwords and two-factor sign-in -------------------------
# Password rules (site45/credentials/validators.py); the history they check is written by
# site45/credentials/history.py whenever a user is saved with a new password.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "site45.credentials.validators.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "site45.credentials.validators.LocalCommonPasswordValidator"},
    {"NAME": "site45.credentials.validators.PredictablePasswordValidator"},
    {"NAME": "site45.credentials.validators.PasswordHistoryValidator"},
]
# A new password may not be any of this many most recent ones (the current one included).
PASSWORD_HISTORY_COUNT = 3
# Days a password may be used before the admin asks for a new one; None = no maximum
# (the government profile, site45.settings.production, sets 90).
PASSWORD_MAX_AGE_DAYS = None
# Password-reset requests per client address and per account in one window (seconds).
PASSWORD_RESET_RATE_LIMIT = 10
PASSWORD_RESET_ACCOUNT_RATE_LIMIT = 3
PASSWORD_RESET_RATE_LIMIT_WINDOW = 3600
# Hours the link that confirms a new e-mail address of one's own account stays valid.
EMAIL_CHANGE_CONFIRM_HOURS = 24
# /admin/password_reset/ counts requests per client address and per account
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "site45.credentials.forms.RateLimitedPasswordResetForm"
# System administrator, account managers, account auditors and superusers must set up
# two-factor sign-in (TOTP) before using the admin; others may turn it on in 帳號設定.
# TWO_FACTOR_REQUIRED=0 (or false/off) in the environment lifts the requirement for a local demo only
# (site45.settings.production sets it back to True).
TWO_FACTOR_REQUIRED = env("TWO_FACTOR_REQUIRED")
# Name shown in authenticator apps; wrong codes wait 1, 2, 4, 8 … s per device (django-otp).
OTP_TOTP_ISSUER = "45+ 就業資源網"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Languages: Traditional Chinese first, English second (SPEC §8).
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", "繁體中文"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our catalogue first (makemessages writes there; the first entry wins a clash), then the
# generated zh_Hant strings Wagtail does not ship (scripts/build_wagtail_zh_hant.py). Both beat
# the apps' own catalogues, also in Wagtail's admin JavaScript catalogue (jsi18n).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Taipei"
# Every account works in Taiwan's time: with one zone Wagtail leaves the time-zone select out of
# 帳號設定 (its ~600 options are IANA names in English, such as "America/Argentina/Buenos_Aires").
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT")
STATIC_URL = "/static/"
MEDIA_ROOT = env("MEDIA_ROOT")
MEDIA_URL = "/media/"

# Uploads on the local disk (MEDIA_ROOT), or in an S3-compatible bucket shared by every app node
# when AWS_STORAGE_BUCKET_NAME is set (site45/core/storage_config.py lists the variables).
STORAGES = {
    "default": media_storage({name: env(name) for name in env.scheme if name.startswith("AWS_")}),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "45+ 就業資源網"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")

# Chinese-aware search: a thin layer over modelsearch's database backend that indexes
# and queries CJK text as character bigrams (see site45/search/backend.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "site45.search.backend", "SEARCH_CONFIG": "english"},
}

# /sitemap.xml is an index of parts of at most this many pages each (site45/home/sitemaps.py).
SITEMAP_PART_SIZE = 1000

# Taiwan government document practice: ODF and PDF only (SPEC §1).
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "odg"]
# Documents are served by Wagtail's view, which asks before_serve_document (home/wagtail_hooks.py)
# whether the requester may fetch the file: never redirect to, or link, the storage directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The MEDIA_ROOT folders a web server (or CDN) may serve as plain files: image renditions and
# admin avatars. Everything else (original_images/, documents/, account_applications/) only
# through Django's checking views. `manage.py runserver` serves exactly these (site45/urls.py).
PUBLIC_MEDIA_FOLDERS = ["images/", "avatar_images/"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True

# No oEmbed look-ups leave the machine at render time unless a finder is configured.
WAGTAILEMBEDS_FINDERS = []

# EMAIL_URL (default consolemail://: mails printed on the console; settings.production: SMTP to
# localhost:25) sets EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER/PASSWORD and
# EMAIL_USE_TLS/SSL; EMAIL_BACKEND in the environment overrides the backend alone.
globals().update(env.email_settings())
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

# Background work: TASKS_BACKEND=immediate runs a task in the request that enqueues it
# (development, tests); =database stores it for `manage.py db_worker` (django-tasks-db), which
# site45.settings.production uses unless told otherwise.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_settings(name):
    if name not in TASK_BACKENDS:
        raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}; got {name!r}.")
    return {"default": {"BACKEND": TASK_BACKENDS[name]}}


TASKS = tasks_settings(env("TASKS_BACKEND"))

SITE_ID = 1

# An export of personal data (a view with ``personal_data_purpose``, site45/core/exports.py) is
# recorded in the personal-data access log by this callable, ``recorder(view, queryset)``.
PERSONAL_DATA_EXPORT_RECORDER = "site45.governance.privacy.exports.record_export"

# What sign-in and credentials ask about accounts (who may unlock or reset whose account, who must
# use two-factor sign-in, allowed e-mail domains, the account record) is answered by governance
# through this one class (site45/core/account_policy.py says what is asked).
ACCOUNT_POLICY = "site45.governance.accounts.account_policy.GovernanceAccountPolicy"

# --- Public filing of account applications (site45/governance/accounts/filing.py) -----------------
# The contact window's and the user's e-mail must be on one of these domains or a subdomain
# (x@wda.gov.tw passes for "gov.tw"; x@gov.tw.example.com and x@evilgov.tw do not).
ACCOUNT_APPLICATION_EMAIL_DOMAINS = ["gov.tw"]
# How long the confirmation link mailed to the contact window stays valid.
ACCOUNT_APPLICATION_CONFIRM_HOURS = 48
# POSTs of the form per client address, and filings per contact e-mail, in each window.
ACCOUNT_APPLICATION_RATE_LIMIT = 5
ACCOUNT_APPLICATION_EMAIL_RATE_LIMIT = 3
ACCOUNT_APPLICATION_RATE_LIMIT_WINDOW = 3600  # seconds
# Personal data (site45/governance/privacy/personal_data.py): days a completed or rejected application
# keeps its personal data after its completion (rejection) date; then enforce_account_rules
# anonymises it. 1095 days = 3 years.
ACCOUNT_APPLICATION_RETENTION_DAYS = 1095
# Proxies of our own in front of the application that append to X-Forwarded-For; 0 = use
# REMOTE_ADDR only (the header is then ignored, as any client can send it).
RATE_LIMIT_TRUSTED_PROXIES = env("RATE_LIMIT_TRUSTED_PROXIES")
# The rate limits count in the default cache. REDIS_URL (or CACHE_URL)
# = redis://host:6379/0 (rediss:// for TLS) makes it Redis (django-redis), shared by every
# worker and server; without it LocMemCache counts per process, which is right for one process
# only (`manage.py check --deploy` warns, site45/core/rate_limit.py). Sign-in lockout
# (django-axes' database handler) stays in the database; sessions follow the cache
# (SESSION_ENGINE below: cached_db over a shared cache). CACHES["pagecache"] holds the page cache.
CACHES = cache_settings(env("REDIS_URL") or env("CACHE_URL"), env("PAGECACHE_URL"))

# --- Page cache (site45/pagecache; SPEC §8 performance) ------------------------------------
# Anonymous GETs of the public site, feeds, sitemap and API, in CACHES["pagecache"]; exact
# invalidation by a public-content generation (site45/pagecache/__init__.py explains).
PAGECACHE_ENABLED = env("PAGECACHE_ENABLED")
PAGECACHE_TIMEOUT = env("PAGECACHE_TIMEOUT")  # seconds an entry may live
PAGECACHE_MAX_AGE = env("PAGECACHE_MAX_AGE")  # browsers (max-age)
PAGECACHE_CDN_MAX_AGE = env("PAGECACHE_CDN_MAX_AGE")  # a CDN (s-maxage)
# A CDN in front: WAGTAILFRONTENDCACHE (environment) = a purge URL (Wagtail's HTTP backend) or
# Wagtail's JSON configuration; then Wagtail's frontend_cache purges on publish and
# site45/pagecache/frontend.py purges the pages listing the changed one.
WAGTAILFRONTENDCACHE = frontend_cache_settings(env("WAGTAILFRONTENDCACHE"))
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")


# --- Headers and CSP -------------------------------------------------------
# Enforced Content-Security-Policy (django-csp 4.0; site45/home/security_headers.py adds the
# per-response frame-ancestors). No inline script anywhere: Wagtail 8's admin initialises its
# widgets from inline <script>s, which templates/wagtailadmin/ replaces with JSON read by
# site45/static/js/csp-init.js. Styles need 'unsafe-inline': Wagtail's admin markup and
# Draftail use style="" attributes (no script can run from a style attribute).
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "manifest-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],  # 'self' where X-Frame-Options is SAMEORIGIN (Wagtail's preview)
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Wagtail's admin JavaScript reads the CSRF token from the page (wagtailConfig / the form's
# hidden input), not from the cookie, so the cookie can be HttpOnly.
CSRF_COOKIE_HTTPONLY = True
# No editor's e-mail hash goes to gravatar.com, and the admin does not call releases.wagtail.io:
# both would also be blocked by img-src / connect-src 'self'.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Uploads ----------------------------------------------------------------
# Documents and images are judged by their content (site45/core/uploads.py): the form bases
# below give every admin upload path (add, edit, chooser, multiple upload) those checks.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "site45.home.upload_forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "site45.home.upload_forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]  # no SVG (it can carry script)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000  # width × height × frames; a 48-megapixel phone photo passes
# The signed PDF of an account application (public form and the admin's paper entry).
ACCOUNT_APPLICATION_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# --- Sign-in: sessions and lockout -----------------------------------------
WAGTAILADMIN_USER_LOGIN_FORM = "site45.signin.forms.LoginForm"  # the password label in zh-Hant
# site45/signin. Sessions: 15 minutes without using the admin signs a session out (the admin
# warns a minute before and offers 「繼續使用」); sessions end when the browser closes and last
# at most SESSION_COOKIE_AGE; a new sign-in ends the account's other sessions (規定 五).
ADMIN_IDLE_TIMEOUT_SECONDS = 15 * 60
ADMIN_IDLE_WARNING_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day, even with the browser left open
# The server must be able to end sessions, so they are always written to the database; with a
# shared cache (REDIS_URL) they are also read from it, on every node (cached_db; see
# site45/core/cache_config.py and signin/sessions.end_sessions_of).
SESSION_ENGINE = session_engine(CACHES)
# Lockout (django-axes): 5 failed sign-ins lock the account name and the client address for
# 15 minutes (a further attempt meanwhile starts the 15 minutes again); account managers and
# the system administrator lift locks in 「登入鎖定」. Every failure (AccessFailureLog) and
# success (AccessLog) is kept with time, account and address (「報表 → 登入紀錄」).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out sign-in
    "django.contrib.auth.backends.ModelBackend",
]
# Counts in the database (axes' default, named here), not in Redis: the database is shared by
# every node already, a lock must survive a cache flush or an evicted key, and the 「登入鎖定」
# admin (unlocking) and 登入紀錄 read the same rows (axes' cache handler keeps no records).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False  # a success of one account must not wipe failures counted against another
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True  # the locked page says so: trying again restarts the wait
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 1000
AXES_CLIENT_IP_CALLABLE = "site45.signin.lockout.client_ip"  # the rule of RATE_LIMIT_TRUSTED_PROXIES
AXES_USERNAME_CALLABLE = "site45.signin.lockout.normalized_username"
AXES_LOCKOUT_CALLABLE = "site45.signin.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Masked in the form data axes keeps with each failure (the password always is).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "csrfmiddlewaretoken", "otp_token"]
AXES_VERBOSE = False
