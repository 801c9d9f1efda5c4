"""The suite's shared fixtures, and how it runs on several cores.

Parallel runs (pytest-xdist)
----------------------------
``make test`` runs the suite with ``-n auto --dist loadscope``: one worker process per core.
Each worker has its own test database (pytest-django appends the worker's id:
``test_<name>_gw0``…), its own ``MEDIA_ROOT`` and its own in-process cache. The scheduler below
hands out whole modules — module-scoped fixtures (the canary world, the seeded demo, the
``built_once`` worlds of ``tests/db_snapshot.py``) are built once — and the browser package (``tests/browser``) as one unit, the heaviest units first.

Rules for a test that must stay safe in parallel (``tests/parallel.py`` has the helpers):

- **Files**: write under ``tmp_path``/``tmp_path_factory`` (per worker) or ``settings.MEDIA_ROOT``;
  a file named for a subprocess (a SQLite ``DATABASE_URL``, a log) comes from
  ``parallel.private_path(name)``; never a fixed ``/tmp/…`` name, never the repository.
- **Ports**: never a fixed port. Bind port 0 and read the port back (``free_port()`` in
  ``tests/settings/test_sqlite_concurrency.py``, pytest-django's ``live_server``); a server that must
  have a known port takes ``parallel.worker_port(base)`` (as ``tests/site/test_two_nodes.py``).
- **Redis**: keys under a prefix from ``parallel.private_prefix(name)`` (plus a uuid per
  test), deleting only those keys; never ``FLUSHDB`` a database another worker or helper uses.
- **Databases a subprocess creates**: a name of this worker's (``private_path`` for SQLite; for
  PostgreSQL a name with ``parallel.WORKER`` in it — the test database's own name already
  carries the worker's suffix).
- **Query counts**: warm or clear the caches a count depends on inside the test (ContentType,
  Wagtail's site root paths): which modules ran before on this worker is not fixed.
- **Shared state across modules**: none — any module may run on any worker, in any order with
  the others, but a module's own tests run in file order on one worker.
"""

import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import Template
from django.test.utils import _TestState

#: When this run began (the controller's clock under xdist): screenshots newer than this are its own.
STARTED = time.time()


def _build_tree():
    from site45.home.tree import build_site_tree

    with open("/dev/null", "w") as devnull:
        call_command("load_units", verbosity=0, stdout=devnull)
    return build_site_tree()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the units and the zh-Hant site tree once per test database.

    Tests run inside transactions that roll back, so each starts from this tree. A
    ``transaction=True`` test flushes the database when it ends, taking Wagtail's root page
    with it: such a test must also ask for ``database_put_back`` (checked at collection).
    """
    with django_db_blocker.unblock():
        _build_tree()


@pytest.fixture(scope="module")
def database_put_back(django_db_setup, django_db_blocker):
    """The database as this module found it, put back after its last test.

    A test that really commits (``transaction=True``, ``transactional_db``) is followed by a
    flush of every table: the units, the site tree and Wagtail's initial data (the root
    collection) would be gone for whichever module this worker runs next.
    """
    from tests.db_snapshot import database_restored

    with database_restored(django_db_blocker):
        yield


def commits_for_real(item):
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in item.fixturenames or bool(marker and marker.kwargs.get("transaction"))


def pytest_collection_modifyitems(config, items):
    """Refuse a committing test that would leave the next module an empty database.

    The browser package keeps its own database (``tests/browser/conftest.py``).
    """
    careless = [
        item.nodeid
        for item in items
        if not item.nodeid.startswith("tests/browser/")
        and commits_for_real(item)
        and "database_put_back" not in item.fixturenames
    ]
    if careless:
        raise pytest.UsageError(
            "These tests commit for real but do not ask for the `database_put_back` fixture, so the "
            "tests after them would find an empty database:\n  " + "\n  ".join(careless)
        )


#: How a test module shows that it reads what the test client recorded of the templates.
READS_RECORDED_TEMPLATES = re.compile(r"\.context\b|\.context_data\b|\.templates\b|assertTemplate(Not)?Used")


@pytest.fixture(scope="module", autouse=True)
def templates_recorded_only_where_read(request):
    """Record rendered templates only for the modules that read them.

    Django's test environment makes every template render send a signal on which the test
    client stores a copy of the context (``response.context``, ``response.templates``): about a
    fifth of an admin request's time, paid by the sweeps' thousands of requests for nothing.
    A module whose source reads ``.context``/``.templates`` (or asserts templates) keeps it.
    """
    path = getattr(request.module, "__file__", None)
    if path is None or READS_RECORDED_TEMPLATES.search(Path(path).read_text(encoding="utf-8")):
        yield
        return
    recording = Template._render
    Template._render = _TestState.saved_data.template_render  # Django's own, saved by setup_test_environment
    try:
        yield
    finally:
        Template._render = recording


@pytest.fixture
def site_tree(db):
    """The zh-Hant home page of a site with every unit's section and every type's index."""
    from site45.home.models import HomePage

    home = HomePage.objects.filter(depth=2, locale__language_code="zh-hant").first()
    return home or _build_tree()


@pytest.fixture
def review_site(site_tree):
    """The tree with the workflow in place (re-installed in case a flush removed it)."""
    from site45.governance.review.workflow_setup import install_unit_review_workflow

    install_unit_review_workflow()
    return site_tree


@pytest.fixture
def editor_client(client, site_tree, settings, tmp_path):
    """A TW-TXG editor signed in to the admin, uploading into a media folder of this test."""
    from tests.factories import make_member

    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_member("TW-TXG", username="txg-uploader"))
    return client


@pytest.fixture
def filing(client, site_tree, settings, tmp_path, django_capture_on_commit_callbacks):
    """``post(name, data)``: file the public form with ``data`` as its signed PDF."""
    from django.core.cache import cache

    from tests.factories import filing_form_data as form_data
    from tests.factories import upload

    settings.MEDIA_ROOT = tmp_path
    cache.clear()

    def post(name, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/account-application/", form_data(signed_form=upload(name, data, "application/pdf")))

    yield post
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in zh-Hant: a request to /en/ leaves English active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def wagtails_site_paths_forgotten_after():
    """For a test that adds a site: its rows are rolled back without a signal, so Wagtail's cached
    site root paths (with two sites every ``page.url`` is a full URL) must not outlive the test."""
    yield
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with an empty page cache and no remembered site lookups: a test's rows
    are rolled back without any signal, so a page or site it cached must not reach the next test."""
    from django.core.cache import cache, caches

    from site45.home.site_lookup import CACHE_KEY

    caches["pagecache"].clear()
    cache.delete(CACHE_KEY)
    yield


