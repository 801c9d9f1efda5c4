"""Test settings: the database comes from DATABASE_URL (PostgreSQL in CI, SQLite by default)."""

import tempfile

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="site45-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"

# Static files are found by the finders in tests; nothing is collected into STATIC_ROOT.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None

# Sign-in: django-axes is switched off for the suite, as axes documents for
# tests that use the test client's login()/force_login() (its backend refuses authenticate()
# without a request, which Client.login() makes). The lockout tests switch it on
# (tests/signin/test_lockout.py, fixture ``axes_on``) and sign in through the real /admin/login/ POST.
AXES_ENABLED = False

# Credentials: the suite signs account managers, auditors and superusers in
# with client.login()/force_login() and expects the admin; the two-factor requirement is off
# here and tests/credentials/test_two_factor.py turns it on (pytest-django's ``settings`` fixture). An account
# that HAS a device is still asked for its code (that part has no switch).
TWO_FACTOR_REQUIRED = False

# The suite counts in a per-process cache whatever REDIS_URL says (tests clear it freely);
# tests/core/test_shared_cache.py points a cache at a Redis database of its own.
CACHES = cache_settings("")  # noqa: F405
SESSION_ENGINE = session_engine(CACHES)  # noqa: F405  (tests/signin/test_sessions.py runs cached_db too)
# Tasks run where they are enqueued, whatever TASKS_BACKEND says (tests/settings/test_tasks.py uses the
# database backend and its worker).
TASKS = tasks_settings("immediate")  # noqa: F405

# Uploads on the disk (MEDIA_ROOT above) whatever AWS_STORAGE_BUCKET_NAME says;
# tests/core/test_media_storage.py runs the bucket against a local S3 server.
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}  # noqa: F405
