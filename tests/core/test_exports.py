"""Safe exports: every CSV/XLSX of the admin goes through one mixin (``site45.core.exports``).

Hostile text — what an anonymous visitor can put in a sign-in attempt's account name or
User-Agent, what an editor can put in a page title or a reason — arrives in every export as
text a spreadsheet will not run: ``'`` in front of ``=``, ``+``, ``-``, ``@``, tab and CR. Each
CSV starts with the byte-order mark (Excel on zh-Hant Windows), each XLSX is read back with
openpyxl and has no formula cell. Exports of personal data leave one entry in the access log.

The exports: 登入紀錄 (sign-in log), 帳號異動紀錄 (account record), 個資存取紀錄 (the access
log), 帳號清查 (the audit, also in tests/governance/accounts/semiannual_audit/test_account_audit.py), and Wagtail's own reports:
locked pages, aging pages, site history (and, through the same grafted methods, workflows,
page types usage, redirects). Each of ours is also downloaded by the person whose job it is
(system administrator, account manager, account auditor), with Chinese text that must survive.
"""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView

from site45.governance.accounts import lifecycle_log
from site45.governance.accounts.semiannual_audit.audits import open_audit
from site45.governance.privacy import exports
from site45.governance.privacy.personal_data import AccessAction, PersonalDataAccess, Purpose, record_access
from tests.factories import make_member, make_page

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]
DDE = "=cmd|' /C calc'!A0"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PASSWORD = "pw-for-tests-only-123"


