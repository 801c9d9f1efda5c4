"""The semiannual account audit (SPEC §6 帳號清查), through the real admin views.

The hq_special account auditor (wda-dsted) opens an audit: every active account is frozen with
its unit, role, permissions and last activity, and later changes leave the snapshot alone.
Entries are marked page by page and by unit; applying suspends exactly the accounts marked
suspend (sessions ended, logged with the note) and makes the audit read-only. Exports are
read back (CSV with BOM, XLSX through openpyxl), formula-looking text included. An editor, an
account manager and anonymous visitors are refused on every view; opening costs the same
number of queries for 20 or 200 accounts; bad input gives a message or a 4xx, never a 500.
"""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from site45.governance.accounts.activity import AccountActivity
from site45.governance.accounts.lifecycle_log import ACCOUNT_SUSPENDED_BY_AUDIT, AUDIT_APPLIED, AUDIT_OPENED
from site45.governance.accounts.semiannual_audit import audits
from site45.governance.accounts.semiannual_audit.audits import AccountAudit, AccountAuditEntry, half_year_of, open_audit
from site45.governance.models import Membership, Unit
from tests.factories import make_member

User = get_user_model()
KEEP, SUSPEND, UNDECIDED = AccountAuditEntry.KEEP, AccountAuditEntry.SUSPEND, AccountAuditEntry.UNDECIDED


def url(name, *args):
    return reverse(f"account_audits:{name}", args=args)


@pytest.fixture
def auditor(site_tree):
    return make_member("wda-dsted", "account_auditor", account_role="wda_officer", username="hq-auditor")


@pytest.fixture
def auditor_client(client, auditor):
    client.force_login(auditor)
    return client


@pytest.fixture
def staff(site_tree):
    """A few accounts of two units, one inactive, one without a unit."""
    now = timezone.now()
    people = {
        "txg_editor": make_member("TW-TXG", "editor", username="txg-editor", account_role="county_officer"),
        "txg_reviewer": make_member(
            "TW-TXG", "unit_reviewer", "editor", username="txg-reviewer", account_role="county_supervisor"
        ),
        "khh_editor": make_member(
            "TW-KHH", "editor", username="khh-editor", account_role="other", account_role_other="約用人員"
        ),
        "gone": make_member("TW-TXG", "editor", username="txg-gone", is_active=False),
        "loose": User.objects.create_user("no-unit", first_name="小明", last_name="王"),
    }
    editor = people["txg_editor"]
    editor.first_name, editor.last_name = "俊傑", "劉"
    editor.last_login = now - datetime.timedelta(days=30)
    editor.save()
    AccountActivity.objects.create(user=editor, last_seen_at=now - datetime.timedelta(days=2))
    reviewer = people["txg_reviewer"]
    reviewer.last_login = now - datetime.timedelta(days=1)
    reviewer.save()
    AccountActivity.objects.create(user=reviewer, last_seen_at=now - datetime.timedelta(days=9))
    return people


def assert_refused(response, address=""):
    """Wagtail answers a refusal in its admin with a redirect to the dashboard (and a message)."""
    assert response.status_code in (302, 403), (address, response.status_code)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), (address, response["Location"])


def open_through_admin(client, title=""):
    response = client.post(url("add"), {"title": title}, follow=True)
    assert response.status_code == 200
    return AccountAudit.objects.order_by("-pk").first(), response.content.decode()


def entry(audit, username):
    return audit.entries.get(username=username)


def save_page(client, audit, rows, **extra):
    """POST the page form: rows = {entry: (decision, note)}."""
    data = {"entry": [str(e.pk) for e in rows], **extra}
    for e, (decision, note) in rows.items():
        data[f"decision-{e.pk}"] = decision
        data[f"note-{e.pk}"] = note
    return client.post(url("mark", audit.pk), data, follow=True)


# --- who ------------------------------------------------------------------------------------------


