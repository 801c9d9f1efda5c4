"""The daily account rules: ``manage.py enforce_account_rules``.

Boundaries: 179 vs 180 days idle (and from activation when never used); warnings on exactly the
14th, 7th, 3rd and last day before closing and not on the 13th; a leaver on departure + 3 vs + 4
working days across a weekend and two holidays; an application on its deadline vs the day after;
a half-year without an audit. Running twice does nothing the second time; a dry run changes
nothing; accounts that need nothing cost no query; on PostgreSQL two runs at the same moment
(two threads, two connections) do each action once, with and without the advisory lock.

The transactional test is the last in this module (see the end): it commits, so the database
is saved before it and put back after the module, as in tests/governance/org/test_seat_race.py.
"""

import datetime
import io
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from site45.governance.accounts import daily_rules, lifecycle_log
from site45.governance.accounts import rule as skeleton
from site45.governance.accounts.activity import record_activity
from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.approval_effects import inactivity_reference_date, with_inactivity_reference
from site45.governance.accounts.daily_rules import InactivityWarner, accounts_near_inactivity_limit
from site45.governance.accounts.notices import RuleNotice
from site45.governance.accounts.semiannual_audit.audits import AccountAudit
from site45.governance.calendar.exceptions import CalendarException
from site45.governance.management.commands import enforce_account_rules as command_module
from tests.factories import application, make_member

User = get_user_model()
D = datetime.date
TODAY = D(2026, 3, 4)  # a Wednesday
DAY = datetime.timedelta(days=1)


def at(day, hour=10):
    """``day`` at ``hour`` o'clock in Taipei, as stored."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def account(username, unit="TW-TXG", *roles, joined=None, login=None, seen=None, email=True, **extra):
    """A member of ``unit``: joined (default 400 days before TODAY), last sign-in, last admin use."""
    user = make_member(unit, *roles, username=username, **extra)
    User.objects.filter(pk=user.pk).update(
        date_joined=at(joined or TODAY - 400 * DAY),
        last_login=at(login) if login else None,
        email=f"{username}@example.gov.tw" if email else "",
    )
    if seen:
        record_activity(user, at(seen))
    user.refresh_from_db()
    return user


def idle(username, days, today=TODAY, **extra):
    """An account last used ``days`` days before ``today`` (by its last sign-in)."""
    return account(username, login=today - days * DAY, **extra)


def run(*args, date=TODAY):
    out = io.StringIO()
    call_command("enforce_account_rules", "--date", date.isoformat(), *args, stdout=out)
    return out.getvalue()


def entries(action, obj=None):
    qs = ModelLogEntry.objects.filter(action=action)
    if obj is not None:
        qs = qs.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    return list(qs.order_by("timestamp", "pk"))


def mails_to(user):
    return [m for m in mail.outbox if user.email in m.to]


def received(app, day):
    """``app`` received on ``day`` and waiting for the reply."""
    AccountApplication.objects.filter(pk=app.pk).update(status=AccountApplication.RECEIVED, received_date=day)


def active(user):
    return User.objects.filter(pk=user.pk, is_active=True).exists()


@pytest.fixture(autouse=True)
def last_half_year_audited(db):
    """An audit in 2025's second half, so the reminder stays quiet unless a test removes it."""
    audit = AccountAudit.objects.create(title="2025 下半年帳號清查", status=AccountAudit.APPLIED)
    AccountAudit.objects.filter(pk=audit.pk).update(opened_at=at(D(2025, 10, 1)))
    return audit


# --- what counts as use -----------------------------------------------------------------------------


