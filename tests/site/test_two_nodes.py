"""Two app nodes behind one load balancer, for real (README, *Deployment*; SPEC §9).

Two gunicorn processes ("nodes", ports 18101 and 18102; 100 more per xdist worker number) run
``site45.settings.production`` on one PostgreSQL database (``multinode_ci_<worker>``, a copy of
the worker's test database made and dropped here) and one Redis (database 5, emptied before and
after; only this module uses it, and a module runs on one worker). A real HTTP client with its own
cookie jar plays the browser behind the load balancer (``Host: site45.test``,
``X-Forwarded-Proto: https``, so the production cookies ``__Host-…`` and CSRF's origin check
apply). It shows:

1. a sign-in on node 1 is a session on node 2, through two-factor sign-in: the superuser signs
   in with the password on node 1, enters the authenticator code on node 2, uses the admin on
   node 1; signing out on node 2 ends the session on node 1 (production requires two-factor
   for the account roles and superusers: the test keeps it on and computes the TOTP code);
2. a publish through node 1's admin (Wagtail's bulk 「發布」 of a page's waiting draft) is
   served by node 2 at once — the page, its type's index and its unit's section, each read on
   both nodes (twice) before, so a page cache on either node, or in Redis, that kept the old
   version would fail here;
3. both nodes agree on the unpublish through node 2.

Needs PostgreSQL (``DATABASE_URL``) and Redis at 127.0.0.1:6379; without them it is skipped,
except under CI (``CI`` set), where it fails.
"""

import html
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.parallel import WORKER, worker_port

ROOT = Path(__file__).resolve().parents[2]
PORTS = (worker_port(18101), worker_port(18102))  # 18101/18102, moved along under xdist
HOST = "site45.test"
ORIGIN = f"https://{HOST}"
REDIS_URL = "redis://127.0.0.1:6379/5"
DB_NAME = f"multinode_ci_{WORKER}"  # one per xdist worker
PASSWORD = "two-nodes-Passw0rd-only-here"
TOTP_KEY = secrets.token_hex(20)
OLD_TITLE, NEW_TITLE = "雙節點測試稿一版", "雙節點測試稿二版"
START_TIMEOUT = 40

SEED = r"""
import json
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.factories import make_page

user = get_user_model().objects.create_superuser("two-nodes-root", "root@wda.gov.tw", PASSWORD)
TOTPDevice.objects.create(user=user, name="app", key=KEY, confirmed=True)
page = make_page("hot_news", unit_code="TW-TXG", title=OLD_TITLE, slug="two-nodes")
page.title = NEW_TITLE
page.save_revision(user=user)  # the draft the admin will publish
section = page.get_parent()
print(json.dumps({"id": page.pk, "url": page.get_url(), "section": section.get_url()}))
"""


def _fail_or_skip(reason):
    if os.environ.get("CI"):
        pytest.fail(f"the two-node test must run in CI: {reason}")
    pytest.skip(reason)


def _postgres_settings():
    from django.db import connection

    if connection.vendor != "postgresql":
        _fail_or_skip("needs PostgreSQL (DATABASE_URL)")
    return connection.settings_dict


def _redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except Exception as error:
        _fail_or_skip(f"needs Redis at {REDIS_URL}: {error}")
    return client