def test_menu_item_and_views_only_for_the_auditor_and_the_system_admin(client, auditor, staff):
    sysadmin = make_member("wda-dsted", "system_admin", username="sys-admin", account_role="wda_supervisor")
    superuser = User.objects.create_superuser("root", password="pw-for-tests-only-123")
    for user in (auditor, sysadmin, superuser):
        client.force_login(user)
        assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
        assert client.get(url("index")).status_code == 200
    assert audits.may_audit(sysadmin) and audits.may_audit(superuser)
    assert set(audits.auditors()) >= {auditor, sysadmin, superuser}
    manager = make_member("wda-dsted", "account_manager", username="hq-manager", account_role="wda_supervisor")
    assert not audits.may_audit(manager)
    assert manager not in audits.auditors()


def test_outsiders_are_refused_on_every_view(client, auditor, staff):
    audit = open_audit(auditor)
    target = entry(audit, "txg-editor")
    manager = make_member("br-ccn", "account_manager", username="ccn-manager", account_role="wda_supervisor")
    get_urls = [
        url("index"),
        url("add"),
        url("entries", audit.pk),
        url("entries_results", audit.pk),
        url("apply", audit.pk),
        url("export_csv", audit.pk),
        url("export_xlsx", audit.pk),
        url("history", audit.pk),
        url("history_results", audit.pk),
        url("usage", audit.pk),
        url("edit", audit.pk),
        url("delete", audit.pk),
    ]
    post_requests = [
        (url("add"), {"title": "偷開"}),
        (url("mark", audit.pk), {"entry": [target.pk], f"decision-{target.pk}": SUSPEND, f"note-{target.pk}": "x"}),
        (url("mark_unit", audit.pk), {"unit": "TW-TXG", "decision": SUSPEND, "note": "x"}),
        (url("apply", audit.pk), {"expected_suspensions": "0"}),
        (url("delete", audit.pk), {}),
    ]
    for user in (staff["txg_editor"], manager):
        client.force_login(user)
        assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()
        for address in get_urls:
            assert_refused(client.get(address), address)
        for address, data in post_requests:
            assert_refused(client.post(address, data), address)
    client.logout()
    for address in get_urls:
        response = client.get(address)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], address
    for address, data in post_requests:
        response = client.post(address, data)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], address
    target.refresh_from_db()
    audit.refresh_from_db()
    assert target.decision == UNDECIDED and audit.is_open and AccountAudit.objects.count() == 1