def test_reference_date_is_the_latest_use_in_one_definition(db):
    never = account("never", joined=D(2025, 1, 10))
    signed_in = account("signed-in", joined=D(2025, 1, 10), login=D(2025, 6, 1))
    remembered = account("remembered", joined=D(2025, 1, 10), login=D(2025, 6, 1), seen=D(2025, 12, 24))
    restored = account("restored", joined=D(2025, 1, 10), login=D(2025, 6, 1), is_active=False)
    app = application("TW-TXG", change_type=AccountApplication.RESTORE, account_name="restored", perm_editor=False)
    AccountApplication.objects.filter(pk=app.pk).update(result=AccountApplication.APPROVED, reply_date=D(2025, 8, 8))
    relogged = account("relogged", joined=D(2025, 1, 10), login=D(2025, 6, 1))
    lifecycle_log.log_event(relogged, lifecycle_log.ACCOUNT_RESTORED, reason="test")
    ModelLogEntry.objects.filter(action=lifecycle_log.ACCOUNT_RESTORED).update(timestamp=at(D(2025, 9, 9)))
    # 17:00 UTC on 5 September is 01:00 on 6 September in Taipei: the local date counts.
    late = account("late-night", joined=D(2025, 1, 10))
    User.objects.filter(pk=late.pk).update(last_login=datetime.datetime(2025, 9, 5, 17, 0, tzinfo=datetime.UTC))

    expected = {
        never: D(2025, 1, 10),
        signed_in: D(2025, 6, 1),
        remembered: D(2025, 12, 24),
        restored: D(2025, 8, 8),
        relogged: D(2025, 9, 9),
        late: D(2025, 9, 6),
    }
    annotated = dict(
        with_inactivity_reference(User.objects.filter(pk__in=[u.pk for u in expected])).values_list(
            "username", "inactivity_reference"
        )
    )
    for user, date in expected.items():
        assert annotated[user.username] == date, user.username
        assert inactivity_reference_date(user) == date, user.username


# --- closing after 180 days ---------------------------------------------------------------------------


def test_179_days_idle_is_kept_and_180_is_closed_with_the_reason_logged(db):
    kept = idle("idle-179", 179)
    closed = idle("idle-180", 180)
    far = idle("idle-400", 400)
    session = SessionStore()
    session["_auth_user_id"] = str(closed.pk)
    session.create()
    other = SessionStore()
    other["_auth_user_id"] = str(kept.pk)
    other.create()

    out = run()

    assert active(kept) and not active(closed) and not active(far)
    entry = entries(lifecycle_log.ACCOUNT_CLOSED_INACTIVE, closed)[0]
    assert entry.user is None  # the system, not a person
    assert entry.data["reason"] == "自 2025-09-05 起 180 天未使用後台"
    assert entry.data["reference_date"] == "2025-09-05" and entry.data["idle_days"] == 180
    assert not entries(lifecycle_log.ACCOUNT_CLOSED_INACTIVE, kept)
    assert "閒置逾期停用帳號：idle-180" in out and "自 2025-09-05 起 180 天未使用後台" in out
    assert "閒置逾期停用帳號：idle-179" not in out and "閒置停用預告：idle-179" in out  # its last warning
    # The closed account's sessions are gone; others' are not.
    assert not Session.objects.filter(session_key=session.session_key).exists()
    assert Session.objects.filter(session_key=other.session_key).exists()
    (closed_mail,) = mails_to(closed)
    assert "已因閒置停用" in closed_mail.subject and "恢復使用" in closed_mail.body


def test_an_account_never_used_counts_from_activation(db):
    young = account("joined-179", joined=TODAY - 179 * DAY)
    old = account("joined-180", joined=TODAY - 180 * DAY)
    run()
    assert active(young) and not active(old)
    assert (
        entries(lifecycle_log.ACCOUNT_CLOSED_INACTIVE, old)[0]
        .data["reason"]
        .startswith(f"自 {TODAY - 180 * DAY} 起 180 天")
    )


