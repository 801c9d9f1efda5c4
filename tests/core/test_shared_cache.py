"""Rate limits count in a cache every worker shares, through real processes.

Reported: 7 of 12 filings accepted against a limit of 5 under two workers, because each worker
counted in its own LocMemCache. With ``REDIS_URL`` the default cache is django-redis, and two
separate processes ("workers") counting the same key accept exactly the limit between them;
the same two processes on LocMemCache accept twice the limit (what production did). The public
form's own count (the view, in this process) is seen and honoured by another process.
``manage.py check --deploy`` warns when production runs on a per-process cache.

Redis: ``TEST_REDIS_URL`` (default redis://127.0.0.1:6379/9). Every key made here carries a
prefix unique to the xdist worker and the test, and only those keys are deleted afterwards.
Without a Redis server the Redis tests are skipped, except under CI (``CI`` set), where they fail.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from site45.core.cache_config import LOCMEM, REDIS, cache_settings, is_process_local
from site45.core.rate_limit import SHARED_CACHE_CHECK_ID
from tests.factories import run_manage
from tests.parallel import private_prefix

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")

#: One "worker": its own process, its own cache connection, counting ``hits`` events on one key.
WORKER = r"""
import json, sys
from django.conf import settings
config = json.loads(sys.argv[1])
settings.configure(CACHES={"default": config["cache"]}, USE_TZ=True)
from site45.core.rate_limit import FixedWindowRateLimit
limit = FixedWindowRateLimit(config["prefix"], config["limit"], 3600)
sys.stdin.readline()  # both workers start counting together
print(json.dumps([limit.hit(config["key"]) for _ in range(config["hits"])]))
"""


def _redis_client():
    import redis

    return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis with a prefix of this test's own; its keys deleted afterwards."""
    client = _redis_client()
    try:
        client.ping()
    except Exception as error:  # no server here
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is needed in CI: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    prefix = f"{private_prefix('site45-test')}-{uuid.uuid4().hex}"  # this worker's, this test's
    config = cache_settings(REDIS_URL)["default"]
    config["KEY_PREFIX"] = prefix
    settings.CACHES = {"default": config}
    yield config
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


