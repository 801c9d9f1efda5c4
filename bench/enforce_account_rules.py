#!/usr/bin/env python
"""Benchmark of ``manage.py enforce_account_rules`` on PostgreSQL.

Builds N accounts with ``bulk_create`` (users, memberships across every unit, admin-activity
rows, live sessions), runs the command, and prints wall time and the number of queries, for
N = 2,000 and N = 20,000 in one go, in two datasets:

- ``fixed``: the same actions whatever N (10 accounts to close, 10 to warn, 5 leavers to
  suspend, 5 overdue applications, one audit reminder); everybody else used the admin
  recently. The query count must be the same for both N: the scan of the accounts is a
  fixed number of queries.
- ``realistic``: a mix proportional to N — most used the admin in the last 60 days, some
  idle 60–165 days, about 1 % at each warning threshold and 3 % past 180 days, 1 % leavers
  past the grace period, 0.5 % within it and 0.5 % leaving later, 10 % with a live session. Actions grow with N;
  the queries per action must stay constant.

Each dataset is run twice: the first run acts, the second (nothing left to do) is the pure
scan. ``queries/action`` = (first − second) / actions. Planner statistics are refreshed (ANALYZE)
after the bulk load and between the two runs, as autovacuum does in production (without it the
planner plans for empty tables); a small warm-up run comes first.

    createdb -h 127.0.0.1 -U postgres helper_rules_bench   # or let the script create it
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/helper_rules_bench \\
        python bench/enforce_account_rules.py [--sizes 2000 20000]

The database is migrated and the units loaded on first use. **Every account, session,
application, rule notice and audit-log entry in it is deleted** before each dataset, so the
script refuses a database whose name does not contain "bench".
"""

import argparse
import datetime
import io
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site45.settings.dev")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

TODAY = datetime.date(2026, 3, 4)  # a Wednesday; fixed so every run is the same
DAY = datetime.timedelta(days=1)
WARNING_DAYS = (14, 7, 3, 1)


def ensure_database(url):
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if parsed.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("DATABASE_URL must point at PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/helper_rules_bench")
    if "bench" not in name:
        sys.exit(f"refusing to wipe {name!r}: use a database whose name contains 'bench'")
    import psycopg2

    admin = psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    admin.close()


def setup_django():
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from site45.governance.models import Unit

    if not Unit.objects.exists():
        call_command("load_units", verbosity=0, stdout=io.StringIO())


def wipe():
    from django.db import connection

    tables = [
        "governance_rulenotice",
        "django_session",
        "governance_accountapplication",
        "wagtailcore_modellogentry",
        "governance_accountactivity",
        "governance_accountauditentry",
        "governance_accountaudit",
        "governance_membership",
        "auth_user_groups",
        "auth_user_user_permissions",
        "wagtailusers_userprofile",
        "auth_user",
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'DELETE FROM "{table}"')