def test_admin_use_in_a_remembered_session_and_a_restore_keep_the_account(db):
    remembered = account("remembered", login=TODAY - 300 * DAY, seen=TODAY - 10 * DAY)
    restored = account("restored", login=TODAY - 400 * DAY)
    app = application("TW-TXG", change_type=AccountApplication.RESTORE, account_name="restored", perm_editor=False)
    AccountApplication.objects.filter(pk=app.pk).update(result=AccountApplication.APPROVED, reply_date=TODAY - 20 * DAY)
    run()
    assert active(remembered) and active(restored)


def test_operator_superusers_are_exempt_and_the_last_superuser_is_never_closed(db):
    operator = User.objects.create_superuser("operator", "ops@example.gov.tw", "pw-for-tests-only-123")
    User.objects.filter(pk=operator.pk).update(date_joined=at(TODAY - 900 * DAY))
    out = run()
    assert active(operator) and "operator" not in out  # no membership: outside the rules

    admin = idle("sysadmin", 200, unit="wda-dsted", account_role="wda_officer")
    User.objects.filter(pk=admin.pk).update(is_superuser=True)
    User.objects.filter(pk=operator.pk).update(is_active=False)  # now the admin is the only superuser
    out = run()
    assert active(admin)
    assert "未停用：sysadmin" in out and "最後一個有效的系統總管理者帳號不自動停用" in out
    assert not entries(lifecycle_log.ACCOUNT_CLOSED_INACTIVE, admin)

    User.objects.filter(pk=operator.pk).update(is_active=True)  # another superuser: the rule applies
    run()
    assert not active(admin)


# --- warnings ----------------------------------------------------------------------------------------


def test_warnings_go_out_exactly_14_7_3_and_1_days_before_and_the_account_closes_on_the_day(db):
    reference = TODAY - 160 * DAY  # closes on reference + 180 = TODAY + 20
    user = account("drifting", login=reference)
    closing = reference + 180 * DAY
    warned_on, closed_on = [], None
    for offset in range(0, 22):
        day = TODAY + offset * DAY
        before = len(mails_to(user))
        run(date=day)
        if len(mails_to(user)) > before and active(user):
            warned_on.append((closing - day).days)
        if not active(user) and closed_on is None:
            closed_on = day
    assert warned_on == [14, 7, 3, 1]  # not 13, not 2, …
    assert closed_on == closing
    warnings = entries(lifecycle_log.INACTIVITY_WARNING, user)
    assert [e.data["band"] for e in warnings] == [14, 7, 3, 1]
    assert warnings[0].data["reason"] == f"自 {reference} 起 166 天未使用後台，帳號將於 {closing} 停用（14 天前預告）"
    first = mails_to(user)[0]
    assert "14 天後因閒置停用" in first.subject and str(closing) in first.body and "登入後台" in first.body


def test_no_warning_on_the_13th_day_after_the_14th_day_warning(db):
    user = account("warned", login=TODAY - 166 * DAY)  # 14 days left today
    assert "閒置停用預告：warned" in run()
    assert "warned" not in run(date=TODAY + DAY)  # 13 days left
    assert len(mails_to(user)) == 1


def test_a_missed_day_sends_that_bands_warning_once_a_day_late(db):
    user = account("late", login=TODAY - 167 * DAY)  # 13 days left: the 14-day run was missed
    run()
    run(date=TODAY + DAY)
    assert [e.data["days_left"] for e in entries(lifecycle_log.INACTIVITY_WARNING, user)] == [13]


def test_a_user_who_comes_back_and_drifts_off_again_is_warned_again(db):
    user = account("returning", login=TODAY - 166 * DAY)
    run()
    User.objects.filter(pk=user.pk).update(last_login=at(TODAY))  # signs in today…
    later = TODAY + 166 * DAY  # … and is idle again, 14 days before the new closing date
    run(date=later)
    keys = sorted(RuleNotice.objects.filter(kind=RuleNotice.INACTIVITY_WARNING).values_list("key", flat=True))
    assert keys == [f"{TODAY - 166 * DAY}:{user.pk}:14", f"{TODAY}:{user.pk}:14"]
    assert len(mails_to(user)) == 2


