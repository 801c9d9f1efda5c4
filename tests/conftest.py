import pytest
from django.core.management import call_command


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
    with it: such a test module must save and restore the database itself (see
    tests/test_seat_race.py).
    """
    with django_db_blocker.unblock():
        _build_tree()


@pytest.fixture
def site_tree(db):
    """The zh-Hant home page of a site with every unit's section and every type's index."""
    from site45.home.models import HomePage

    home = HomePage.objects.filter(depth=2, locale__language_code="zh-hant").first()
    return home or _build_tree()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in zh-Hant: a request to /en/ leaves English active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test starts with an empty page cache: a test's rows are rolled back without any
    signal, so a page it cached must not be served to the next test."""
    from django.core.cache import caches

    caches["pagecache"].clear()
    yield