def test_an_edit_or_delete_of_an_audit_is_refused_even_to_the_auditor(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    assert_refused(auditor_client.get(url("edit", audit.pk)))
    assert_refused(auditor_client.post(url("delete", audit.pk)))
    assert AccountAudit.objects.filter(pk=audit.pk).exists()


# --- opening --------------------------------------------------------------------------------------


def test_opening_freezes_exactly_the_active_accounts(auditor_client, staff):
    page = auditor_client.get(url("add")).content.decode()
    year, half = half_year_of(timezone.localdate())
    default = f"{year} 年{'上' if half == 1 else '下'}半年帳號清查"
    assert default in page and "啟用中帳號" in page

    audit, page = open_through_admin(auditor_client)
    assert audit.title == default and audit.is_open and audit.opened_by.username == "hq-auditor"
    assert "已開始" in page and "txg-editor" in page

    active = set(User.objects.filter(is_active=True).values_list("username", flat=True))
    assert set(audit.entries.values_list("username", flat=True)) == active
    assert "txg-gone" not in active and "no-unit" in active

    editor = entry(audit, "txg-editor")
    assert (editor.full_name, editor.unit_code, editor.unit_name) == (
        "劉俊傑",
        "TW-TXG",
        Unit.objects.get(code="TW-TXG").name_zh,
    )
    assert editor.account_role == "縣市政府業務承辦人員" and editor.roles == "一般承辦人員"
    # The later of the last sign-in and the last admin use, whichever it is.
    assert editor.last_activity == AccountActivity.objects.get(user=staff["txg_editor"]).last_seen_at
    reviewer = entry(audit, "txg-reviewer")
    assert reviewer.last_activity == User.objects.get(username="txg-reviewer").last_login
    assert reviewer.roles == "單位審核人員、一般承辦人員" and reviewer.account_role == "縣市政府主管"
    assert entry(audit, "khh-editor").account_role == "其他：約用人員"
    loose = entry(audit, "no-unit")
    assert (loose.unit_code, loose.roles, loose.full_name, loose.last_activity) == ("", "", "王小明", None)
    assert loose.account_status == "啟用（從未使用）" and editor.account_status == "啟用"
    assert entry(audit, "hq-auditor").roles == "帳號清查者"
    assert set(audit.entries.values_list("decision", flat=True)) == {UNDECIDED}

    opened = ModelLogEntry.objects.get(object_id=str(audit.pk), action=AUDIT_OPENED)
    assert opened.user.username == "hq-auditor" and opened.data["accounts"] == len(active)


def test_the_snapshot_does_not_follow_later_changes(auditor_client, staff):
    audit, _page = open_through_admin(auditor_client, "2026 年下半年帳號清查")
    membership = staff["txg_reviewer"].membership
    membership.is_unit_reviewer = False
    membership.unit = Unit.objects.get(code="TW-KHH")
    membership.account_role = "county_officer"
    membership.departure_date = datetime.date(2026, 12, 1)
    membership.save()
    User.objects.filter(username="txg-reviewer").update(first_name="改名")
    frozen = entry(audit, "txg-reviewer")
    assert (frozen.unit_code, frozen.roles, frozen.account_role, frozen.account_status, frozen.full_name) == (
        "TW-TXG",
        "單位審核人員、一般承辦人員",
        "縣市政府主管",
        "啟用",
        "",
    )


def test_the_snapshot_counts_a_restore_as_use_like_the_daily_rules(auditor, staff):
    """Last use is one definition (``accounts.approval_effects.last_use``): a restore counts, for the
    180-day rule and in the audit alike."""
    from site45.governance.accounts import lifecycle_log
    from site45.governance.accounts.approval_effects import inactivity_reference_date

    restored_at = timezone.now()  # after the accounts were made: the restore is the last use
    for user in (staff["txg_editor"], staff["loose"]):  # last used 2 days ago; never used
        lifecycle_log.log_event(user, lifecycle_log.ACCOUNT_RESTORED, reason="恢復使用")
    ModelLogEntry.objects.filter(action=lifecycle_log.ACCOUNT_RESTORED).update(timestamp=restored_at)

    audit = open_audit(auditor)

    for user in (staff["txg_editor"], staff["loose"]):
        frozen = entry(audit, user.username)
        assert frozen.last_activity == restored_at and frozen.account_status == "啟用"
        assert timezone.localdate(frozen.last_activity) == inactivity_reference_date(user)
    # Without a restore, as before: the later of the last sign-in and the last admin use.
    reviewer = entry(audit, "txg-reviewer")
    assert reviewer.last_activity == User.objects.get(username="txg-reviewer").last_login


def test_a_departure_date_is_part_of_the_status(auditor, staff):
    Membership.objects.filter(user=staff["khh_editor"]).update(departure_date=datetime.date(2026, 7, 15))
    audit = open_audit(auditor)
    assert entry(audit, "khh-editor").account_status == "啟用；離職或調離日期：2026-07-15"


def test_a_second_audit_cannot_be_opened_while_one_is_open(auditor_client, auditor, staff):
    first = open_audit(auditor, "第一次")
    response = auditor_client.post(url("add"), {"title": "第二次"}, follow=True)
    assert "已有進行中的帳號清查" in response.content.decode()
    assert list(AccountAudit.objects.values_list("title", flat=True)) == ["第一次"]
    # The form itself sends the person to the open audit, and the index has no button for a new one.
    response = auditor_client.get(url("add"), follow=True)
    assert response.redirect_chain[-1][0] == url("entries", first.pk)
    assert "仍在進行中" in response.content.decode()
    index = auditor_client.get(url("index")).content.decode()
    assert "進行中" in index and url("add") not in index


def test_a_race_for_the_open_audit_ends_in_the_message_not_an_error(auditor_client, auditor, staff, monkeypatch):
    open_audit(auditor, "先開的")
    # The other request passed the check before this one committed: only the constraint is left.
    monkeypatch.setattr(audits, "current_audit", lambda: None)
    response = auditor_client.post(url("add"), {"title": "後開的"}, follow=True)
    assert response.status_code == 200
    assert "已有進行中的帳號清查" in response.content.decode()
    assert list(AccountAudit.objects.values_list("title", flat=True)) == ["先開的"]
    assert AccountAuditEntry.objects.filter(audit__title="後開的").count() == 0


def test_a_second_audit_in_the_same_half_year_gets_a_numbered_title(auditor, staff):
    first = open_audit(auditor)
    AccountAudit.objects.filter(pk=first.pk).update(status=AccountAudit.APPLIED)
    second = open_audit(auditor)
    assert second.title == f"{first.title}（第 2 次）"


def test_opening_costs_the_same_number_of_queries_for_20_or_200_accounts(auditor_client, auditor, site_tree):
    unit = Unit.objects.get(code="TW-TXG")
    now = timezone.now()

    def add_accounts(start, count):
        users = User.objects.bulk_create(
            [User(username=f"bulk-{n}", last_login=now, is_active=True) for n in range(start, start + count)]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, unit=unit, unit_type=unit.unit_type, account_role="county_officer") for u in users]
        )
        AccountActivity.objects.bulk_create([AccountActivity(user=u, last_seen_at=now) for u in users[::2]])

    def queries_to_open():
        auditor_client.get(url("add"))  # the session's activity write happens here, not below
        with CaptureQueriesContext(connection) as ctx:
            response = auditor_client.post(url("add"), {"title": ""})
        assert response.status_code == 302
        AccountAudit.objects.filter(status=AccountAudit.OPEN).update(status=AccountAudit.APPLIED)
        return len(ctx.captured_queries)

    queries_to_open()  # warms the caches (content types, log actions) that only the first call fills
    add_accounts(0, 20)
    few = queries_to_open()
    add_accounts(20, 180)
    many = queries_to_open()
    assert AccountAudit.objects.order_by("-pk").first().entries.count() >= 200
    assert many == few, (few, many)
    assert few < 30


