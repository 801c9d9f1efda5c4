"""Scheduled commands run once at a time across app nodes (``site45/core/scheduling.py``).

"Node 1" is another process that holds a job's lock (on PostgreSQL an advisory lock through its
own connection to the test database; on SQLite the lock file); this process is node 2, whose
timer starts the same command meanwhile: it exits saying another node is running it and changes
nothing. Once node 1 lets go, the next run does the work.
"""

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from site45.core import scheduling
from tests.factories import make_page

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import json, sys
import django
from django.conf import settings
settings.configure(DATABASES={"default": json.loads(sys.argv[1])}, USE_TZ=True)
django.setup()
from site45.core.scheduling import exclusive_run
with exclusive_run(sys.argv[2]) as acquired:
    print("held" if acquired else "busy", flush=True)
    sys.stdin.readline()
print("released", flush=True)
"""


class OtherNode:
    """A process holding ``job``'s lock until ``release()``."""

    def __init__(self, job):
        db = {k: connection.settings_dict[k] for k in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")}
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, json.dumps(db), job],
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.state = self.process.stdout.readline().strip()

    def release(self):
        out, err = self.process.communicate("\n", timeout=60)
        assert self.process.returncode == 0 and out.strip() == "released", err


def run(command, **options):
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


def scheduled_page():
    """A draft whose go-live time has passed: the next publish_scheduled publishes it."""
    page = make_page("hot_news", unit_code="TW-TXG", publish=False, title="排程上線的消息")
    page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    return page


def test_publish_scheduled_waits_for_the_node_that_is_running_it(site_tree):
    page = scheduled_page()
    other = OtherNode("publish_scheduled")
    try:
        assert other.state == "held"
        out = run("publish_scheduled")
        assert out.strip() == "另一個節點正在執行排程發布，本次不執行。"
        page.refresh_from_db()
        assert not page.live
    finally:
        other.release()
    run("publish_scheduled")
    page.refresh_from_db()
    assert page.live


def test_a_dry_run_takes_no_lock(site_tree):
    scheduled_page()
    other = OtherNode("publish_scheduled")
    try:
        assert "Will do a dry run." in run("publish_scheduled", dryrun=True)
    finally:
        other.release()


def test_enforce_account_rules_uses_the_same_lock_module(site_tree):
    other = OtherNode("enforce_account_rules")
    try:
        assert other.state == "held"
        assert run("enforce_account_rules").strip() == "另一個節點正在執行帳號規則，本次不執行。"
        # another job is not held up by it
        assert run("publish_scheduled").strip() != "另一個節點正在執行排程發布，本次不執行。"
    finally:
        other.release()
    assert "帳號規則（" in run("enforce_account_rules")


def test_the_second_holder_is_refused_and_the_lock_is_free_again_afterwards(site_tree):
    first = OtherNode("publish_scheduled")
    try:
        second = OtherNode("publish_scheduled")
        assert (first.state, second.state) == ("held", "busy")
        second.release()
    finally:
        first.release()
    again = OtherNode("publish_scheduled")
    assert again.state == "held"
    again.release()


def test_the_account_rules_keep_their_advisory_lock_key():
    """A node still running older code (key 451800007) and a newer one exclude each other."""
    assert scheduling.lock_key("enforce_account_rules") == 451800007
    assert scheduling.lock_key("publish_scheduled") != scheduling.lock_key("enforce_account_rules")
    assert scheduling.lock_key("another_job") == scheduling.lock_key("another_job")