# --- parallel runs: whole modules to each worker, the heaviest first ----------------------------

#: Units of work that take minutes, started first so that the other worker fills in around them
#: (seconds on an idle 2-core machine, from ``--durations``). A unit not listed is ordered by
#: its number of tests, as xdist's ``loadscope`` does.
HEAVY_FIRST = [
    "tests/site/test_canary_sweep.py",
    "tests/browser",
    "tests/settings/test_sqlite_concurrency.py",
    "tests/site/test_admin_query_budgets.py",
    "tests/site/test_two_nodes.py",
]


def scope_of(nodeid):
    """The unit of work of a test: its module, or the whole browser package."""
    path = nodeid.split("::", 1)[0]
    return "tests/browser" if path.startswith("tests/browser/") else path


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SuiteScheduling(LoadScopeScheduling):
        """``loadscope`` by module (the browser package as one), the heavy units first."""

        def _split_scope(self, nodeid):
            return scope_of(nodeid)

        def _assign_work_unit(self, node):
            if not getattr(self, "ordered", False):  # once, when the queue is first drawn from
                heavy = {unit: rank for rank, unit in enumerate(HEAVY_FIRST)}
                units = sorted(self.workqueue.items(), key=lambda item: (heavy.get(item[0], len(heavy)), -len(item[1])))
                self.workqueue.clear()
                self.workqueue.update(units)
                self.ordered = True
            super()._assign_work_unit(node)

    return SuiteScheduling(config, log)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The browser package's words at the end of the run (here, where the xdist controller hears them)."""
    ran_browser = any(
        getattr(report, "nodeid", "").startswith("tests/browser/")
        for reports in terminalreporter.stats.values()
        for report in reports
    )
    if not ran_browser:
        return
    from tests.browser import conftest as browser

    write = terminalreporter.write_line
    if browser.MISSING:
        terminalreporter.section("browser tests", sep="!", red=True, bold=True)
        state = "FAILED (CI is set)" if browser.IN_CI else "SKIPPED"
        write(f"Browser tests (tests/browser) {state}: {browser.missing_message()}.", red=True, bold=True)
        write(
            "Install Chromium with `make browser` (root) or `sudo apt-get install chromium fonts-wqy-microhei`;"
            " never `playwright install`.",
            red=True,
            bold=True,
        )

    def this_runs(directory):
        return sorted(p for p in directory.glob("*.png") if p.stat().st_mtime >= STARTED) if directory.is_dir() else []

    saved, failures = this_runs(browser.ARTIFACTS), this_runs(browser.FAILURES)
    if saved or failures:
        terminalreporter.section("browser screenshots")
        if saved:
            write(f"Screenshots ({len(saved)}): {browser.ARTIFACTS}")
            for path in saved:
                write(f"  {path.name}")
        if failures:
            write(f"Pages of failed browser tests ({len(failures)}): {browser.FAILURES}", red=True)