def test_accounts_near_the_limit_for_the_dashboard(db):
    idle("soon", 170)
    idle("due", 181, is_active=False)  # inactive: not listed
    idle("fine", 100)
    near = accounts_near_inactivity_limit(TODAY)
    assert [(u.username, u.inactivity_closes_on, u.inactivity_days_left) for u in near] == [
        ("soon", TODAY + 10 * DAY, 10)
    ]
    assert [u.username for u in accounts_near_inactivity_limit(TODAY, within_days=5)] == []


# --- leavers ---------------------------------------------------------------------------------------


@pytest.fixture
def spring_holidays(db):
    """2026: 兒童節 and 清明節 fall on the weekend, observed on Fri 4/3 and Mon 4/6."""
    for day, name in ((D(2026, 4, 3), "兒童節補假"), (D(2026, 4, 6), "清明節補假")):
        CalendarException.objects.update_or_create(date=day, defaults={"kind": CalendarException.HOLIDAY, "name": name})


def test_leaver_is_suspended_ex_officio_on_the_4th_working_day_not_the_3rd(spring_holidays):
    manager = account("ccn-manager", "br-ccn", "account_manager", account_role="wda_officer", login=D(2026, 4, 1))
    departure = D(2026, 4, 2)  # Thu; Fri 4/3 and Mon 4/6 off, Tue 7 = 1, Wed 8 = 2, Thu 9 = 3, Fri 10 = 4
    leaver = account("txg-leaver", login=D(2026, 4, 1), departure_date=departure)
    session = SessionStore()
    session["_auth_user_id"] = str(leaver.pk)
    session.create()

    for day in (D(2026, 4, 3), D(2026, 4, 6), D(2026, 4, 9)):
        run(date=day)
        assert active(leaver), day
    out = run(date=D(2026, 4, 10))
    assert not active(leaver)
    assert "依職權逕予停用帳號：txg-leaver" in out
    (entry,) = entries(lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO, leaver)
    assert entry.user is None
    assert entry.data["reason"] == "離職日期 2026-04-02 已逾 3 個工作日未申請停用，依職權逕予停用"
    assert entry.data["grace_deadline"] == "2026-04-09"
    assert not Session.objects.filter(session_key=session.session_key).exists()
    (notice,) = mails_to(manager)
    assert "txg-leaver" in notice.body and "2026-04-09" in notice.body
    assert mails_to(leaver) == []


def test_a_weekend_alone_also_counts(db):
    leaver = account("fri-leaver", login=D(2026, 3, 5), departure_date=D(2026, 3, 6))  # Fri
    run(date=D(2026, 3, 11))  # Mon 9 = 1, Tue 10 = 2, Wed 11 = 3
    assert active(leaver)
    run(date=D(2026, 3, 12))  # Thu = 4
    assert not active(leaver)


def test_a_leaver_restored_after_leaving_is_not_suspended_again(db):
    returned = account("returned", login=TODAY - DAY, departure_date=TODAY - 30 * DAY)
    app = application("TW-TXG", change_type=AccountApplication.RESTORE, account_name="returned", perm_editor=False)
    AccountApplication.objects.filter(pk=app.pk).update(result=AccountApplication.APPROVED, reply_date=TODAY - 5 * DAY)
    out = run()
    assert active(returned)
    assert f"未停用：returned（#{returned.pk}）｜離職日期 {TODAY - 30 * DAY} 之後已於 {TODAY - 5 * DAY} 恢復使用" in out
    assert "執行 0 項" in out


def test_no_departure_date_or_a_future_one_is_left_alone(db):
    staying = account("staying", login=TODAY - DAY)
    leaving = account("leaving", login=TODAY - DAY, departure_date=TODAY + 10 * DAY)
    run()
    assert active(staying) and active(leaving)


