"""CSV and XLSX of one account audit (帳號清查匯出, SPEC §6): the frozen snapshot and the decisions.

Both files have the same columns, headed in zh-Hant whatever the admin language, one row per
entry in the order of the audit (unit code, username):

帳號, 姓名, 單位代碼, 所屬單位, 使用者帳號角色, 權限, 最近使用時間, 帳號狀態, 清查結果, 說明,
決定人員, 決定時間

``AccountAuditSpreadsheet`` lays them out on ``core.exports.SafeSpreadsheetExportMixin``, the
mixin of every export, which neutralises any text starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return (a note such as ``=HYPERLINK(…)`` typed into the audit opens in Excel
as text) and starts the CSV with the byte-order mark Excel needs for the Chinese. Rows are read
with ``iterator()`` and written as they come: the CSV is streamed, the XLSX is written in
openpyxl's write-only mode. Times are Taiwan times: ``YYYY-MM-DD HH:MM`` in the CSV, real Excel
date-times in the XLSX, whose second sheet 「清查資訊」 names the audit.
"""

import datetime
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from site45.core.exports import XLSX_CONTENT_TYPE, SafeSpreadsheetExportMixin

from .audits import SNAPSHOT_FIELDS, AccountAudit, AccountAuditEntry, decision_counts

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

#: The entry fields behind the columns (``decision`` becomes its label): the snapshot's, without
#: the keys, then who decided and when.
FIELDS = [field for field in SNAPSHOT_FIELDS if field not in ("audit", "user")] + ["decided_by__username", "decided_at"]

CSV_TIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_TIME_FORMAT = "yyyy-mm-dd hh:mm"


def filename(audit):
    """``account-audit-<id>-<opening date>``, no extension (ASCII: every browser keeps it as it is)."""
    opened = timezone.localtime(audit.opened_at).strftime("%Y%m%d") if audit.opened_at else "undated"
    return f"account-audit-{audit.pk}-{opened}"


def _local(value):
    """A stored (UTC) time as a naive Taiwan time, for a spreadsheet (which has no time zones)."""
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None)


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


class AccountAuditSpreadsheet(SafeSpreadsheetExportMixin):
    """The audit's two files on the mixin of every export; the view provides ``audit``.

    Wagtail's export writes the cells (neutralised, BOM on CSV); this class only says what
    the columns are, that they are headed in zh-Hant, how times are written, and adds the
    「清查資訊」 sheet to the workbook.
    """

    list_export = FIELDS
    export_headings = dict(zip(FIELDS, HEADERS))
    custom_value_preprocess = {
        **SafeSpreadsheetExportMixin.custom_value_preprocess,
        # Already naive Taiwan times (``entry_rows``): minutes in the CSV, as they are in the XLSX.
        datetime.datetime: {
            SafeSpreadsheetExportMixin.FORMAT_CSV: lambda value: value.strftime(CSV_TIME_FORMAT),
            SafeSpreadsheetExportMixin.FORMAT_XLSX: None,
        },
    }

    def export(self, export_format):
        """The audit as a CSV (streamed) or XLSX download."""
        return self.as_spreadsheet(entry_rows(self.audit), export_format)

    def get_filename(self):
        return filename(self.audit)

    def get_heading(self, queryset, field):
        with translation.override("zh-hant"):
            return super().get_heading(queryset, field)

    def to_row_dict(self, item):
        return dict(zip(self.list_export, item))

    def write_xlsx(self, queryset, output):
        """The entries sheet, then 「清查資訊」 (write-only mode: rows are not kept)."""
        from openpyxl import Workbook

        with translation.override("zh-hant"):
            entries_title, info_title = str(_("帳號清查")), str(_("清查資訊"))
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=entries_title)
        sheet.append([self.get_heading(queryset, field) for field in self.list_export])
        for item in queryset:
            sheet.append(self.generate_xlsx_row(sheet, self.to_row_dict(item), date_format=XLSX_TIME_FORMAT))
        about = workbook.create_sheet(title=info_title)
        for label, value in _info_rows(self.audit):
            row = {"label": label, "value": "" if value is None else value}
            about.append(self.generate_xlsx_row(about, row, date_format=XLSX_TIME_FORMAT))
        workbook.save(output)

    def write_xlsx_response(self, queryset):
        """The workbook in one response (it is built in memory anyway), with its length."""
        output = BytesIO()
        self.write_xlsx(queryset, output)
        response = HttpResponse(output.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.xlsx"'
        return response