def _admin_connection(db):
    import psycopg2

    conn = psycopg2.connect(
        dbname="postgres",
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
    conn.autocommit = True
    return conn


def _database_url(db, name):
    auth = db["USER"] or "postgres"
    if db["PASSWORD"]:
        auth += ":" + db["PASSWORD"]
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    """``multinode_ci`` cloned from the test database, seeded, collected, and two nodes on it."""
    from django.db import connections

    db = _postgres_settings()
    redis_client = _redis()
    redis_client.flushdb()
    template = db["NAME"]
    admin = _admin_connection(db)
    workdir = Path(tempfile.mkdtemp(prefix="site45-two-nodes-"))
    nodes = []
    try:
        with django_db_blocker.unblock():
            connections.close_all()  # a template database must have no other session
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{template}"')
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))},
            "DJANGO_SETTINGS_MODULE": "site45.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": _database_url(db, DB_NAME),
            "REDIS_URL": REDIS_URL,
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "WAGTAILADMIN_BASE_URL": ORIGIN,
            "LOG_LEVEL": "WARNING",
        }
        env.pop("AWS_STORAGE_BUCKET_NAME", None)
        seed = SEED.replace("PASSWORD", repr(PASSWORD)).replace("KEY", repr(TOTP_KEY))
        seed = seed.replace("OLD_TITLE", repr(OLD_TITLE)).replace("NEW_TITLE", repr(NEW_TITLE))
        _mark("database copied")
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        seeded = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", seed],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert seeded.returncode == 0, seeded.stderr[-3000:]
        page = json.loads(seeded.stdout.strip().splitlines()[-1])
        _mark("seeded")
        assert collect.wait(timeout=180) == 0, collect.stdout.read()[-3000:]
        _mark("static collected")
        for port in PORTS:
            log = open(workdir / f"node-{port}.log", "w")
            nodes.append(
                (
                    subprocess.Popen(
                        [
                            sys.executable,
                            "-m",
                            "gunicorn",
                            "site45.wsgi:application",
                            "--bind",
                            f"127.0.0.1:{port}",
                            "--workers",
                            "1",
                            "--timeout",
                            "60",
                            "--no-control-socket",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    ),
                    log,
                )
            )
        for port, (process, _log) in zip(PORTS, nodes):
            _wait_until_up(port, process, workdir / f"node-{port}.log")
        _mark("nodes up")
        yield {"page": page, "workdir": workdir}
        _mark("test done")
    finally:
        for process, log in nodes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)  # gunicorn's quick shutdown
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log.close()
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        admin.close()
        _mark("nodes stopped, database dropped")
        redis_client.flushdb()
        redis_client.close()
        shutil.rmtree(workdir, ignore_errors=True)


_started = time.monotonic()


def _mark(what):
    """Where the time goes (shown with ``-s``)."""
    print(f"[two nodes] {time.monotonic() - _started:5.1f} s: {what}", file=sys.stderr)


def _wait_until_up(port, process, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"node on {port} exited:\n{log_path.read_text()[-3000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/static/css/does-not-exist.css", headers={"Host": HOST})
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"node on {port} did not start:\n{log_path.read_text()[-3000:]}")


# --- a browser behind the load balancer -----------------------------------------------------------


class Browser:
    """One browser: one cookie jar, whichever node the balancer sends a request to."""

    def __init__(self):
        self.cookies = {}

    def request(self, port, method, path, form=None):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "192.0.2.45",
            "Accept": "text/html",
            "User-Agent": "two-nodes-test",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = ORIGIN
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        conn.close()
        location = response.headers.get("Location", "")
        return response.status, (urlsplit(location)._replace(scheme="", netloc="").geturl() if location else ""), text

    def get(self, port, path):
        return self.request(port, "GET", path)

    def post(self, port, path, form):
        return self.request(port, "POST", path, form)


class FormFields(HTMLParser):
    """The named inputs of a page's forms (enough for Django's CSRF token and simple forms)."""

    def __init__(self, text):
        super().__init__()
        self.fields = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "checkbox", "radio"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")


def csrf_token(text):
    """A form's CSRF token, or the admin's own (``wagtailConfig``) on a page without a form."""
    token = FormFields(text).fields.get("csrfmiddlewaretoken")
    if not token:
        found = re.search(r'"CSRF_TOKEN": "([A-Za-z0-9]+)"', text)
        token = found and found.group(1)
    assert token, text[:2000]
    return token


def anonymous_read(port, path):
    status, _location, text = Browser().get(port, path)
    return status, html.unescape(text)


def totp_code():
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(TOTP_KEY)):06d}"


# --- the test --------------------------------------------------------------------------------------


