"""Spreadsheet exports (CSV and XLSX) — the one path every export of the admin goes through.

Two rules, for every file the admin hands out (issue 12 item 3):

- **No formula from the data.** A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
  a carriage return is written with ``'`` in front (OWASP, "CSV injection"): a page title, a
  user name or a User-Agent such as ``=HYPERLINK("http://x","y")`` or ``=cmd|' /C calc'!A0``
  typed by an anonymous visitor opens in Excel as text and never runs. Real numbers (``int``,
  ``float``, ``Decimal``) stay numbers: only text is data that can be read as a formula. XLSX
  cells are also forced to the string type, and the characters XML cannot hold are dropped
  (a User-Agent with a control character would otherwise make openpyxl fail).
- **CSV is UTF-8 with a byte-order mark.** Without it, Excel on the agency's zh-Hant Windows
  desktops reads the file as Big5 and the Chinese comes out garbled.

How every export gets them. ``SafeSpreadsheetExportMixin`` is a subclass of Wagtail's
``SpreadsheetExportMixin`` whose cell-writing methods apply the rules. Our own reports use it
(and name the personal-data purpose their export is recorded under, see below). Wagtail's own
exports — the page reports (locked pages, aging pages, site history, workflows, page types
usage), the redirects and form-submission listings, any generic ``IndexView`` with
``list_export`` — inherit from Wagtail's mixin directly, so ``install()`` (called once from
``GovernanceConfig.ready``) puts the same methods on Wagtail's mixin itself. Grafting the
methods onto the one base class is less brittle than replacing each report view through URL
overrides or hooks: it reaches every present and future subclass, needs no copy of Wagtail's
URL names, and ``tests/test_exports.py`` checks that the methods are in place and that each
report's file comes out neutralised. The safe methods call Wagtail's originals, kept in
``_WAGTAIL``, never ``super()``, so the graft cannot recurse.

The account audit writes its own two-sheet workbook (``account_audit_export``) and uses
``neutralise``, ``csv_text``, ``xlsx_cell`` and ``BOM`` from here.

Personal data: a view that sets ``personal_data_purpose`` records each export as one entry of
the personal-data access log (``personal_data.record_access``: who, when, the count and the
filter) before the file is written. Ours: the sign-in log (user names, addresses, browsers),
the account record, the access log itself. Wagtail's reports that name editors
(``NAME_BEARING_REPORTS``: site history, locked and aging pages, workflows) get the purpose
內容管理報表 from ``install``.
"""

import datetime
import decimal

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from wagtail.admin.views.mixins import SpreadsheetExportMixin

#: The first characters that make a spreadsheet read a cell as a formula (or run DDE).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Written before the first CSV line: Excel then reads the file as UTF-8.
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX = SpreadsheetExportMixin.FORMAT_XLSX
CSV = SpreadsheetExportMixin.FORMAT_CSV
_NUMBERS = (int, float, decimal.Decimal)


def neutralise(value):
    """Text a spreadsheet would read as a formula, made plain text (``'`` in front).

    Anything that is not text (numbers, dates, ``None``) is returned unchanged.
    """
    if isinstance(value, Promise):
        value = force_str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_text(value):
    """One CSV cell: dates as ``YYYY-MM-DD HH:MM``, everything else as neutralised text."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if value is None:
        return ""
    if isinstance(value, _NUMBERS) and not isinstance(value, bool):
        return value
    return neutralise(str(value))


def xlsx_value(value):
    """One XLSX value: text neutralised and stripped of characters XML cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, Promise):
        value = force_str(value)
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def xlsx_cell(sheet, value, number_format=None):
    """A write-only cell holding ``xlsx_value(value)``, never of the formula type."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=xlsx_value(value))
    if cell.data_type == "f":  # never a formula, whatever openpyxl guessed
        cell.data_type = "s"
    if number_format and isinstance(value, (datetime.date, datetime.datetime)):
        cell.number_format = number_format
    return cell


def safe_cell(value, export_format):
    """A value Wagtail's preprocessing produced, made safe for ``export_format``."""
    if export_format == XLSX:
        return xlsx_value(value)
    return neutralise(value)