# --- overdue applications -------------------------------------------------------------------------


def test_an_overdue_application_is_flagged_once_to_the_manager_and_the_system_admin(db):
    manager = account("ccn-manager", "br-ccn", "account_manager", account_role="wda_officer", login=TODAY)
    admin = account("sysadmin", "wda-dsted", "system_admin", account_role="wda_officer", login=TODAY)
    other_manager = account("kpt-manager", "br-kpt", "account_manager", account_role="wda_officer", login=TODAY)
    app = application("TW-TXG")
    # Received Fri 2/13: 春節 and 和平紀念日 off, the 5th working day after is Mon 3/2.
    for day, name in [(D(2026, 2, d), "春節") for d in range(14, 23)] + [(D(2026, 2, 27), "和平紀念日補假")]:
        CalendarException.objects.create(date=day, kind=CalendarException.HOLIDAY, name=name)
    received(app, D(2026, 2, 13))

    assert "帳號申請逾期未回覆" not in run(date=D(2026, 3, 2))  # the deadline itself
    out = run(date=D(2026, 3, 3))
    assert f"帳號申請逾期未回覆：帳號申請第 {app.pk} 號" in out
    assert "收件日期 2026-02-13，回覆期限 2026-03-02，逾期未回覆" in out
    (entry,) = entries(lifecycle_log.APPLICATION_OVERDUE, app)
    assert entry.data["deadline"] == "2026-03-02" and set(entry.data["notified"]) == {manager.pk, admin.pk}
    (flag,) = [m for m in mail.outbox if "逾期未回覆" in m.subject]
    assert set(flag.to) == {manager.email, admin.email} and other_manager.email not in flag.to
    assert "陳小華" not in flag.body  # no applicant's personal data in mail

    assert "帳號申請逾期未回覆" not in run(date=D(2026, 3, 4))
    assert len(entries(lifecycle_log.APPLICATION_OVERDUE, app)) == 1


# --- the audit reminder ----------------------------------------------------------------------------


def test_a_half_year_without_an_audit_reminds_the_auditor_and_admin_once(db, last_half_year_audited):
    auditor = account("auditor", "wda-dsted", "account_auditor", account_role="wda_officer", login=TODAY)
    admin = account("sysadmin", "wda-dsted", "system_admin", account_role="wda_officer", login=TODAY)
    assert "帳號清查提醒" not in run()  # 2025's second half was audited

    last_half_year_audited.delete()
    out = run()
    assert "帳號清查提醒：auditor" in out and "2025 年下半年未辦理帳號清查" in out
    (entry,) = entries(lifecycle_log.AUDIT_REMINDER, auditor)
    assert entry.data["reason"] == "2025 年下半年未辦理帳號清查" and entry.data["due_date"] == "2026-06-30"
    (reminder,) = [m for m in mail.outbox if "帳號清查提醒" in m.subject]
    assert set(reminder.to) == {auditor.email, admin.email}

    assert "帳號清查提醒" not in run(date=TODAY + DAY)
    assert RuleNotice.objects.get(kind=RuleNotice.AUDIT_REMINDER).key == "2025-H2"


def test_the_reminder_waits_for_the_end_of_the_half_year_and_comes_the_day_after(db, last_half_year_audited):
    auditor = account("auditor", "wda-dsted", "account_auditor", account_role="wda_officer", login=TODAY)
    # Only 2025's first half was audited.
    AccountAudit.objects.filter(pk=last_half_year_audited.pk).update(opened_at=at(D(2025, 3, 1)))
    assert "帳號清查提醒" not in run(date=D(2025, 12, 31))  # the second half's last day: not missed yet
    out = run(date=D(2026, 1, 1))
    assert f"帳號清查提醒：auditor（#{auditor.pk}）｜2025 年下半年未辦理帳號清查" in out


# --- unconfirmed online filings -----------------------------------------------------------------------


