import dj_database_url

from tests.factories import run_manage


def test_check_deploy_with_production_settings_reports_nothing():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "DJANGO_SETTINGS_MODULE": "site45.settings.production",
            "SECRET_KEY": "x7#kQ2!vL9@pR4$wT8^zN1&bM6*cF3(hJ5)dG0_sY2+eU7=aK-Lw3Vq8Zt5Xr1Yp6",
            "ALLOWED_HOSTS": "45plus.wda.gov.tw",
            # Production shares its cache between workers (tests/core/test_shared_cache.py: without
            # it, check --deploy warns); the check does not connect.
            "REDIS_URL": "redis://127.0.0.1:6379/9",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        env_extra={"DJANGO_SETTINGS_MODULE": "site45.settings.production", "SECRET_KEY": "", "ALLOWED_HOSTS": "x"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_database_url_selects_the_database():
    assert dj_database_url.parse("postgres://postgres@127.0.0.1:5432/test")["ENGINE"] == (
        "django.db.backends.postgresql"
    )
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        env_extra={"DJANGO_SETTINGS_MODULE": "site45.settings.dev", "DATABASE_URL": ""},
    )
    assert result.stdout.strip().splitlines()[-1] == "sqlite"


def _database_settings(module, **env):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(repr(d['CONN_MAX_AGE']), d['CONN_HEALTH_CHECKS'])",
        env_extra={"DJANGO_SETTINGS_MODULE": module, "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "x", **env},
    )
    return result.returncode, (result.stdout.strip().splitlines() or [""])[-1], result.stderr


def test_production_keeps_database_connections_and_checks_them():
    """A connection per request cost a third of a page; kept ones are checked before reuse."""
    assert _database_settings("site45.settings.production", CONN_MAX_AGE="")[1] == "60 True"
    assert _database_settings("site45.settings.production", CONN_MAX_AGE="0")[1] == "0 True"
    assert _database_settings("site45.settings.dev", CONN_MAX_AGE="")[1] == "0 True"
    assert _database_settings("site45.settings.dev", CONN_MAX_AGE="None")[1] == "None True"


def test_a_bad_conn_max_age_stops_the_start_with_a_clear_message():
    for value in ("-1", "soon"):
        code, _out, err = _database_settings("site45.settings.production", CONN_MAX_AGE=value)
        assert code != 0 and "CONN_MAX_AGE" in err
