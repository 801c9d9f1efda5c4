"""The settings read the environment through one django-environ ``Env`` (site45/settings/environment.py).

Each case imports a settings module in a fresh ``python -c`` process whose environment holds
only the variables the case sets (every variable the scheme declares is removed first), and
reads the resulting settings back as JSON; a value that does not parse must stop that process
with an error naming the variable, never fall back to a default.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

READ = (
    "import importlib, json, sys; s = importlib.import_module(sys.argv[1]); "
    "print(json.dumps({n: getattr(s, n, None) for n in sys.argv[2:]}, default=str))"
)


def _declared_variables():
    source = (ROOT / "site45/settings/environment.py").read_text()
    return set(re.findall(r"^    ([A-Z][A-Z0-9_]+)=\(", source, re.MULTILINE))


def load(module, *names, **variables):
    """``(returncode, {name: value}, stderr)`` of ``site45.settings.<module>`` under ``variables``."""
    env = {k: v for k, v in os.environ.items() if k not in _declared_variables() and k != "DJANGO_SETTINGS_MODULE"}
    env.update(variables)
    result = subprocess.run(
        [sys.executable, "-c", READ, f"site45.settings.{module}", *names],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = result.stdout.strip().splitlines()
    values = json.loads(lines[-1]) if result.returncode == 0 and lines else {}
    return result.returncode, values, result.stderr


def settings_of(module, *names, **variables):
    code, values, stderr = load(module, *names, **variables)
    assert code == 0, stderr
    return values


PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "45plus.wda.gov.tw"}


def test_the_scheme_is_found():
    assert {"DATABASE_URL", "CONN_MAX_AGE", "EMAIL_URL", "TWO_FACTOR_REQUIRED", "PAGECACHE_ENABLED"} <= (
        _declared_variables()
    )


@pytest.mark.parametrize("value", ["0", "false", "False", "off", "OFF", "no"])
def test_false_words_turn_a_boolean_off(value):
    values = settings_of(
        "base", "TWO_FACTOR_REQUIRED", "PAGECACHE_ENABLED", TWO_FACTOR_REQUIRED=value, PAGECACHE_ENABLED=value
    )
    assert values == {"TWO_FACTOR_REQUIRED": False, "PAGECACHE_ENABLED": False}


@pytest.mark.parametrize("value", ["1", "true", "True", "on", "ON", "yes"])
def test_true_words_turn_a_boolean_on(value):
    # settings.dev defaults TWO_FACTOR_REQUIRED to off: only a true word turns it on.
    values = settings_of(
        "dev", "TWO_FACTOR_REQUIRED", "PAGECACHE_ENABLED", TWO_FACTOR_REQUIRED=value, PAGECACHE_ENABLED=value
    )
    assert values == {"TWO_FACTOR_REQUIRED": True, "PAGECACHE_ENABLED": True}


def test_unset_or_empty_booleans_take_their_defaults():
    assert settings_of("base", "TWO_FACTOR_REQUIRED", "PAGECACHE_ENABLED") == {
        "TWO_FACTOR_REQUIRED": True,
        "PAGECACHE_ENABLED": True,
    }
    assert settings_of(
        "dev", "TWO_FACTOR_REQUIRED", "PAGECACHE_ENABLED", TWO_FACTOR_REQUIRED="", PAGECACHE_ENABLED=""
    ) == {"TWO_FACTOR_REQUIRED": False, "PAGECACHE_ENABLED": True}


def test_a_postgres_database_url_gives_postgres_with_conn_max_age_from_the_environment():
    url = "postgres://site45:p%40ss@db.example.internal:5433/site45?sslmode=require"
    for module, variables in (("dev", {}), ("production", PRODUCTION)):
        database = settings_of(module, "DATABASES", DATABASE_URL=url, CONN_MAX_AGE="120", **variables)["DATABASES"]
        default = database["default"]
        assert default["ENGINE"] == "django.db.backends.postgresql"
        assert (default["NAME"], default["USER"], default["PASSWORD"], default["HOST"], default["PORT"]) == (
            "site45",
            "site45",
            "p@ss",
            "db.example.internal",
            5433,
        )
        assert default["CONN_MAX_AGE"] == 120 and default["CONN_HEALTH_CHECKS"] is True
        assert default["OPTIONS"] == {"sslmode": "require"}  # no SQLite pragmas on PostgreSQL


def test_without_database_url_the_database_is_the_sqlite_file_with_its_options():
    for variables in ({}, {"DATABASE_URL": ""}):
        default = settings_of("dev", "DATABASES", "SQLITE_OPTIONS", **variables)
        database, options = default["DATABASES"]["default"], default["SQLITE_OPTIONS"]
        assert database["ENGINE"] == "django.db.backends.sqlite3"
        assert database["NAME"] == str(ROOT / "db.sqlite3")
        assert database["OPTIONS"] == options and database["CONN_MAX_AGE"] == 0
    production = settings_of("production", "DATABASES", **PRODUCTION)["DATABASES"]["default"]
    assert production["CONN_MAX_AGE"] == 60 and production["CONN_HEALTH_CHECKS"] is True


def test_an_smtp_email_url_gives_the_smtp_backend_with_host_and_port():
    names = ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS")
    values = settings_of(
        "production", *names, EMAIL_URL="smtp+tls://mailer:s%40cret@mail.example.gov.tw:587", **PRODUCTION
    )
    assert values == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "mail.example.gov.tw",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "mailer",
        "EMAIL_HOST_PASSWORD": "s@cret",
        "EMAIL_USE_TLS": True,
    }
    assert settings_of("dev", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", EMAIL_URL="smtp://relay.internal:25") == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "relay.internal",
        "EMAIL_PORT": 25,
    }


def test_email_defaults_and_the_email_backend_override():
    assert settings_of("dev", "EMAIL_BACKEND")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert settings_of("production", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", **PRODUCTION) == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "localhost",
        "EMAIL_PORT": 25,
    }
    # EMAIL_BACKEND (make serve, the benchmarks) still chooses the backend alone.
    locmem = "django.core.mail.backends.locmem.EmailBackend"
    assert settings_of("production", "EMAIL_BACKEND", EMAIL_BACKEND=locmem, **PRODUCTION)["EMAIL_BACKEND"] == locmem


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CONN_MAX_AGE", "abc"),
        ("CONN_MAX_AGE", "-5"),
        ("PAGECACHE_TIMEOUT", "ten minutes"),
        ("RATE_LIMIT_TRUSTED_PROXIES", "one"),
        ("TWO_FACTOR_REQUIRED", "maybe"),
        ("DATABASE_URL", "nosuchdb://host/name"),
        ("EMAIL_URL", "carrierpigeon://loft"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(variable, value):
    code, _values, stderr = load("production", "DEBUG", **{**PRODUCTION, variable: value})
    assert code != 0
    last = stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured:") and variable in last, stderr


def test_production_still_requires_its_secrets_with_the_same_message():
    for variables, name in (
        ({"ALLOWED_HOSTS": "a"}, "SECRET_KEY"),
        ({"SECRET_KEY": "", "ALLOWED_HOSTS": "a"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": " "}, "ALLOWED_HOSTS"),
    ):
        code, _values, stderr = load("production", "DEBUG", **variables)
        assert code != 0 and f"ImproperlyConfigured: Set the {name} environment variable." in stderr


def test_comma_lists_are_trimmed_and_a_dollar_is_no_reference():
    values = settings_of(
        "production",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        "SECRET_KEY",
        SECRET_KEY="$not-a-reference",
        ALLOWED_HOSTS=" a.gov.tw, b.gov.tw ,",
        CSRF_TRUSTED_ORIGINS="https://a.gov.tw,",
    )
    assert values == {
        "ALLOWED_HOSTS": ["a.gov.tw", "b.gov.tw"],
        "CSRF_TRUSTED_ORIGINS": ["https://a.gov.tw"],
        "SECRET_KEY": "$not-a-reference",
    }


def test_the_cache_urls_keep_their_own_parser():
    caches = settings_of("base", "CACHES", REDIS_URL="unix:///run/redis.sock")["CACHES"]
    assert caches["default"]["LOCATION"] == "unix:///run/redis.sock"
    assert caches["default"]["OPTIONS"] == {"SOCKET_CONNECT_TIMEOUT": 5, "SOCKET_TIMEOUT": 5}
    code, _values, stderr = load("base", "CACHES", CACHE_URL="memcache://127.0.0.1:11211")
    assert code != 0 and "REDIS_URL/CACHE_URL/PAGECACHE_URL must be a redis://" in stderr


def test_no_settings_module_or_config_helper_reads_os_environ_itself():
    files = [
        *sorted((ROOT / "site45/settings").glob("*.py")),
        *(ROOT / "site45" / name for name in ("core/cache_config.py", "core/storage_config.py", "request_log.py")),
    ]
    for path in files:
        code = re.sub(r'"""[\s\S]*?"""', "", path.read_text())  # docstrings may name os.environ
        assert not re.search(r"os\.environ|os\.getenv|getenv\(", code), path