# --- marking --------------------------------------------------------------------------------------


def test_entries_page_filters_and_searches(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    page = auditor_client.get(url("entries", audit.pk)).content.decode()
    assert "txg-editor" in page and "儲存本頁" in page and "依單位標記" in page
    page = auditor_client.get(url("entries", audit.pk), {"unit": "TW-KHH"}).content.decode()
    assert "khh-editor" in page and "txg-editor" not in page
    page = auditor_client.get(url("entries_results", audit.pk), {"q": "reviewer"}).content.decode()
    assert "txg-reviewer" in page and "khh-editor" not in page
    page = auditor_client.get(url("entries", audit.pk), {"unit": audits.NO_UNIT}).content.decode()
    assert "no-unit" in page and "txg-editor" not in page
    audits.mark_entries(audit, [entry(audit, "khh-editor")], KEEP, "", auditor)
    page = auditor_client.get(url("entries", audit.pk), {"decision": "keep"}).content.decode()
    assert "khh-editor" in page and "txg-editor" not in page
    page = auditor_client.get(url("entries", audit.pk), {"decision": "undecided"}).content.decode()
    assert "khh-editor" not in page and "txg-editor" in page


def test_marking_a_page_keeps_and_suspends_with_notes(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    editor, reviewer, khh = (entry(audit, n) for n in ("txg-editor", "txg-reviewer", "khh-editor"))
    untouched = entry(audit, "no-unit")
    back = url("entries", audit.pk) + "?unit=TW-TXG&p=1"
    response = save_page(
        auditor_client,
        audit,
        {
            editor: (SUSPEND, "已離職"),
            reviewer: (KEEP, ""),
            khh: (SUSPEND, "  "),  # a suspension needs a note: this row is not saved
            untouched: (UNDECIDED, ""),  # unchanged: not written
        },
        next=back,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == back
    assert "已儲存 2 個帳號的清查結果。" in page
    assert "未儲存 khh-editor：標記停用時，請填寫說明。" in page
    editor.refresh_from_db()
    reviewer.refresh_from_db()
    khh.refresh_from_db()
    untouched.refresh_from_db()
    assert (editor.decision, editor.note, editor.decided_by) == (SUSPEND, "已離職", auditor)
    assert editor.decided_at is not None
    assert (reviewer.decision, reviewer.decided_by) == (KEEP, auditor)
    assert (khh.decision, untouched.decision, untouched.decided_by) == (UNDECIDED, UNDECIDED, None)

    # Back to undecided clears who decided.
    save_page(auditor_client, audit, {reviewer: (UNDECIDED, "")})
    reviewer.refresh_from_db()
    assert (reviewer.decision, reviewer.decided_by, reviewer.decided_at) == (UNDECIDED, None, None)


def test_marking_a_unit_at_once(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    editor = entry(audit, "txg-editor")
    save_page(auditor_client, audit, {editor: (SUSPEND, "調職")})
    page = auditor_client.get(url("entries", audit.pk)).content.decode()
    assert 'value="TW-TXG"' in page

    response = auditor_client.post(
        url("mark_unit", audit.pk),
        {"unit": "TW-TXG", "decision": KEEP, "note": "主管確認仍在職", "only_undecided": "1"},
        follow=True,
    )
    assert "已將 TW-TXG 的 1 個帳號標記為「保留」。" in response.content.decode()
    editor.refresh_from_db()
    assert (editor.decision, editor.note) == (SUSPEND, "調職")  # decided one by one: left alone
    assert entry(audit, "txg-reviewer").decision == KEEP and entry(audit, "txg-reviewer").note == "主管確認仍在職"
    assert entry(audit, "khh-editor").decision == UNDECIDED

    auditor_client.post(url("mark_unit", audit.pk), {"unit": "TW-TXG", "decision": SUSPEND, "note": "單位裁撤"})
    assert set(audit.entries.filter(unit_code="TW-TXG").values_list("decision", "note")) == {(SUSPEND, "單位裁撤")}

    response = auditor_client.post(url("mark_unit", audit.pk), {"unit": "TW-KHH", "decision": SUSPEND}, follow=True)
    assert "標記停用時，請填寫說明。" in response.content.decode()
    auditor_client.post(url("mark_unit", audit.pk), {"unit": audits.NO_UNIT, "decision": KEEP})
    assert entry(audit, "no-unit").decision == KEEP


def test_nobody_marks_their_own_account_suspended(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    own = entry(audit, "hq-auditor")
    response = save_page(auditor_client, audit, {own: (SUSPEND, "測試")})
    assert "不能將自己的帳號標記為停用。" in response.content.decode()
    response = auditor_client.post(
        url("mark_unit", audit.pk), {"unit": "wda-dsted", "decision": SUSPEND, "note": "全部"}, follow=True
    )
    assert "您自己的帳號不會標記為停用。" in response.content.decode()
    own.refresh_from_db()
    assert own.decision == UNDECIDED


# --- applying -------------------------------------------------------------------------------------


def test_applying_suspends_only_the_marked_accounts_and_ends_their_sessions(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    leaving = staff["txg_editor"]
    signed_in = Client()
    signed_in.force_login(leaving)
    assert signed_in.get("/admin/").status_code == 200
    save_page(
        auditor_client,
        audit,
        {
            entry(audit, "txg-editor"): (SUSPEND, "已離職三個月"),
            entry(audit, "txg-reviewer"): (KEEP, "在職"),
        },
    )

    confirm = auditor_client.get(url("apply", audit.pk)).content.decode()
    assert "將停用下列 1 個帳號" in confirm and "txg-editor" in confirm and "已離職三個月" in confirm
    assert "視為保留" in confirm and 'name="expected_suspensions" value="1"' in confirm

    response = auditor_client.post(url("apply", audit.pk), {"expected_suspensions": "1"}, follow=True)
    assert "停用 1 個帳號" in response.content.decode()
    audit.refresh_from_db()
    assert audit.status == AccountAudit.APPLIED and audit.applied_by == auditor and audit.applied_at
    active = dict(
        User.objects.filter(username__in=["txg-editor", "txg-reviewer", "khh-editor", "no-unit"]).values_list(
            "username", "is_active"
        )
    )
    assert active == {"txg-editor": False, "txg-reviewer": True, "khh-editor": True, "no-unit": True}
    response = signed_in.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert auditor_client.get(url("index")).status_code == 200  # the auditor's own session is untouched

    suspended = ModelLogEntry.objects.get(object_id=str(leaving.pk), action=ACCOUNT_SUSPENDED_BY_AUDIT)
    assert suspended.user == auditor and suspended.data["audit"] == audit.pk
    assert suspended.data["reason"] == f"帳號清查「{audit.title}」決定停用：已離職三個月"
    applied = ModelLogEntry.objects.get(object_id=str(audit.pk), action=AUDIT_APPLIED)
    assert applied.user == auditor
    assert (applied.data["suspended"], applied.data["kept"]) == (1, 1)
    assert applied.data["undecided"] == audit.entries.filter(decision=UNDECIDED).count()
    assert ModelLogEntry.objects.filter(action=ACCOUNT_SUSPENDED_BY_AUDIT).count() == 1

    history = auditor_client.get(url("history", audit.pk)).content.decode()
    assert "完成帳號清查" in history and "開始帳號清查" in history


def test_an_account_already_suspended_meanwhile_is_counted_not_logged_twice(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    save_page(auditor_client, audit, {entry(audit, "khh-editor"): (SUSPEND, "離職")})
    User.objects.filter(username="khh-editor").update(is_active=False)
    response = auditor_client.post(url("apply", audit.pk), {"expected_suspensions": "1"}, follow=True)
    assert "停用 0 個帳號" in response.content.decode() and "在套用前已停用" in response.content.decode()
    assert not ModelLogEntry.objects.filter(action=ACCOUNT_SUSPENDED_BY_AUDIT).exists()


def test_apply_asks_again_if_the_marks_changed_after_the_confirmation(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    save_page(auditor_client, audit, {entry(audit, "txg-editor"): (SUSPEND, "離職")})
    response = auditor_client.post(url("apply", audit.pk), {"expected_suspensions": "0"}, follow=True)
    assert "請重新確認" in response.content.decode()
    assert response.redirect_chain[-1][0] == url("apply", audit.pk)
    audit.refresh_from_db()
    assert audit.is_open and User.objects.get(username="txg-editor").is_active
    # A POST without the confirmed number is not a confirmation either.
    auditor_client.post(url("apply", audit.pk), {})
    audit.refresh_from_db()
    assert audit.is_open


def test_an_applied_audit_is_read_only(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    editor = entry(audit, "txg-editor")
    audits.apply_audit(audit, auditor)
    page = auditor_client.get(url("entries", audit.pk)).content.decode()
    assert "已完成" in page and "儲存本頁" not in page and f'name="decision-{editor.pk}"' not in page
    assert url("apply", audit.pk) not in page

    response = save_page(auditor_client, audit, {editor: (SUSPEND, "事後補")})
    assert "此帳號清查已完成，內容不能再變更。" in response.content.decode()
    response = auditor_client.post(
        url("mark_unit", audit.pk), {"unit": "TW-TXG", "decision": SUSPEND, "note": "x"}, follow=True
    )
    assert "此帳號清查已完成，內容不能再變更。" in response.content.decode()
    response = auditor_client.post(url("apply", audit.pk), {"expected_suspensions": "0"}, follow=True)
    assert "此帳號清查已完成" in response.content.decode()
    response = auditor_client.get(url("apply", audit.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("entries", audit.pk)
    editor.refresh_from_db()
    assert editor.decision == UNDECIDED and User.objects.get(username="txg-editor").is_active
    assert ModelLogEntry.objects.filter(object_id=str(audit.pk), action=AUDIT_APPLIED).count() == 1
    with pytest.raises(audits.AuditRefused):
        audits.mark_entries(audit, [editor], KEEP, "", auditor)

    # Past audits stay listed with their counts, and a new audit may start.
    index = auditor_client.get(url("index")).content.decode()
    assert audit.title in index and "已完成" in index and url("add") in index
    second, _page = open_through_admin(auditor_client, "下一次")
    assert second.is_open and second.pk != audit.pk


# --- export ---------------------------------------------------------------------------------------


HEADER = [
    "帳號",
    "姓名",
    "單位代碼",
    "所屬單位",
    "使用者帳號角色",
    "權限",
    "最近使用時間",
    "帳號狀態",
    "清查結果",
    "說明",
    "決定人員",
    "決定時間",
]


@pytest.fixture
def exported_audit(auditor, staff):
    """An audit with text that a spreadsheet would take for formulas."""
    User.objects.create_user("@evil", first_name="=1+1", last_name="")
    User.objects.create_user("-minus", first_name="+886", last_name="")
    audit = open_audit(auditor)
    audits.mark_entries(audit, [entry(audit, "txg-editor")], SUSPEND, '=HYPERLINK("http://x","點我")', auditor)
    audits.mark_entries(audit, [entry(audit, "txg-reviewer")], KEEP, "在職", auditor)
    return audit


def test_csv_export(auditor_client, exported_audit):
    response = auditor_client.get(url("export_csv", exported_audit.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f"account-audit-{exported_audit.pk}-" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())  # BOM: Excel reads the Chinese as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    by_name = {row[0]: row for row in rows[1:]}
    assert len(by_name) == exported_audit.entries.count()
    editor = by_name["txg-editor"]
    assert editor[1:6] == [
        "劉俊傑",
        "TW-TXG",
        Unit.objects.get(code="TW-TXG").name_zh,
        "縣市政府業務承辦人員",
        "一般承辦人員",
    ]
    assert editor[8:11] == ["停用", '\'=HYPERLINK("http://x","點我")', "hq-auditor"]
    assert datetime.datetime.strptime(editor[6], "%Y-%m-%d %H:%M") and editor[11]
    assert by_name["txg-reviewer"][8:10] == ["保留", "在職"]
    assert by_name["no-unit"][8] == "未決定"
    assert "'@evil" in by_name and by_name["'@evil"][1] == "'=1+1"
    assert by_name["'-minus"][1] == "'+886"


def test_xlsx_export(auditor_client, exported_audit):
    from openpyxl import load_workbook

    response = auditor_client.get(url("export_xlsx", exported_audit.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["帳號清查", "清查資訊"]
    sheet = workbook["帳號清查"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    by_name = {row[0]: row for row in rows[1:]}
    editor = by_name["txg-editor"]
    assert editor[2] == "TW-TXG" and editor[8] == "停用" and editor[10] == "hq-auditor"
    assert editor[9] == '\'=HYPERLINK("http://x","點我")'
    assert isinstance(editor[6], datetime.datetime)
    expected = timezone.localtime(AccountActivity.objects.get(user__username="txg-editor").last_seen_at)
    assert editor[6] == expected.replace(tzinfo=None, microsecond=editor[6].microsecond)
    assert by_name["'@evil"][1] == "'=1+1" and by_name["'-minus"][1] == "'+886"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    info = dict(workbook["清查資訊"].iter_rows(values_only=True))
    assert info["清查名稱"] == exported_audit.title and info["停用"] == 1 and info["保留"] == 1


def test_export_of_an_applied_audit_and_of_a_missing_one(auditor_client, auditor, exported_audit):
    audits.apply_audit(exported_audit, auditor)
    response = auditor_client.get(url("export_csv", exported_audit.pk))
    assert "停用" in b"".join(response.streaming_content).decode("utf-8-sig")
    assert auditor_client.get(url("export_xlsx", exported_audit.pk + 1000)).status_code == 404


# --- bad input ------------------------------------------------------------------------------------


def test_bad_input_gives_a_message_or_4xx_never_500(auditor_client, auditor, staff):
    audit = open_audit(auditor)
    editor = entry(audit, "txg-editor")
    AccountAudit.objects.filter(pk=audit.pk).update(status=AccountAudit.APPLIED)
    other = open_audit(auditor, "另一次")
    AccountAudit.objects.filter(pk=other.pk).update(status=AccountAudit.APPLIED)
    AccountAudit.objects.filter(pk=audit.pk).update(status=AccountAudit.OPEN)
    foreign = entry(other, "txg-editor")

    def message_of(response):
        assert response.status_code == 200
        return response.content.decode()

    assert "無法辨識的清查結果。" in message_of(save_page(auditor_client, audit, {editor: ("delete", "x")}))
    assert "不屬於此次帳號清查" in message_of(save_page(auditor_client, audit, {foreign: (KEEP, "")}))
    response = auditor_client.post(url("mark", audit.pk), {"entry": ["abc"]}, follow=True)
    assert "無法辨識的清查項目。" in message_of(response)
    response = auditor_client.post(url("mark", audit.pk), {"entry": [str(n) for n in range(500)]}, follow=True)
    assert "一次最多儲存" in message_of(response)
    response = auditor_client.post(url("mark_unit", audit.pk), {"unit": "nowhere", "decision": KEEP}, follow=True)
    assert "沒有這個單位的帳號" in message_of(response)
    response = auditor_client.post(url("mark_unit", audit.pk), {"unit": "TW-TXG", "decision": "?"}, follow=True)
    assert "無法辨識的清查結果。" in message_of(response)
    response = auditor_client.post(url("mark_unit", audit.pk), {"decision": KEEP}, follow=True)
    assert "請選擇單位。" in message_of(response)
    response = auditor_client.post(url("apply", audit.pk), {"expected_suspensions": "many"}, follow=True)
    assert "請重新確認" in message_of(response)
    response = auditor_client.post(url("add"), {"title": "長" * 101})
    assert "最多 100 個字" in message_of(response)
    editor.refresh_from_db()
    assert editor.decision == UNDECIDED and foreign.decision == UNDECIDED

    assert auditor_client.get(url("entries", audit.pk), {"p": "999999"}).status_code == 200
    assert auditor_client.get(url("entries", audit.pk), {"p": "x", "ordering": "password"}).status_code == 200
    assert auditor_client.get(url("entries", audit.pk), {"unit": "bogus", "decision": "maybe"}).status_code == 200
    assert auditor_client.get(url("index"), {"p": "999999", "export": "csv"}).status_code == 200
    assert auditor_client.get(f"/admin/account_audits/entries/{audit.pk}x/").status_code == 404
    assert auditor_client.get(url("entries", 999999)).status_code == 404
    assert auditor_client.post(url("mark", 999999), {}).status_code == 404
    assert auditor_client.get(url("mark", audit.pk)).status_code == 405
