"""What keeps a test safe when the suite runs on several cores (pytest-xdist, ``make test``).

Each xdist worker is its own process with its own test database (pytest-django appends the
worker's id: ``test_<name>_gw0``, ``test_<name>_gw1``…) and its own ``MEDIA_ROOT`` (a fresh
temporary folder per process, ``site45/settings/test.py``). Anything else two workers could
share must carry the worker's name — see the rules in ``tests/conftest.py``.
"""

import os
import tempfile
from pathlib import Path

#: ``gw0``, ``gw1``… under pytest-xdist; ``main`` when the suite runs in one process.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
#: 0, 1, 2… (0 in one process): for resources that must have a known number, such as a port.
WORKER_NUMBER = int(WORKER[2:]) if WORKER.startswith("gw") and WORKER[2:].isdigit() else 0


def private_path(name):
    """A path in the system's temporary folder that no other worker or run uses.

    For files a subprocess makes on its own (e.g. a SQLite file named in ``DATABASE_URL``):
    ``private_path("deploy-check.sqlite3")`` → ``/tmp/site45-gw1-4242-deploy-check.sqlite3``.
    """
    return Path(tempfile.gettempdir()) / f"site45-{WORKER}-{os.getpid()}-{name}"


def private_prefix(name):
    """A cache or key prefix of this worker and process (shared Redis databases)."""
    return f"{name}-{WORKER}-{os.getpid()}"


def worker_port(port):
    """A fixed port made this worker's: ``port`` in one process or on gw0, ``port + 100·n`` on gwn.

    Prefer a free port (bind port 0); this is for servers whose port must be known beforehand.
    """
    return port + 100 * WORKER_NUMBER