def at(day, hour=10):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Builder:
    """Accounts in bulk: ``add(...)`` collects, ``save()`` writes with a handful of bulk inserts."""

    def __init__(self):
        from site45.governance.models import Unit

        self.units = list(Unit.objects.publishing().order_by("code"))
        self.rows = []

    def add(self, last_use_days_ago, session=False, departure=None, seen=True, roles=None, unit=None):
        self.rows.append((last_use_days_ago, session, departure, seen, roles or {}, unit))

    def save(self):
        from django.contrib.auth import get_user_model
        from django.contrib.sessions.backends.db import SessionStore
        from django.contrib.sessions.models import Session
        from django.utils import timezone

        from site45.governance.accounts.activity import AccountActivity
        from site45.governance.models import Membership

        User = get_user_model()
        start = User.objects.count()
        users = [
            User(
                username=f"bench-{start + i}",
                email=f"bench-{start + i}@example.gov.tw",
                password="!",
                is_active=True,
                date_joined=at(TODAY - 800 * DAY),
                # the password was last typed long ago; admin use in a remembered session is what counts
                last_login=at(TODAY - max(days, 200) * DAY) if seen else at(TODAY - days * DAY),
            )
            for i, (days, _session, _departure, seen, _roles, _unit) in enumerate(self.rows)
        ]
        users = User.objects.bulk_create(users, batch_size=2000)
        memberships, activity, sessions = [], [], []
        store = SessionStore()
        expires = timezone.now() + datetime.timedelta(days=14)
        for i, (user, (days, session, departure, seen, roles, unit)) in enumerate(zip(users, self.rows)):
            unit = unit or self.units[i % len(self.units)]
            memberships.append(
                Membership(
                    user=user,
                    unit=unit,
                    unit_type=unit.unit_type,
                    account_role="county_officer",
                    is_editor=True,
                    departure_date=departure,
                    **roles,
                )
            )
            if seen:
                activity.append(AccountActivity(user=user, last_seen_at=at(TODAY - days * DAY)))
            if session:
                sessions.append(
                    Session(
                        session_key=f"bench{user.pk:027d}",
                        expire_date=expires,
                        session_data=store.encode({"_auth_user_id": str(user.pk)}),
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=2000)
        AccountActivity.objects.bulk_create(activity, batch_size=2000)
        Session.objects.bulk_create(sessions, batch_size=2000)
        self.rows = []
        return users


def staff(builder):
    """An account manager per reviewing unit, the auditor and the system administrator: recipients."""
    from site45.governance.models import Unit

    for unit in Unit.objects.filter(unit_type__in=("branch", "hq_special")):
        roles = {"is_account_manager": True}
        if unit.unit_type == "hq_special":
            roles.update(is_account_auditor=True, is_system_admin=True)
        builder.add(1, roles=roles, unit=unit)


def overdue_applications(count):
    from site45.governance.accounts.applications import AccountApplication
    from site45.governance.models import Unit

    units = list(Unit.objects.filter(unit_type="county").order_by("code"))
    for i in range(count):
        app = AccountApplication(
            application_date=TODAY - 30 * DAY,
            unit=units[i % len(units)],
            contact_name="窗口",
            contact_phone="02-0000-0000",
            contact_email="window@example.gov.tw",
            change_type="new",
            account_name=f"bench-new-{i}",
            account_role="county_officer",
            perm_editor=True,
            user_name="申請人",
            user_title="科員",
            user_phone="02-0000-0000",
            user_email="new@example.gov.tw",
            declaration_agreed=True,
            supervisor_name="主管",
            supervisor_approved_on=TODAY - 30 * DAY,
        )
        app.save()  # routes it
        AccountApplication.objects.filter(pk=app.pk).update(status="received", received_date=TODAY - 20 * DAY)


def fixed_dataset(n):
    """n accounts; the same 10 + 10 + 5 account actions, 5 overdue applications and 1 reminder."""
    builder = Builder()
    staff(builder)
    for i in range(10):
        builder.add(181 + i)  # closed
    for i in range(10):
        builder.add(180 - WARNING_DAYS[i % 4])  # warned
    for _i in range(5):
        builder.add(1, departure=TODAY - 10 * DAY)  # suspended ex officio
    rest = n - len(builder.rows)
    for i in range(rest):
        builder.add(i % 60, session=i % 10 == 0)
    builder.save()
    overdue_applications(5)


def realistic_dataset(n):
    builder = Builder()
    staff(builder)
    for i in range(n - len(builder.rows)):
        bucket = i % 200
        if bucket < 158:  # 79 %: used the admin in the last 60 days
            builder.add(i % 60, session=i % 10 == 0)
        elif bucket < 182:  # 12 %: idle 60–165 days
            builder.add(60 + i % 106)
        elif bucket < 190:  # 4 %: 1 % at each warning threshold
            builder.add(180 - WARNING_DAYS[bucket % 4])
        elif bucket < 196:  # 3 %: past 180 days
            builder.add(181 + i % 300)
        elif bucket < 198:  # 1 %: left 10 days ago, not suspended
            builder.add(i % 30, departure=TODAY - 10 * DAY)
        else:  # 1 %: leaving within the grace period, or later
            builder.add(i % 30, departure=TODAY - DAY if bucket == 198 else TODAY + 30 * DAY)
    builder.save()
    overdue_applications(max(1, n // 2000))


def analyze():
    """Fresh planner statistics, as autovacuum keeps them in production (a bulk load is not)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def warm_up():
    """One small run first, so process-wide caches (content types, the matrix) are warm for all."""
    wipe()
    fixed_dataset(100)
    measure()
    wipe()


def measure():
    """Run the command for TODAY; (wall seconds, queries, actions)."""
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    out = io.StringIO()
    mail.outbox = []
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        call_command("enforce_account_rules", "--date", TODAY.isoformat(), stdout=out)
    wall = time.perf_counter() - started
    lines = out.getvalue().splitlines()
    actions = sum(1 for line in lines[:-1] if not line.startswith(("未停用", "執行失敗")))
    return wall, count[0], actions


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[2000, 20000])
    options = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/helper_rules_bench")
    ensure_database(url)
    setup_django()

    warm_up()
    results = {}
    header = (
        f"{'dataset':<10} {'N':>7} {'actions':>8} {'queries':>8} {'scan q':>7} {'q/action':>9} "
        f"{'wall s':>8} {'scan s':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, build in (("fixed", fixed_dataset), ("realistic", realistic_dataset)):
        for n in options.sizes:
            wipe()
            started = time.perf_counter()
            build(n)
            analyze()
            built = time.perf_counter() - started
            wall, queries, actions = measure()
            analyze()  # autovacuum would, after that many changes
            scan_wall, scan_queries, scan_actions = measure()  # the second run: nothing to do
            assert scan_actions == 0, "the second run acted again"
            per_action = (queries - scan_queries) / actions if actions else 0.0
            results[name, n] = (wall, queries, actions, scan_queries, per_action, scan_wall)
            print(
                f"{name:<10} {n:>7} {actions:>8} {queries:>8} {scan_queries:>7} {per_action:>9.2f} "
                f"{wall:>8.2f} {scan_wall:>7.2f}   (built in {built:.1f} s)"
            )
    small, large = min(options.sizes), max(options.sizes)
    if small != large:
        print()
        for name in ("fixed", "realistic"):
            a, b = results[name, small], results[name, large]
            print(
                f"{name}: N {large}/{small} = {large / small:.0f}x -> queries {b[1] / a[1]:.2f}x, "
                f"scan queries {b[3] / a[3]:.2f}x, queries/action {a[4]:.2f} vs {b[4]:.2f}, "
                f"wall {b[0] / a[0]:.2f}x, scan wall {b[5] / a[5]:.2f}x"
            )
    wipe()


if __name__ == "__main__":
    main()
