"""Real-browser tests: Playwright for Python driving Debian's Chromium.

How they run
------------
- **Chromium** is Debian's package (``apt-get install chromium``; ``make browser`` does it when
  run as root), launched from ``/usr/bin/chromium`` (or ``$CHROMIUM``) headless. Playwright's own
  browser download (``playwright install``) is never used. Its Python package brings its node
  driver inside the wheel, and axe-playwright-python brings axe-core's JavaScript: nothing is
  fetched at run time, and every request to another host than the live server is aborted.
- **Missing Chromium** (or the Python packages): the tests are skipped with a loud message at the
  end of the run — unless ``CI`` is set, where they fail: CI always executes them.
- **Live server**: pytest-django's ``LiveServer`` (a real HTTP server in a thread of this
  process), one for the package. On SQLite it shares the in-memory test database's connection,
  so its requests take turns; on PostgreSQL it has its own connections, so everything it must
  see is committed.
- **Data**: the whole package shares one committed demo site — ``seed_demo``'s pages, images,
  documents and demo users (password ``demo-45plus-user``), plus a reviewer for Kaohsiung. It
  is seeded once, when the first browser test starts (``demo_site``, package scope).
- **No flush between browser tests**: pytest-django's ``transactional_db`` (which
  ``live_server`` pulls in) would empty every table after each test, taking the demo site with
  it; re-seeding costs a minute. In this package ``transactional_db`` (and ``db``) is
  overridden: database access is simply allowed, and the tests leave what they create (each uses
  its own titles). Do not mark these tests ``django_db``.
- **The rest of the suite gets its database back**: ``demo_site`` snapshots the database
  before seeding and restores it (``tests/db_snapshot.py``) when the package is done — pytest
  tears a package fixture down as soon as the next test lies outside the package, whatever the
  order, so tests elsewhere always find the tree ``tests/conftest.py`` built.
- **Media**: the test settings run with DEBUG off, so the live server uses
  ``tests/browser/urls.py`` (the site's URLs plus ``/media/``).
- **Screenshots** (item 5) go to ``test-artifacts/screens/`` (``$SCREENSHOT_DIR``), not
  committed; a failing test also leaves a picture of each open page in
  ``test-artifacts/failures/``. The paths are printed at the end of the run (by
  ``tests/conftest.py``, which the xdist controller loads; this file only workers do).
- **Parallel runs** (pytest-xdist): the whole package is one unit of work on one worker
  (``tests/conftest.py``'s scheduler), so the demo site is seeded once and the package's
  fixtures are not torn down between its modules. The live server takes a free port, and
  Chromium a fresh temporary profile per launch; pictures of an earlier run are removed only
  when older than this process.
"""

import os
import re
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from site45.governance.review.editor_guide import GUIDE_SCREENSHOTS, SCREENSHOT_DIR

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=zh-TW",  # Chromium's own widgets (date fields, file picker) in the users' language
]
IN_CI = bool(os.environ.get("CI"))
GUIDE_DIR = ROOT / "site45" / "governance" / "static" / SCREENSHOT_DIR
ARTIFACTS = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "test-artifacts" / "screens").resolve()
FAILURES = ARTIFACTS.parent / "failures"
HERE = Path(__file__).resolve().parent

#: Only the live server may be reached (Wagtail's admin asks e.g. for avatars elsewhere).
FOREIGN_HOSTS = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1)(:\d+)?/)[a-z]+://")

#: Pictures older than this process are an earlier run's (every worker starts before any test).
STARTED = time.time()

DEMO_PASSWORD = "demo-45plus-user"
KHH_REVIEWER = "khh-reviewer"
TEST_PASSWORD = "pw-for-tests-only-123"  # tests/factories.make_member's