def test_an_unconfirmed_filing_is_kept_while_its_link_is_valid_and_deleted_after(db, settings):
    settings.ACCOUNT_APPLICATION_CONFIRM_HOURS = 48
    valid = application("TW-TXG", account_name="still-valid")
    expired = application("TW-TXG", account_name="just-expired")
    now = timezone.now()
    ages = {valid: datetime.timedelta(hours=47, minutes=58), expired: datetime.timedelta(hours=48, minutes=2)}
    for app, age in ages.items():
        AccountApplication.objects.filter(pk=app.pk).update(
            status=AccountApplication.UNCONFIRMED, filed_online=True, created_at=now - age
        )
    out = io.StringIO()
    call_command("enforce_account_rules", stdout=out)
    assert "刪除未確認的線上申請：1 份｜確認連結逾 48 小時未使用" in out.getvalue()
    assert AccountApplication.objects.filter(pk=valid.pk).exists()
    assert not AccountApplication.objects.filter(pk=expired.pk).exists()


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture
def a_bit_of_everything(db):
    account("ccn-manager", "br-ccn", "account_manager", account_role="wda_officer", login=TODAY)
    users = {
        "closed": idle("to-close", 200),
        "warned": idle("to-warn", 173),  # 7 days left
        "leaver": account("to-suspend", login=TODAY - DAY, departure_date=TODAY - 10 * DAY),
        "fine": idle("fine", 20),
    }
    app = application("TW-TXG")
    received(app, TODAY - 20 * DAY)
    AccountAudit.objects.all().delete()
    return users, app


def test_a_second_run_does_nothing(a_bit_of_everything):
    first = run()
    assert "執行 5 項" in first
    logged = ModelLogEntry.objects.count()
    sent = len(mail.outbox)
    notices = RuleNotice.objects.count()

    second = run()

    assert second.strip() == f"帳號規則（{TODAY}）：執行 0 項，無須處理。"
    assert (ModelLogEntry.objects.count(), len(mail.outbox), RuleNotice.objects.count()) == (logged, sent, notices)


def test_dry_run_prints_what_it_would_do_and_changes_nothing(a_bit_of_everything):
    users, app = a_bit_of_everything
    logged = ModelLogEntry.objects.count()
    out = run("--dry-run")
    for line in (
        "（試跑，將執行）閒置逾期停用帳號：to-close",
        "（試跑，將執行）閒置停用預告：to-warn",
        "（試跑，將執行）依職權逕予停用帳號：to-suspend",
        f"（試跑，將執行）帳號申請逾期未回覆：帳號申請第 {app.pk} 號",
        "（試跑，將執行）帳號清查提醒：",
    ):
        assert line in out, line
    assert f"帳號規則試跑（{TODAY}）：將執行 5 項" in out
    assert all(active(u) for u in users.values())
    assert ModelLogEntry.objects.count() == logged and not RuleNotice.objects.exists() and mail.outbox == []


def test_a_mail_failure_does_not_stop_the_run(a_bit_of_everything, monkeypatch):
    users, _app = a_bit_of_everything

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("site45.core.mail.send_mail", broken)
    out = run()
    assert "寄信失敗" in out and "執行 5 項" in out
    assert not active(users["closed"]) and not active(users["leaver"])


@pytest.mark.parametrize("value", ["2026/03/04", "20260304", "2026-02-30", "tomorrow"])
def test_bad_dates_are_refused_clearly(db, value):
    with pytest.raises(CommandError) as info:
        call_command("enforce_account_rules", "--date", value, stdout=io.StringIO())
    assert "--date" in str(info.value) and value in str(info.value)


# --- cost -----------------------------------------------------------------------------------------


def queries_of_a_run(date=TODAY):
    with CaptureQueriesContext(connection) as captured:
        run(date=date)
    return len(captured)


