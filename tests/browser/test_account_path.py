"""The account path, end to end in Chromium.

Taichung's (TW-TXG) designated contact window files a new-account application on the public
form and confirms it through the link mailed to them; the branch with jurisdiction (br-ccn)
receives and approves it in the admin; the new user sets a password through the mailed
single-use link and signs in; the account auditor opens an audit, finds the new account in
its snapshot and exports it as CSV and XLSX.

Every step is what a person does in the browser, found by role and label in zh-Hant. The
mails are read from Django's test outbox (the live server runs in a thread of this process and
the test settings use the locmem backend); their links point at ``http://testserver``, so only
their path is opened, on the live server. The test follows tests/governance/accounts/test_account_story.py's data;
the demo already holds two Taichung applications waiting at br-ccn, so ours is picked by its
account name (lists show the user's name masked).
"""

import csv
import io
import re

from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from .helpers import exactly, expect, mailed_path, sign_in

ACCOUNT_NAME = "txg-browser-officer"
USER_NAME = "吳佳穎"
CONTACT_EMAIL = "browser-window@taichung.gov.tw"
USER_EMAIL = "chia-ying.wu@taichung.gov.tw"
# 22 characters of four classes; no keyboard run, common password or the account name in it.
NEW_PASSWORD = "Vq8#lumen-Orchid!27zTk"