def run_workers(cache_config, prefix, limit, hits, key="192.0.2.1", workers=2):
    """Start ``workers`` processes, let them count together; the hits each accepted."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    config = json.dumps({"cache": cache_config, "prefix": prefix, "limit": limit, "hits": hits, "key": key})
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, config],
            cwd=ROOT,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(workers)
    ]
    outputs = [proc.communicate("go\n", timeout=60) for proc in procs]
    for proc, (_out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    return [sum(json.loads(out)) for out, _err in outputs]


def test_two_workers_on_redis_accept_exactly_the_limit(redis_cache):
    accepted = run_workers(redis_cache, "filing-address", limit=5, hits=6)
    assert sum(accepted) == 5, accepted  # 12 tries, 5 accepted between the two workers
    # One step past, from yet another worker: refused.
    assert run_workers(redis_cache, "filing-address", limit=5, hits=1, workers=1) == [0]


def test_two_workers_on_a_per_process_cache_each_count_their_own():
    """What production did without a shared cache: each worker accepts the whole limit."""
    accepted = run_workers({"BACKEND": LOCMEM, "LOCATION": "workers"}, "filing-address", limit=5, hits=6)
    assert accepted == [5, 5]


def test_the_forms_count_is_shared_with_another_worker(
    client, site_tree, settings, redis_cache, django_capture_on_commit_callbacks
):
    """Filings through the real view (this process) use up the address's quota for a second
    worker process too; the limit is reached at 5 and the 6th try, in the other worker, refused."""
    from tests.factories import file_application_form as file
    from tests.factories import filing_form_data as form_data

    settings.ACCOUNT_APPLICATION_RATE_LIMIT = 5
    for n in range(4):
        response = file(
            client,
            django_capture_on_commit_callbacks,
            form_data(account_name=f"redis-{n}", contact_email=f"r{n}@taichung.gov.tw"),
            REMOTE_ADDR="192.0.2.77",
        )
        assert response.status_code == 302
    # Worker 2 takes the 5th (accepted) and the 6th (refused) for the same address.
    assert run_workers(redis_cache, "filing-address", limit=5, hits=2, key="192.0.2.77", workers=1) == [1]
    over = file(
        client,
        django_capture_on_commit_callbacks,
        form_data(account_name="redis-over", contact_email="r9@taichung.gov.tw"),
        REMOTE_ADDR="192.0.2.77",
    )
    assert over.status_code == 429


# --- the settings and the deploy check -----------------------------------------------------------


def test_cache_settings_from_the_environment():
    assert cache_settings("")["default"]["BACKEND"] == LOCMEM
    assert is_process_local(cache_settings("")["default"])
    for url in ("redis://127.0.0.1:6379/0", "rediss://cache.example:6380/1", "unix:///run/redis.sock"):
        config = cache_settings(url)["default"]
        assert config["BACKEND"] == REDIS and config["LOCATION"] == url and not is_process_local(config)
    for url in ("memcache://127.0.0.1:11211", "locmem://", "http://x"):
        with pytest.raises(ImproperlyConfigured):
            cache_settings(url)


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "site45.settings.production",
    "SECRET_KEY": "x7#kQ2!vL9@pR4$wT8^zN1&bM6*cF3(hJ5)dG0_sY2+eU7=aK-Lw3Vq8Zt5Xr1Yp6",
    "ALLOWED_HOSTS": "45plus.wda.gov.tw",
}


def test_check_deploy_warns_without_a_shared_cache():
    result = run_manage("check", "--deploy", env_extra={**PRODUCTION, "REDIS_URL": "", "CACHE_URL": ""})
    assert SHARED_CACHE_CHECK_ID in result.stdout + result.stderr, result.stdout + result.stderr
    assert "REDIS_URL" in result.stdout + result.stderr


@pytest.mark.parametrize("variable", ["REDIS_URL", "CACHE_URL"])
def test_check_deploy_is_quiet_with_redis(variable):
    env = {**PRODUCTION, "REDIS_URL": "", "CACHE_URL": "", variable: REDIS_URL}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert SHARED_CACHE_CHECK_ID not in result.stdout + result.stderr


def test_a_bad_cache_url_stops_the_start():
    result = run_manage("check", env_extra={**PRODUCTION, "REDIS_URL": "", "CACHE_URL": "memcache://127.0.0.1"})
    assert result.returncode != 0 and "REDIS_URL/CACHE_URL" in result.stderr


# --- sessions follow the cache (several app nodes) ----------------------------------------------


def test_sessions_are_read_from_a_shared_cache_and_always_written_to_the_database():
    from site45.core.cache_config import CACHED_DB_SESSIONS, DB_SESSIONS, session_engine

    assert session_engine(cache_settings("")) == DB_SESSIONS
    assert session_engine(cache_settings(REDIS_URL)) == CACHED_DB_SESSIONS


def test_cached_sessions_over_a_per_process_cache_fail_the_deploy_check(settings):
    from site45.core.cache_config import CACHED_DB_SESSIONS, DB_SESSIONS
    from site45.signin.checks import cached_sessions_use_a_shared_cache

    settings.SESSION_ENGINE = CACHED_DB_SESSIONS
    assert [error.id for error in cached_sessions_use_a_shared_cache(None)] == ["signin.E002"]
    settings.CACHES = cache_settings(REDIS_URL)
    assert cached_sessions_use_a_shared_cache(None) == []
    settings.CACHES = cache_settings("")
    settings.SESSION_ENGINE = DB_SESSIONS
    assert cached_sessions_use_a_shared_cache(None) == []


def test_the_idle_clock_is_read_from_the_shared_cache_and_still_signs_out(redis_cache, site_tree, client):
    """With Redis every node reads a session's idle clock from it: a signed-in request asks the
    database nothing about it; moving the clock past the timeout still signs the session out,
    and ending the account's sessions forgets the clock."""
    import datetime

    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from site45.signin import sessions
    from site45.signin.models import SignedInSession
    from tests.factories import make_member

    editor = make_member("TW-TXG", "editor", username="clock-editor")
    client.force_login(editor)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert sessions.IdleClock.read(key, editor.pk) is not None

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    assert not [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and "signin_signedinsession" in q["sql"]
    ]

    past = timezone.now() - datetime.timedelta(seconds=sessions.idle_timeout_seconds() + 1)
    SignedInSession.objects.filter(session_id=key).update(last_activity_at=past)
    sessions.IdleClock.write(key, editor.pk, past)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    client.force_login(editor)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert sessions.IdleClock.read(key, editor.pk) is not None
    sessions.end_sessions_of(editor)
    assert sessions.IdleClock.read(key, editor.pk) is None
    assert client.get("/admin/").status_code == 302