def test_accounts_that_need_nothing_cost_no_query_of_their_own(db):
    def crowd(prefix, n):
        for i in range(n):
            idle(f"{prefix}-recent-{i}", i % 150)  # used recently
            warned = idle(f"{prefix}-warned-{i}", 167)  # in the 14-day band, already warned
            RuleNotice.objects.create(
                kind=RuleNotice.INACTIVITY_WARNING, key=InactivityWarner.warning_key(TODAY - 167 * DAY, warned.pk, 14)
            )
            # left on Fri 2/27, seen on Wed 3/4: 3 working days, the last day of the grace period
            account(f"{prefix}-leaving-{i}", login=TODAY, departure_date=D(2026, 2, 27))

    crowd("a", 2)
    small = queries_of_a_run()
    crowd("b", 20)
    large = queries_of_a_run()
    assert small == large
    assert User.objects.filter(is_active=True).count() == 66


def test_each_action_costs_the_same_number_of_queries(db):
    idle("warm-up", 200)
    run()  # caches (content types, the matrix) are warm from here on
    counts = []
    for n in (1, 2, 3):
        for i in range(n):
            idle(f"close-{n}-{i}", 200)
        counts.append(queries_of_a_run())
    assert counts[2] - counts[1] == counts[1] - counts[0] > 0


# --- two runs at once (PostgreSQL: two threads, two connections) ------------------------------------
# Last in the module: a transactional test commits, and pytest-django empties the database after
# it; ``database_put_back`` saves it before and restores it after the module (tests/db_snapshot.py).

TIMEOUT = 30


