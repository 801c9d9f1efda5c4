"""How the suite is kept: shared builders in ``tests/factories.py``, shared fixtures in
``tests/conftest.py`` — a test module never imports from another one (importing a test module
also collects its fixtures and runs its module-level set-up in the importer)."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FROM_A_TEST_MODULE = re.compile(r"^\s*(from tests(\.browser)?\.test_\w+ import|import tests(\.browser)?\.test_)", re.M)


def test_no_test_module_imports_from_another():
    offenders = [
        f"{path.relative_to(TESTS)}: {match.group(0).strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        for match in FROM_A_TEST_MODULE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