def test_an_account_from_the_public_form_to_the_audit_export(new_context, screenshot, tmp_path):
    # The form's POSTs are rate-limited per client address; the package's other tests send it
    # from the same address (127.0.0.1), so the window starts clean here.
    cache.clear()
    today = timezone.localdate().isoformat()

    # --- 1. The contact window fills in the public form ----------------------------------------
    window = new_context().new_page()
    window.goto("/account-application/")
    expect(window.get_by_role("heading", level=1)).to_have_text("帳號使用（停用）申請")
    form = window.locator("#application-form")
    form.get_by_label(re.compile(r"^\s*申請日期")).fill(today)
    form.get_by_role("combobox", name=re.compile(r"^\s*申請單位")).select_option(label="臺中市政府（中高齡業務單位）")
    form.get_by_role("textbox", name=re.compile(r"^\s*指定聯繫窗口姓名")).fill("林窗口")
    form.get_by_role("textbox", name=re.compile(r"^\s*指定聯繫窗口電話")).fill("04-2228-9111")
    form.get_by_role("textbox", name=re.compile(r"^\s*指定聯繫窗口電子信箱")).fill(CONTACT_EMAIL)
    change = form.get_by_role("group", name=re.compile(r"^\s*帳號異動類型"))
    change.get_by_role("radio", name="新增", exact=True).check()
    form.get_by_role("textbox", name=re.compile(r"^\s*帳號名稱／原帳號")).fill(ACCOUNT_NAME)
    role = form.get_by_role("group", name=re.compile(r"^\s*使用者帳號角色"))
    role.get_by_role("radio", name="縣市政府業務承辦人員", exact=True).check()
    permissions = form.get_by_role("group", name="使用者權限")
    permissions.get_by_role("checkbox", name="承辦(上稿)人員", exact=True).check()
    form.get_by_role("textbox", name=re.compile(r"^\s*使用者姓名")).fill(USER_NAME)
    form.get_by_role("textbox", name=re.compile(r"^\s*使用者職稱")).fill("科員")
    form.get_by_role("textbox", name=re.compile(r"^\s*使用者電話")).fill("04-2228-9111#123")
    form.get_by_role("textbox", name=re.compile(r"^\s*使用者電子信箱")).fill(USER_EMAIL)
    form.get_by_role("checkbox", name=re.compile(r"^\s*本人遵守個人資料保密")).check()
    form.get_by_role("textbox", name=re.compile(r"^\s*核定之單位主管")).fill("王科長")
    form.get_by_label(re.compile(r"^\s*單位主管核定日期")).fill(today)
    screenshot(window, "account-application-form-filled")
    form.get_by_role("button", name="送出申請").click()
    expect(window).to_have_url(re.compile(r"/account-application/sent/$"))
    expect(window.get_by_role("heading", level=1)).to_have_text("請到電子信箱確認申請")

    # --- 2. The confirmation link from the mail; 「確認送出申請」 ------------------------------
    window.goto(mailed_path(CONTACT_EMAIL, r"/account-application/confirm/\S+/"))
    expect(window.get_by_role("heading", level=1)).to_have_text("確認帳號申請")
    expect(window.locator("main")).to_contain_text(ACCOUNT_NAME)
    # A real browser sends an Origin header with this POST, which Django's CSRF check compares
    # with the site: under a "no-referrer" Referrer-Policy (header or <meta>) that Origin is
    # "null" and the press ends in 禁止 (403) — the test client never sends one.
    window.get_by_role("button", name="確認送出申請").click()
    expect(window.get_by_role("heading", level=1)).to_have_text("申請已確認送出")
    # br-ccn's account manager is told (and nobody else: Taichung's route ends at its branch).
    told = [m.to for m in mail.outbox if "帳號申請待收件" in m.subject and USER_NAME in m.body]
    assert told == [["ccn-account-manager@example.gov.tw"]], told

    # --- 3. br-ccn's account manager finds it on the dashboard, receives and approves it ------
    # The panel shows the user's name masked (吳○穎): the row is the one linking to our record.
    manager = new_context().new_page()
    sign_in(manager, "ccn-account-manager")
    waiting = manager.get_by_role("region", name="帳號申請待處理")
    row = waiting.get_by_role("row").filter(has=manager.locator(f'a[href="{application_path()}"]'))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("已提出")
    row.get_by_role("link").click()
    main = manager.locator("main")
    expect(main).to_contain_text(USER_NAME)  # in full on the record itself
    expect(main).to_contain_text(ACCOUNT_NAME)
    expect(main).to_contain_text(CONTACT_EMAIL)
    screenshot(manager, "account-application-inspect")
    main.get_by_role("button", name="收件", exact=True).click()
    expect(manager.locator(".messages")).to_contain_text("已收件")
    expect(main).to_contain_text("已收件")
    main.get_by_role("button", name="核准", exact=True).click()
    expect(manager.locator(".messages")).to_contain_text("已核准申請。")
    expect(main).to_contain_text("已核准")

    # --- 4. The new user sets a password through the mailed link and signs in -----------------
    newcomer = new_context().new_page()
    newcomer.goto(mailed_path(USER_EMAIL, r"/admin/password_reset/confirm/\S+/"))
    new_password = newcomer.get_by_label(exactly("新密碼"))
    expect(new_password).to_be_visible()
    new_password.fill(NEW_PASSWORD)
    newcomer.get_by_label(re.compile(r"^\s*(新密碼確認|確認新密碼)")).fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name=re.compile("^(重設密碼|重置密碼)$")).click()
    expect(newcomer).to_have_url(re.compile(r"/admin/password_reset/complete/$"))
    sign_in(newcomer, ACCOUNT_NAME, NEW_PASSWORD)
    expect(newcomer.locator("main")).to_be_visible()
    expect(newcomer.get_by_role("heading", level=1)).to_contain_text("45+")

    # --- 5. The auditor opens an audit, finds the account and exports it ----------------------
    auditor = new_context().new_page()
    sign_in(auditor, "hq-auditor")
    auditor.locator("#wagtail-sidebar").get_by_role("link", name="帳號清查").click()
    expect(auditor.get_by_role("heading", level=1)).to_contain_text("帳號清查")
    auditor.get_by_role("link", name="開始新的帳號清查").click()
    auditor.get_by_role("button", name="開始清查").click()
    expect(auditor.locator(".messages")).to_contain_text("已開始")
    # The entries are searched by account (the listing's search box, results swapped in).
    search_box(auditor).fill(ACCOUNT_NAME)
    entries = auditor.locator("main table")
    expect(entries.get_by_role("row")).to_have_count(2)  # the header and our account
    entry = entries.get_by_role("row").filter(has_text=ACCOUNT_NAME)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(USER_NAME)
    expect(entry).to_contain_text("臺中市政府")
    screenshot(auditor, "account-audit-with-the-new-account")

    with auditor.expect_download() as csv_download:
        auditor.get_by_role("link", name="匯出 CSV").click()
    csv_text = saved(csv_download.value, tmp_path).read_bytes().decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(csv_text)) if ACCOUNT_NAME in row]
    assert len(rows) == 1, csv_text[:500]

    with auditor.expect_download() as xlsx_download:
        auditor.get_by_role("link", name="匯出 XLSX").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    assert ACCOUNT_NAME in xlsx_cells(saved(xlsx_download.value, tmp_path))


def application_path():
    """The admin record of our application (the demo holds other Taichung ones)."""
    from django.urls import reverse

    from site45.governance.accounts.applications import AccountApplication

    pk = AccountApplication.objects.get(account_name=ACCOUNT_NAME).pk
    return reverse("account_applications:inspect", args=[pk])


def search_box(page):
    """The search field of an admin listing (results swapped in as one types).

    Wagtail's label is 「搜索條件」 in its own catalogue, 「搜尋條件」 in ours.
    """
    return page.get_by_role("search").get_by_role("textbox", name=re.compile(r"^搜[尋索]條件$"))


def saved(download, directory):
    """The download under the name the server gave it (openpyxl goes by the file's extension)."""
    path = directory / download.suggested_filename
    download.save_as(path)
    return path


def xlsx_cells(path):
    """Every cell value of every sheet of a workbook (it must open with openpyxl)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return {
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        }
    finally:
        workbook.close()
