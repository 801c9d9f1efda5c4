"""How the suite is kept: shared builders in ``tests/factories.py``, shared fixtures in
``tests/conftest.py`` — a test module never imports from another one (importing a test module
also collects its fixtures and runs its module-level set-up in the importer)."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
#: ``from tests.test_x import``, ``from tests.governance.org.test_x import``, ``from .test_x import``…
FROM_A_TEST_MODULE = re.compile(
    r"^\s*(from (tests(\.\w+)*|\.*)\.test_\w+ import|from \.+ import test_|import tests(\.\w+)*\.test_)", re.M
)


def test_no_test_module_imports_from_another():
    # The pattern reaches into the sub-packages that mirror site45, and leaves the shared builders.
    for line in (
        "from tests.governance.org.test_units import x",
        "import tests.site.test_x",
        "from tests.test_x import y",
        "from .test_x import y",
        "from . import test_x",
    ):
        assert FROM_A_TEST_MODULE.search(line), line
    assert not FROM_A_TEST_MODULE.search("from tests.factories import make_member")
    offenders = [
        f"{path.relative_to(TESTS)}: {match.group(0).strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        for match in FROM_A_TEST_MODULE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