#: Wagtail's own methods, called by ours (kept before ``install`` replaces them).
_WAGTAIL = {
    name: SpreadsheetExportMixin.__dict__[name]
    for name in ("preprocess_field_value", "get_heading", "write_csv_response", "as_spreadsheet")
}
#: What ``install`` puts on Wagtail's mixin.
GRAFTED = (
    "preprocess_field_value", "get_heading", "write_csv_response", "as_spreadsheet", "record_export",
    "personal_data_purpose", "personal_data_model",
)
#: Wagtail's reports whose files name editors (the user columns hold first and last names,
#: ``personal_data.USER_PERSONAL_FIELDS``): each export is recorded, purpose 內容管理報表.
NAME_BEARING_REPORTS = (
    "wagtail.admin.views.reports.audit_logging.LogEntriesView",
    "wagtail.admin.views.reports.locked_pages.LockedPagesView",
    "wagtail.admin.views.reports.aging_pages.AgingPagesView",
    "wagtail.admin.views.reports.workflows.WorkflowView",
    "wagtail.admin.views.reports.workflows.WorkflowTasksView",
)


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export with neutralised cells, a BOM on CSV and the access log.

    ``personal_data_purpose`` (a ``personal_data.Purpose``): set it on a view whose export
    holds personal data; each export is then recorded once, with the row count and the filter.
    ``personal_data_model`` names what was exported (default: the view's ``model``).
    """

    personal_data_purpose = None
    personal_data_model = None

    def preprocess_field_value(self, field, value, export_format):
        value = _WAGTAIL["preprocess_field_value"](self, field, value, export_format)
        return safe_cell(value, export_format)

    def get_heading(self, queryset, field):
        return neutralise(_WAGTAIL["get_heading"](self, queryset, field))

    def write_csv_response(self, queryset):
        def lines():
            first = True
            for line in self.stream_csv(queryset):  # Wagtail's writer yields UTF-8 bytes
                if first:
                    line = (BOM.encode() + line) if isinstance(line, bytes) else (BOM + line)
                    first = False
                yield line

        response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.personal_data_purpose and spreadsheet_format in self.FORMATS:
            self.record_export(queryset)
        return _WAGTAIL["as_spreadsheet"](self, queryset, spreadsheet_format)

    def record_export(self, queryset):
        from django.apps import apps

        from .personal_data import AccessAction, criteria_of_request, record_access

        model = self.personal_data_model or getattr(self, "model", None)
        if isinstance(model, str):  # "app_label.Model": no model import at class definition
            model = apps.get_model(model)
        count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        record_access(
            self.request.user, None, self.personal_data_purpose, AccessAction.EXPORT, model=model,
            count=count, criteria=criteria_of_request(self.request), request=self.request,
        )


def install():
    """Put the safe cell-writing methods on Wagtail's ``SpreadsheetExportMixin`` (idempotent).

    Every view built on Wagtail's mixin — its reports, generic listings, redirects, form
    submissions — then writes through ``SafeSpreadsheetExportMixin``'s code.
    """
    from django.utils.module_loading import import_string

    from .personal_data import Purpose

    for name in GRAFTED:
        setattr(SpreadsheetExportMixin, name, SafeSpreadsheetExportMixin.__dict__[name])
    for path in NAME_BEARING_REPORTS:
        report = import_string(path)
        if "personal_data_purpose" not in report.__dict__:
            report.personal_data_purpose = Purpose.CONTENT_REPORT


def is_installed():
    return all(
        SpreadsheetExportMixin.__dict__[name] is SafeSpreadsheetExportMixin.__dict__[name] for name in GRAFTED
    )