def _missing():
    """What the browser tests need and this machine lacks, in words for the message."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the Python package playwright (pip install -e '.[test]')")
    try:
        import axe_playwright_python  # noqa: F401
    except ImportError:
        missing.append("the Python package axe-playwright-python (pip install -e '.[test]')")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (Debian: apt-get install chromium — `make browser` does it as root)")
    return missing


MISSING = _missing()


def missing_message():
    return "browser tests need " + "; ".join(MISSING)


def _is_browser_test(item):
    return HERE in Path(str(item.path)).resolve().parents


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: a real-browser test in Chromium (tests/browser)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not _is_browser_test(item):
            continue
        if item.get_closest_marker("django_db"):
            raise pytest.UsageError(
                f"{item.nodeid}: browser tests share one committed demo site; do not mark them django_db "
                "(see tests/browser/conftest.py)"
            )
        item.add_marker(pytest.mark.browser)
        if MISSING and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=f"SKIPPED LOCALLY: {missing_message()}"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --- database: one committed demo site for the package ----------------------------------------


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """``seed_demo``'s site plus a Kaohsiung reviewer, committed; the database is restored after."""
    from site45.demo.seed import seed
    from tests.db_snapshot import database_restored
    from tests.factories import make_member

    with database_restored(django_db_blocker):
        with django_db_blocker.unblock():
            result = seed()
            make_member("TW-KHH", "unit_reviewer", account_role="county_supervisor", username=KHH_REVIEWER)
        yield SimpleNamespace(pages=result.pages)


@pytest.fixture(scope="package")
def media_served():
    from django.test import override_settings

    with override_settings(ROOT_URLCONF="tests.browser.urls"):
        yield


@pytest.fixture
def transactional_db(demo_site, media_served, django_db_blocker):
    """Here: database access on the shared demo site, with no flush afterwards (see above)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def db(transactional_db):
    """Here: the same as ``transactional_db`` (never a rolled-back transaction the server can't see)."""


@pytest.fixture(scope="package")
def live_server(request):
    """pytest-django's live server (its ``LiveServer``), whose requests take turns on SQLite.

    With the in-memory SQLite test database the server's threads all use the test's one
    connection; two admin requests at once (an autosave and the editing-session ping, say)
    would interleave their transactions on it. There, each request holds a lock while Django
    handles it. On PostgreSQL every thread has its own connection and nothing changes.
    """
    import threading

    from pytest_django.live_server_helper import LiveServer

    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address, start=False)
    if server.thread.connections_override:
        handler_class, lock = server.thread.static_handler, threading.Lock()

        def one_at_a_time(application):
            handler = handler_class(application)

            def serve(environ, start_response):
                with lock:
                    return handler(environ, start_response)

            return serve

        server.thread.static_handler = one_at_a_time
    server.start()
    yield server
    server.stop()


# --- the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def chromium():
    if MISSING:
        (pytest.fail if IN_CI else pytest.skip)(missing_message())
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)  # a loaded CI machine; the default is 5 s
    for directory in (ARTIFACTS, FAILURES):  # pictures of an earlier run would mislead
        for old in directory.glob("*.png"):
            if old.stat().st_mtime < STARTED:  # not another worker's of this run
                old.unlink(missing_ok=True)
    # Playwright's sync API keeps an asyncio loop on this thread; Django's ORM would take that
    # for async code and refuse to run in the tests. There is no async code here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        # While Playwright's loop runs, Django keeps this thread's database connections apart
        # (per context, as for async code): close the ones the tests opened, or on PostgreSQL
        # they would outlive the test database ("being accessed by other users").
        from django.db import connections

        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(chromium, live_server, request):
    """``new_context(width=1280, height=900)``: a fresh browser profile (cookies, storage) on the live server."""
    contexts = []

    def make(width=1280, height=900, **options):
        context = chromium.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="zh-TW",
            timezone_id="Asia/Taipei",
            **options,
        )
        context.set_default_timeout(15_000)
        context.route(FOREIGN_HOSTS, lambda route: route.abort())
        contexts.append(context)
        return context

    yield make

    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for c, context in enumerate(contexts):
            for p, page in enumerate(context.pages):
                path = FAILURES / f"{name}-{c}-{p}.png"
                try:
                    page.screenshot(path=path, full_page=True)
                except Exception:
                    pass
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context, 1280 × 900."""
    return new_context().new_page()


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")``: save a full-page PNG where a person can look at it after the run."""

    def take(page, name, full_page=True):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=path, full_page=full_page)
        if name in GUIDE_SCREENSHOTS:  # the editor's guide shows what the test saw
            shutil.copyfile(path, GUIDE_DIR / path.name)
        return path

    return take