def csv_cells(response):
    """(raw bytes, every cell) of a CSV download."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return raw, [cell for row in rows for cell in row]


def xlsx_cells(response):
    from openpyxl import load_workbook

    body = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(body))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    return [cell.value for cell in cells]


def assert_safe(cells, hostile, xlsx=False):
    """Every hostile value is there with ``'`` in front, and no text cell starts a formula.

    An XML parser reads a stored CR as LF (XML's end-of-line rule), so in an XLSX ``\r=1`` comes
    back as ``'\n=1`` — still behind the ``'``.
    """
    texts = [c for c in cells if isinstance(c, str)]
    for value in hostile:
        assert "'" + (value.replace("\r", "\n") if xlsx else value) in texts, value
    assert not [c for c in texts if c.startswith(TRIGGERS)]


def export_both(browser, url, hostile, params=None):
    """The CSV (starting with the BOM) and the XLSX of ``url``, both neutralised."""
    params = dict(params or {})
    response = browser.get(url, {**params, "export": "csv"})
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw, cells = csv_cells(response)
    assert raw.startswith("\ufeff".encode())
    assert_safe(cells, hostile)
    response = browser.get(url, {**params, "export": "xlsx"})
    assert response.status_code == 200, url
    assert_safe(xlsx_cells(response), hostile, xlsx=True)


@pytest.fixture
def root(django_user_model, site_tree):
    return django_user_model.objects.create_superuser("root", password=PASSWORD)


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def export_entries(purpose):
    return list(PersonalDataAccess.objects.filter(purpose=purpose, action=AccessAction.EXPORT).order_by("pk"))


# --- the one path -------------------------------------------------------------------------------


def test_wagtails_mixin_writes_through_the_safe_methods():
    assert exports.is_installed()
    for name in ("preprocess_field_value", "get_heading", "write_csv_response", "as_spreadsheet"):
        assert getattr(LogEntriesView, name) is exports.SafeSpreadsheetExportMixin.__dict__[name]


def test_text_is_neutralised_and_numbers_stay_numbers():
    view = SpreadsheetExportMixin()
    for fmt in (exports.CSV, exports.XLSX):
        for value in [*HOSTILE, DDE]:
            assert view.preprocess_field_value("f", value, fmt) == "'" + value
        assert view.preprocess_field_value("f", -1, fmt) == -1  # a real number is not a formula
        assert view.preprocess_field_value("f", 2.5, fmt) == 2.5
        assert view.preprocess_field_value("f", "陳小華", fmt) == "陳小華"
        assert view.preprocess_field_value("f", "'=1", fmt) == "'=1"  # idempotent
    assert view.preprocess_field_value("f", "a\x01b", exports.XLSX) == "ab"  # XML cannot hold it


# --- 登入紀錄: anonymous input ------------------------------------------------------------------


def test_the_sign_in_log_export_is_neutralised_and_recorded(settings, root):
    settings.AXES_ENABLED = True
    for value in [*HOSTILE, DDE]:
        Client(REMOTE_ADDR="192.0.2.9", HTTP_USER_AGENT=value).post(
            reverse("wagtailadmin_login"), {"username": value, "password": "wrong-password"}
        )
    browser = signed_in(root)
    # Account names are kept stripped and lower-cased (lockout.normalized_username).
    names = ['=hyperlink("http://x","y")', "+1", "-1+1", "@sum(1)", "=1", "=cmd|' /c calc'!a0"]
    export_both(browser, reverse("signin_log"), [*HOSTILE, DDE, *names])

    from axes.models import AccessFailureLog, AccessLog

    total = AccessFailureLog.objects.count() + AccessLog.objects.count()  # 7 failures, root's sign-in
    entries = export_entries(Purpose.SIGNIN_LOG)
    assert total == 8 and [(e.user, e.record_count) for e in entries] == [(root, total), (root, total)]
    assert entries[0].criteria == "" and "export=csv" in entries[0].path
    browser.get(reverse("signin_log"), {"export": "csv", "ip_address": "192.0.2.9"})
    assert export_entries(Purpose.SIGNIN_LOG)[-1].criteria == "ip_address=192.0.2.9"


# --- Wagtail's reports: page titles -------------------------------------------------------------


@pytest.fixture
def hostile_pages(root):
    pages = [make_page("announcement", title=value) for value in HOSTILE]
    for page in pages:
        page.locked, page.locked_by, page.locked_at = True, root, timezone.now()
        page.save(update_fields=["locked", "locked_by", "locked_at"], clean=False)
    return pages


@pytest.mark.parametrize("report", ["locked_pages", "aging_pages", "site_history"])
def test_wagtails_page_reports_neutralise_page_titles(root, hostile_pages, report):
    export_both(signed_in(root), reverse(f"wagtailadmin_reports:{report}"), HOSTILE)


def test_wagtails_reports_that_name_editors_record_their_export(root, hostile_pages):
    browser = signed_in(root)
    browser.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    browser.get(reverse("wagtailadmin_reports:locked_pages"), {"export": "xlsx"})
    entries = export_entries(Purpose.CONTENT_REPORT)
    assert [e.user for e in entries] == [root, root] and entries[1].record_count == len(HOSTILE)


def test_editor_names_in_wagtails_site_history_are_neutralised(root, hostile_pages):
    root.first_name, root.last_name = '=HYPERLINK("http://x","y")', ""
    root.save(update_fields=["first_name", "last_name"])
    from wagtail.log_actions import log

    log(instance=hostile_pages[0], action="wagtail.edit", user=root)  # the 使用者 column names root
    export_both(signed_in(root), reverse("wagtailadmin_reports:site_history"), [HOSTILE[0]])


# --- our reports ---------------------------------------------------------------------------------


def test_the_account_record_export_is_neutralised_and_recorded(root):
    manager = make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")
    target = make_member("TW-TXG", username="txg-someone")
    for value in HOSTILE:
        lifecycle_log.log_event(target, lifecycle_log.ACCOUNT_CLOSED_INACTIVE, by=manager, reason=value)
    # The message is 「label：reason」, so the hostile text is mid-cell there; the reason alone is
    # what matters to a spreadsheet when the label is empty — check the whole file instead.
    browser = signed_in(root)
    response = browser.get(reverse("account_log"), {"export": "csv"})
    raw, cells = csv_cells(response)
    assert raw.startswith("\ufeff".encode())
    assert not [c for c in cells if c.startswith(TRIGGERS)]
    assert not [
        c
        for c in xlsx_cells(browser.get(reverse("account_log"), {"export": "xlsx"}))
        if isinstance(c, str) and c.startswith(TRIGGERS)
    ]
    assert [e.record_count for e in export_entries(Purpose.ACCOUNT_RECORD)] == [len(HOSTILE)] * 2


def test_the_access_log_export_is_neutralised_and_recorded(root):
    for value in HOSTILE:
        record_access(root, None, Purpose.ACCOUNT_ADMINISTRATION, AccessAction.VIEW, criteria=value)
    export_both(signed_in(root), reverse("personal_data_access_log"), HOSTILE)
    assert len(export_entries(Purpose.ACCESS_LOG_REVIEW)) == 2


def test_the_account_audit_export_is_neutralised(root, django_user_model):
    for n, value in enumerate(HOSTILE):
        django_user_model.objects.create_user(f"hostile{n}", first_name=value, last_name="")
    audit = open_audit(root)
    browser = signed_in(root)
    response = browser.get(reverse("account_audits:export_csv", args=[audit.pk]))
    raw, cells = csv_cells(response)
    assert raw.startswith("\ufeff".encode())
    assert_safe(cells, HOSTILE)
    assert_safe(xlsx_cells(browser.get(reverse("account_audits:export_xlsx", args=[audit.pk]))), HOSTILE, xlsx=True)
    assert len(export_entries(Purpose.ACCOUNT_AUDIT)) == 2


# --- each export, downloaded by the person whose job it is ----------------------------------------
#
# The same two rules, plus the Chinese: whoever may download a file gets it with the BOM (CSV),
# every hostile value behind a ``'`` (CSV and XLSX) and the Chinese text unchanged — the names,
# reasons and filters the agency types, and the zh-Hant headings.

CHINESE = "陳小華"


def export_as(browser, url, hostile, chinese, params=None):
    """Both files of ``url`` neutralised (``export_both``), each with every text of ``chinese``."""
    export_both(browser, url, hostile, params)
    for fmt in ("csv", "xlsx"):
        response = browser.get(url, {**(params or {}), "export": fmt})
        cells = csv_cells(response)[1] if fmt == "csv" else xlsx_cells(response)
        texts = [c for c in cells if isinstance(c, str)]
        for text in chinese:
            assert text in texts, (fmt, text)


def test_the_system_admin_downloads_the_sign_in_log(settings, site_tree):
    settings.AXES_ENABLED = True
    system_admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    Client(REMOTE_ADDR="192.0.2.9", HTTP_USER_AGENT=HOSTILE[0]).post(
        reverse("wagtailadmin_login"), {"username": CHINESE, "password": "wrong-password"}
    )
    Client(REMOTE_ADDR="192.0.2.9", HTTP_USER_AGENT="瀏覽器").post(
        reverse("wagtailadmin_login"), {"username": HOSTILE[1], "password": "wrong-password"}
    )
    export_as(
        signed_in(system_admin),
        reverse("signin_log"),
        [HOSTILE[0], HOSTILE[1]],
        [CHINESE, "瀏覽器", "失敗", "帳號", "瀏覽器"],
    )


def test_an_account_manager_downloads_the_account_record(site_tree):
    manager = make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")
    manager.first_name, manager.last_name = HOSTILE[0], ""
    manager.save(update_fields=["first_name", "last_name"])
    target = make_member("TW-TXG", username=CHINESE)
    lifecycle_log.log_event(target, lifecycle_log.ACCOUNT_CLOSED_INACTIVE, by=manager, reason="離職")
    export_as(signed_in(manager), reverse("account_log"), [HOSTILE[0]], [CHINESE])


def test_the_system_admin_downloads_the_access_log(site_tree):
    system_admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    record_access(system_admin, None, Purpose.ACCOUNT_ADMINISTRATION, AccessAction.VIEW, criteria=HOSTILE[0])
    record_access(system_admin, None, Purpose.ACCOUNT_ADMINISTRATION, AccessAction.VIEW, criteria=f"q={CHINESE}")
    export_as(
        signed_in(system_admin),
        reverse("personal_data_access_log"),
        [HOSTILE[0]],
        [f"q={CHINESE}", "帳號管理", "篩選條件"],
    )


def test_the_account_auditor_downloads_the_account_audit(site_tree, django_user_model):
    auditor = make_member("wda-dsted", "account_auditor", account_role="wda_officer", username="hq-auditor")
    django_user_model.objects.create_user("hostile", first_name=HOSTILE[0], last_name="")
    django_user_model.objects.create_user("chinese", first_name="小華", last_name="陳")
    audit = open_audit(auditor)
    browser = signed_in(auditor)
    csv_response = browser.get(reverse("account_audits:export_csv", args=[audit.pk]))
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    raw, cells = csv_cells(csv_response)
    assert raw.startswith("\ufeff".encode())
    assert_safe(cells, [HOSTILE[0]])
    xlsx = xlsx_cells(browser.get(reverse("account_audits:export_xlsx", args=[audit.pk])))
    assert_safe(xlsx, [HOSTILE[0]], xlsx=True)
    for found in (cells, xlsx):
        assert CHINESE in found and "帳號" in found and "清查結果" in found


@pytest.mark.parametrize("report", ["locked_pages", "aging_pages", "site_history"])
def test_wagtails_page_reports_keep_chinese_page_titles(root, report):
    page = make_page("announcement", title=f"{CHINESE}的公告")
    page.locked, page.locked_by, page.locked_at = True, root, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"], clean=False)
    export_as(signed_in(root), reverse(f"wagtailadmin_reports:{report}"), [], [f"{CHINESE}的公告"])


# --- where the mixin lives ------------------------------------------------------------------------


def imported_modules(module):
    """Every module ``module``'s source imports, at any level (function-level imports included)."""
    import ast
    import importlib
    import inspect

    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def test_the_export_mixin_knows_no_app_and_sign_in_reaches_it_without_governance():
    assert not [name for name in imported_modules("site45.core.exports") if name.startswith(("site45", "."))]
    assert not [name for name in imported_modules("site45.signin.signin_log") if name.startswith("site45.governance")]
    from site45.signin.signin_log import SignInLogView

    assert issubclass(SignInLogView, exports.SafeSpreadsheetExportMixin)
    assert SignInLogView.personal_data_purpose in Purpose.values


def test_every_export_of_ours_is_built_on_the_one_mixin():
    from site45.governance.accounts.account_record import AccountLogView
    from site45.governance.accounts.semiannual_audit.admin import ExportView
    from site45.governance.privacy.admin import AccessLogView
    from site45.signin.signin_log import SignInLogView

    for view in (ExportView, AccountLogView, AccessLogView, SignInLogView):
        assert issubclass(view, exports.SafeSpreadsheetExportMixin), view