@pytest.mark.django_db  # so pytest-django sets the test database up: the nodes' database is its copy
def test_two_nodes_share_sessions_and_serve_a_publish_at_once(cluster):
    node1, node2 = PORTS
    page = cluster["page"]
    paths = {"page": page["url"], "section": page["section"], "index": "/hot-news/"}

    # Before: both nodes serve the live version everywhere (read twice: a cache would fill).
    for port in (node1, node2, node1, node2):
        status, text = anonymous_read(port, paths["page"])
        assert status == 200 and OLD_TITLE in text and NEW_TITLE not in text, (port, status, text[:500])
        for name in ("index", "section"):
            status, text = anonymous_read(port, paths[name])
            assert status == 200 and NEW_TITLE not in text, (port, name, status)
    status, text = anonymous_read(node2, paths["index"])
    assert OLD_TITLE in text, "the index lists the page (so it can show a stale title)"

    # 1. Sign in with the password on node 1 ...
    browser = Browser()
    status, _location, text = browser.get(node1, "/admin/login/")
    assert status == 200
    status, location, text = browser.post(
        node1,
        "/admin/login/",
        {
            "csrfmiddlewaretoken": csrf_token(text),
            "username": "two-nodes-root",
            "password": PASSWORD,
            "next": "/admin/",
        },
    )
    assert (status, location) == (302, "/admin/"), (status, location, text[:1000])
    # ... node 2 knows the session: it asks for the second factor, not for the password ...
    status, location, _text = browser.get(node2, "/admin/")
    assert status == 302 and location.startswith("/admin/two-factor/verify/"), (status, location)
    status, _location, text = browser.get(node2, location)
    assert status == 200
    status, location, text = browser.post(
        node2, "/admin/two-factor/verify/?next=/admin/", {"csrfmiddlewaretoken": csrf_token(text), "code": totp_code()}
    )
    assert (status, location) == (302, "/admin/"), (status, location, text[:1000])
    # ... and node 1 sees the verified session: the dashboard.
    status, location, text = browser.get(node1, "/admin/")
    assert status == 200, (status, location)

    # 2. Publish the waiting draft through node 1's admin.
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={page['id']}&next=/admin/"
    status, _location, text = browser.get(node1, bulk)
    assert status == 200, text[:1000]
    status, location, text = browser.post(node1, bulk, {"csrfmiddlewaretoken": csrf_token(text)})
    assert status == 302, (status, location, text[:1000])

    # Node 2 (and node 1) serve the new version at once: the page, its index, its section.
    for port in (node2, node1):
        status, text = anonymous_read(port, paths["page"])
        assert status == 200 and NEW_TITLE in text and OLD_TITLE not in text, (port, "stale page")
        for name in ("index", "section"):
            status, text = anonymous_read(port, paths[name])
            assert status == 200 and NEW_TITLE in text and OLD_TITLE not in text, (port, f"stale {name}")

    # 3. Unpublish through node 2: gone on node 1 at once.
    unpublish = f"/admin/pages/{page['id']}/unpublish/"
    status, _location, text = browser.get(node2, unpublish)
    assert status == 200, text[:1000]
    status, location, text = browser.post(node2, unpublish, {"csrfmiddlewaretoken": csrf_token(text)})
    assert status == 302, (status, location, text[:1000])
    for port in (node1, node2):
        status, text = anonymous_read(port, paths["page"])
        assert status == 404, (port, status)
        status, text = anonymous_read(port, paths["index"])
        assert NEW_TITLE not in text, (port, "stale index")

    # Signing out on node 2 ends the session on node 1 too.
    status, _location, text = browser.get(node1, "/admin/")
    assert status == 200
    status, _location, _text = browser.post(node2, "/admin/logout/", {"csrfmiddlewaretoken": csrf_token(text)})
    assert status == 302
    status, location, _text = browser.get(node1, "/admin/")
    assert status == 302 and location.startswith("/admin/login/"), (status, location)
