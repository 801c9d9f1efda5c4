"""CSV and XLSX of one account audit (帳號清查匯出): the frozen snapshot and the decisions.

Both files have the same columns, headed in zh-Hant whatever the admin language, one row per
entry in the order of the audit (unit code, username):

帳號, 姓名, 單位代碼, 所屬單位, 使用者帳號角色, 權限, 最近使用時間, 帳號狀態, 清查結果, 說明,
決定人員, 決定時間

- CSV is streamed (``StreamingHttpResponse`` over ``iterator()``), UTF-8 with a byte-order mark:
  without the BOM, Excel on a Windows desktop of the agency reads the file as Big5 and the Chinese
  comes out garbled.
- XLSX uses openpyxl's write-only mode (rows are written as they come, not kept in memory);
  times are real Excel date-times in Taiwan time. A second sheet 「清查資訊」 names the audit.
- Any text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with
  ``'`` (OWASP's advice against CSV/formula injection): a note such as ``=HYPERLINK(…)`` typed
  into the audit must open in Excel as text, not run as a formula. XLSX cells are also forced
  to the string type. The rule and the BOM are ``exports``' (the one path of every export);
  this module only lays out the two sheets.
"""

import csv
import datetime
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .account_audit import AccountAudit, AccountAuditEntry, decision_counts
from .exports import BOM, CSV_CONTENT_TYPE, csv_text, neutralise, xlsx_cell  # noqa: F401 (neutralise: API)

HEADERS = [
    _("帳號"),
    _("姓名"),
    _("單位代碼"),
    _("所屬單位"),
    _("使用者帳號角色"),
    _("權限"),
    _("最近使用時間"),
    _("帳號狀態"),
    _("清查結果"),
    pgettext_lazy("帳號清查", "說明"),
    _("決定人員"),
    _("決定時間"),
]

#: The entry fields behind the columns (``decision`` becomes its label).
FIELDS = [
    "username", "full_name", "unit_code", "unit_name", "account_role", "roles", "last_activity",
    "account_status", "decision", "note", "decided_by__username", "decided_at",
]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm"


def filename(audit, extension):
    """``account-audit-<id>-<opening date>.<ext>`` (ASCII: every browser keeps it as it is)."""
    opened = timezone.localtime(audit.opened_at).strftime("%Y%m%d") if audit.opened_at else "undated"
    return f"account-audit-{audit.pk}-{opened}.{extension}"


def _local(value):
    """A stored (UTC) time as a naive Taiwan time, for a spreadsheet (which has no time zones)."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None)


def _headers():
    with translation.override("zh-hant"):
        return [str(h) for h in HEADERS]


def entry_rows(audit):
    """One list of values per entry, in column order; times are naive Taiwan times."""
    with translation.override("zh-hant"):
        labels = {value: str(label) for value, label in AccountAuditEntry.DECISION_CHOICES}
    rows = AccountAuditEntry.objects.filter(audit=audit).order_by("unit_code", "username", "pk").values_list(*FIELDS)
    decision_at = FIELDS.index("decision")
    for row in rows.iterator(chunk_size=2000):
        row = list(row)
        row[decision_at] = labels.get(row[decision_at], row[decision_at])
        yield [_local(v) if isinstance(v, datetime.datetime) else ("" if v is None else v) for v in row]


# --- CSV -------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose ``write`` returns the line, so csv.writer feeds a generator."""

    def write(self, value):
        return value


def csv_response(audit):
    """The audit as a streamed CSV download (UTF-8 with BOM)."""
    headers = _headers()

    def lines():
        writer = csv.writer(_Echo())
        yield BOM + writer.writerow(headers)
        for row in entry_rows(audit):
            yield writer.writerow([csv_text(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(audit, "csv")}"'
    return response


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx_cell(sheet, value):
    return xlsx_cell(sheet, value, number_format=XLSX_TIME_FORMAT)


def _info_rows(audit):
    """(label, value) rows of the 「清查資訊」 sheet, labels in zh-Hant."""
    counts = decision_counts(audit)
    with translation.override("zh-hant"):
        status = dict(AccountAudit.STATUS_CHOICES).get(audit.status, audit.status)
        rows = [
            (_("清查名稱"), audit.title),
            (_("狀態"), str(status)),
            (_("開始時間"), _local(audit.opened_at)),
            (_("清查人員"), audit.opened_by.get_username() if audit.opened_by else ""),
            (_("完成時間"), _local(audit.applied_at)),
            (_("完成人員"), audit.applied_by.get_username() if audit.applied_by else ""),
            (_("帳號數"), counts["total"]),
            (_("保留"), counts["keep"]),
            (_("停用"), counts["suspend"]),
            (_("未決定"), counts["undecided"]),
        ]
        return [(str(label), value) for label, value in rows]


def write_xlsx(audit, output):
    """Write the workbook to the binary file ``output`` (write-only mode: rows are not kept)."""
    from openpyxl import Workbook

    with translation.override("zh-hant"):
        entries_title, info_title = str(_("帳號清查")), str(_("清查資訊"))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=entries_title)
    sheet.append(_headers())
    for row in entry_rows(audit):
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    about = workbook.create_sheet(title=info_title)
    for label, value in _info_rows(audit):
        about.append([label, _xlsx_cell(about, "" if value is None else value)])
    workbook.save(output)


def xlsx_response(audit):
    """The audit as an XLSX download."""
    output = BytesIO()
    write_xlsx(audit, output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(audit, "xlsx")}"'
    return response
