"""One run at a time of a scheduled command across every app node (SPEC §9; README, *Deployment*).

Each node's cron or systemd timer may start ``enforce_account_rules`` and ``publish_scheduled``
at the same moment. ``exclusive_run(job)`` yields True to the run that may go ahead and False to
any other started meanwhile, which then exits saying so:

- **PostgreSQL**: a session advisory lock (``pg_try_advisory_lock``) on the job's key. It belongs
  to the database connection, so it is released when the run ends, and also when its process
  dies. Behind PgBouncer in transaction pooling a session lock does not hold: run the jobs on
  one node there.
- **SQLite** (one server): an exclusive ``flock`` on a file beside the database, released by
  the kernel when the process ends.

The jobs stay correct without it (suspensions lock rows, notices are claimed, Wagtail publishes
a revision once); the lock keeps two nodes from doing the same work and mailing twice.
"""

import fcntl
import os
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.db import connections

#: Fixed advisory-lock keys of the jobs (any 64-bit numbers; the account rules' key is the one it
#: has always used, so a node running older code still excludes a newer one).
JOB_KEYS = {
    "enforce_account_rules": 451800007,
    "publish_scheduled": 451800013,
}


def lock_key(job):
    """The advisory-lock key of ``job`` (a fixed one, else a stable number from its name)."""
    return JOB_KEYS.get(job) or 451800000 + zlib.crc32(job.encode()) % 10_000


def lock_file_path(job, using="default"):
    """Where the SQLite lock of ``job`` lives: beside the database file (a temporary folder for
    an in-memory database)."""
    name = str(connections[using].settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return Path(tempfile.gettempdir()) / f"site45-{job}.lock"
    return Path(f"{name}.{job}.lock")


@contextmanager
def exclusive_run(job, using="default"):
    """Yields True when this run of ``job`` may go ahead, False while another run holds it."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with _advisory_lock(connection, lock_key(job)) as acquired:
            yield acquired
    else:
        with _file_lock(lock_file_path(job, using)) as acquired:
            yield acquired


@contextmanager
def _advisory_lock(connection, key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def _file_lock(path):
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
