import pytest
from django.core.management import call_command


@pytest.fixture
def site_tree(db):
    """Units loaded and the site tree built, as `seed_demo` does (without demo content)."""
    from site45.home.tree import build_site_tree

    call_command("load_units", verbosity=0, stdout=open("/dev/null", "w"))
    return build_site_tree()