def concurrently(attempt, times=2):
    """``attempt()`` ``times`` times: at once in threads (own connections) on PostgreSQL, one
    after the other on SQLite. Returns ``[("won", value) or (exception class, exception), …]``."""
    results = [None] * times

    def one(index):
        try:
            results[index] = ("won", attempt())
        except Exception as e:
            results[index] = (type(e), e)
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.close()

    if connection.vendor != "postgresql":
        for index in range(times):
            one(index)
        return results
    threads = [threading.Thread(target=one, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT * 2)
        assert not thread.is_alive(), "a node hung"
    return results


def race_data(tag):
    if not User.objects.filter(username="ccn-manager").exists():  # one seat per unit
        account("ccn-manager", "br-ccn", "account_manager", account_role="wda_officer", login=TODAY)
    idle(f"{tag}-close-1", 200)
    idle(f"{tag}-close-2", 190)
    idle(f"{tag}-warn", 166)
    account(f"{tag}-leaver", login=TODAY - DAY, departure_date=TODAY - 10 * DAY)
    app = application("TW-TXG")
    received(app, TODAY - 20 * DAY)


def action_counts():
    return {
        action: ModelLogEntry.objects.filter(action=action).count()
        for action in (
            lifecycle_log.ACCOUNT_CLOSED_INACTIVE,
            lifecycle_log.INACTIVITY_WARNING,
            lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO,
            lifecycle_log.APPLICATION_OVERDUE,
            lifecycle_log.AUDIT_REMINDER,
        )
    }


EACH_ONCE = {
    lifecycle_log.ACCOUNT_CLOSED_INACTIVE: 2,
    lifecycle_log.INACTIVITY_WARNING: 1,
    lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO: 1,
    lifecycle_log.APPLICATION_OVERDUE: 1,
    lifecycle_log.AUDIT_REMINDER: 0,
}


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_do_each_action_once(monkeypatch, database_put_back):
    on_postgres = connection.vendor == "postgresql"

    # 1. With the advisory lock: the second node finds it taken and does nothing.
    race_data("locked")
    has_lock, other_done = threading.Event(), threading.Event()
    real_run_rules = command_module.run_rules

    def run_rules_holding_the_lock(*args, **kwargs):
        has_lock.set()
        other_done.wait(TIMEOUT)  # keep the lock until the other node has tried
        return real_run_rules(*args, **kwargs)

    def first_node():
        return run()

    def second_node():
        try:
            assert has_lock.wait(TIMEOUT)
            return run()
        finally:
            other_done.set()

    if on_postgres:
        monkeypatch.setattr(command_module, "run_rules", run_rules_holding_the_lock)
        nodes = iter([first_node, second_node])
        pick = threading.Lock()

        def node():
            with pick:
                chosen = next(nodes)
            return chosen()

        (first, first_out), (second, second_out) = concurrently(node)
        monkeypatch.setattr(command_module, "run_rules", real_run_rules)
        assert (first, second) == ("won", "won"), (first_out, second_out)
        outputs = sorted([first_out, second_out], key=lambda o: "另一個節點" in o)
        assert "執行 5 項" in outputs[0]
        assert outputs[1].strip() == "另一個節點正在執行帳號規則，本次不執行。"
    else:  # SQLite serialises writes: one run after the other
        run()
        run()
    assert action_counts() == EACH_ONCE

    # 2. Without the lock (say, behind PgBouncer in transaction pooling, where a session's
    # advisory lock does not hold): both nodes scan, then race for the same rows; row locks and
    # the notices' unique key still let each action happen once.
    before = action_counts()
    race_data("unlocked")
    monkeypatch.setattr(command_module, "exclusive_run", lambda: _always())
    if on_postgres:
        both_scanned = threading.Barrier(2, timeout=TIMEOUT)
        waited = threading.local()
        for module, name in ((daily_rules, "_lock_active"), (skeleton, "claim_notice")):
            real = getattr(module, name)
            monkeypatch.setattr(module, name, _after_barrier(real, both_scanned, waited, name))
    results = concurrently(run)
    assert [outcome for outcome, _value in results] == ["won", "won"], results
    assert {action: n - before[action] for action, n in action_counts().items()} == EACH_ONCE
    outputs = [value for _outcome, value in results]
    assert sum(o.count("閒置逾期停用帳號：") for o in outputs) == 2
    assert sum(o.count("閒置停用預告：") for o in outputs) == 1
    warned = User.objects.get(username="unlocked-warn")
    assert len(mails_to(warned)) == 1


class _always:
    def __enter__(self):
        return True

    def __exit__(self, *exc):
        return False


def _after_barrier(real, barrier, waited, name):
    def wrapper(*args, **kwargs):
        if not getattr(waited, name, False):
            setattr(waited, name, True)
            barrier.wait()  # both nodes have their candidates; now both act on them
        return real(*args, **kwargs)

    return wrapper


def test_unconfirmed_online_filings_are_deleted_once_their_link_has_expired(site_tree, settings):
    import datetime as dt

    from site45.governance.accounts.applications import AccountApplication
    from tests.factories import application

    settings.ACCOUNT_APPLICATION_CONFIRM_HOURS = 48
    stale = application("TW-TXG", account_name="stale-filing")
    fresh = application("TW-TXG", account_name="fresh-filing")
    confirmed = application("TW-TXG", account_name="confirmed-filing")
    AccountApplication.objects.filter(pk__in=[stale.pk, fresh.pk]).update(
        status=AccountApplication.UNCONFIRMED, filed_online=True
    )
    AccountApplication.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        created_at=timezone.now() - dt.timedelta(hours=49)
    )

    dry = io.StringIO()
    call_command("enforce_account_rules", "--dry-run", stdout=dry)
    assert "刪除未確認的線上申請" in dry.getvalue() and AccountApplication.objects.filter(pk=stale.pk).exists()

    out = io.StringIO()
    call_command("enforce_account_rules", stdout=out)
    assert "刪除未確認的線上申請：1 份" in out.getvalue()
    assert set(AccountApplication.objects.values_list("account_name", flat=True)) >= {
        "fresh-filing",
        "confirmed-filing",
    }
    assert not AccountApplication.objects.filter(pk=stale.pk).exists()
