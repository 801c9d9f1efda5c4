"""The embedded default holds under concurrency: ten sign-ins and saves at once
on SQLite answer without a 500.

This is what ``make run`` does, with a file database of its own whatever ``DATABASE_URL`` says
(CI runs the suite on PostgreSQL): ``manage.py migrate`` on a new SQLite file under the
development settings, ten superusers and ten pages made by ``manage.py shell``, then
``manage.py runserver`` (threaded, as ``make run`` starts it) on a free loopback port. Ten
threads, released together by a barrier, each sign in through ``/admin/login/`` (a session, the
sign-in record, the session index, ``last_login``: several writes in one request) and then,
released together again, lock and unlock a page through the admin (a page update and a log
entry per request). Every answer must be below 500 and the server must never have said
"database is locked" — which it did, with Django's default deferred transactions and no WAL,
before ``settings.base.SQLITE_OPTIONS``.
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

requests = pytest.importorskip("requests")

ROOT = Path(__file__).resolve().parents[2]
USERS = 10
PASSWORD = "pw-for-tests-only-123"

SETUP = f"""
from django.contrib.auth import get_user_model
from wagtail.models import Page
User = get_user_model()
root = Page.get_first_root_node()
parent = Page.objects.filter(depth=2).first() or root
ids = []
for i in range({USERS}):
    User.objects.create_superuser(f"racer{{i}}", password="{PASSWORD}")
    page = parent.add_child(instance=Page(title=f"競速測試{{i}}", slug=f"race-{{i}}"))
    ids.append(str(page.pk))
print("PAGES=" + ",".join(ids))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, timeout=600):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``make run``'s server on a new SQLite file: (base URL, page ids, server log path)."""
    work = tmp_path_factory.mktemp("sqlite-race")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="site45.settings.dev",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        TWO_FACTOR_REQUIRED="0",
        PYTHONUNBUFFERED="1",
    )
    result = manage(env, "migrate", "--noinput")
    assert result.returncode == 0, result.stderr[-2000:]
    result = manage(env, "shell", "-c", SETUP)
    assert result.returncode == 0, result.stderr[-2000:]
    pages = re.search(r"PAGES=([\d,]+)", result.stdout).group(1).split(",")

    port = free_port()
    log_path = work / "server.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(base + "/admin/login/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()[-2000:]
            time.sleep(0.5)
        yield base, pages, log_path
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_ten_concurrent_sign_ins_and_saves_give_no_500(server):
    base, pages, log_path = server
    barrier = threading.Barrier(USERS, timeout=120)
    answers = [[] for _ in range(USERS)]
    errors = []

    def racer(i):
        try:
            browser = requests.Session()
            form = browser.get(base + "/admin/login/", timeout=60).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            barrier.wait()
            signed_in = browser.post(
                base + "/admin/login/",
                data={"csrfmiddlewaretoken": token, "username": f"racer{i}", "password": PASSWORD, "next": "/admin/"},
                timeout=60,
                allow_redirects=False,
            )
            answers[i].append(("sign-in", signed_in.status_code))
            headers = {"X-CSRFToken": browser.cookies.get("csrftoken", ""), "Referer": base + "/admin/"}
            barrier.wait()
            for action in ("lock", "unlock"):
                saved = browser.post(
                    f"{base}/admin/pages/{pages[i]}/{action}/", headers=headers, timeout=60, allow_redirects=False
                )
                answers[i].append((action, saved.status_code))
        except Exception as error:
            errors.append((i, repr(error)))
            barrier.abort()

    threads = [threading.Thread(target=racer, args=(i,)) for i in range(USERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    log = log_path.read_text()
    assert not errors, (errors, log[-3000:])
    assert "database is locked" not in log, log[-3000:]
    statuses = [status for answer in answers for _step, status in answer]
    assert len(statuses) == USERS * 3 and all(status < 500 for status in statuses), (answers, log[-3000:])
    # Each sign-in succeeded (a redirect into the admin) and each save went through.
    assert all(answer == [("sign-in", 302), ("lock", 302), ("unlock", 302)] for answer in answers), answers
