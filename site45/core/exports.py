"""Spreadsheet exports (CSV and XLSX): the one mixin every export of the admin is built on.

Two rules hold for every file the admin hands out:

- **No formula from the data.** A text cell — heading or value — that starts with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return is written with ``'`` in front (OWASP, "CSV
  injection"): a page title, an account name or a User-Agent such as
  ``=HYPERLINK("http://x","y")`` typed by an anonymous visitor opens in Excel as text and never
  runs. Real numbers stay numbers: only text is data that can be read as a formula. XLSX cells
  are also forced to the string type, and the characters XML cannot hold are dropped (a
  User-Agent with a control character would otherwise make openpyxl fail).
- **CSV is UTF-8 with a byte-order mark.** Without it, Excel on the agency's zh-Hant Windows
  desktops reads the file as Big5 and the Chinese comes out garbled.

``SafeSpreadsheetExportMixin`` is Wagtail's ``SpreadsheetExportMixin`` with its cell and
heading methods applying the first rule and its CSV response applying the second. A view
that sets ``personal_data_purpose`` also has each export recorded, once, before the file is
written: the recording belongs to whoever keeps the personal-data access log, named by the
``PERSONAL_DATA_EXPORT_RECORDER`` setting (a dotted path to ``recorder(view, queryset)``), so
that this module knows no app. The safe methods call Wagtail's originals, kept in
``WAGTAIL_METHODS``, never ``super()``: governance also puts them on Wagtail's own mixin
(``site45.wagtail_compat.exports``), and a ``super()`` there would recurse.
"""

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from wagtail.admin.views.mixins import SpreadsheetExportMixin

#: The first characters that make a spreadsheet read a cell as a formula (or run DDE).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Written before the first CSV line: Excel then reads the file as UTF-8.
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX = SpreadsheetExportMixin.FORMAT_XLSX
CSV = SpreadsheetExportMixin.FORMAT_CSV


def neutralise(value):
    """Text a spreadsheet would read as a formula, made plain text (``'`` in front).

    Anything that is not text (numbers, dates, ``None``) is returned unchanged.
    """
    if isinstance(value, Promise):
        value = force_str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xlsx_value(value):
    """One XLSX value: text neutralised and stripped of characters XML cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, Promise):
        value = force_str(value)
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def safe_cell(value, export_format):
    """A value Wagtail's preprocessing produced, made safe for ``export_format``."""
    if export_format == XLSX:
        return xlsx_value(value)
    return neutralise(value)


#: Wagtail's own methods, called by ours (kept before anything replaces them on Wagtail's mixin).
WAGTAIL_METHODS = {
    name: SpreadsheetExportMixin.__dict__[name]
    for name in ("preprocess_field_value", "get_heading", "write_csv_response", "as_spreadsheet")
}


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export with neutralised cells, a BOM on CSV and recorded exports.

    ``personal_data_purpose``: set it (to a purpose the recorder knows) on a view whose export
    holds personal data; each export is then recorded once, with the row count and the filter.
    ``personal_data_model`` names what was exported (default: the view's ``model``; a
    ``"app_label.Model"`` string is accepted so that no model is imported at class definition).
    """

    personal_data_purpose = None
    personal_data_model = None

    def preprocess_field_value(self, field, value, export_format):
        value = WAGTAIL_METHODS["preprocess_field_value"](self, field, value, export_format)
        return safe_cell(value, export_format)

    def get_heading(self, queryset, field):
        return neutralise(WAGTAIL_METHODS["get_heading"](self, queryset, field))

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
        return WAGTAIL_METHODS["as_spreadsheet"](self, queryset, spreadsheet_format)

    def record_export(self, queryset):
        """Hand the export to the keeper of the personal-data access log (the setting)."""
        import_string(settings.PERSONAL_DATA_EXPORT_RECORDER)(self, queryset)


#: What a caller may put on Wagtail's own mixin so that Wagtail's views write safely too.
SAFE_METHODS = (
    "preprocess_field_value",
    "get_heading",
    "write_csv_response",
    "as_spreadsheet",
    "record_export",
    "personal_data_purpose",
    "personal_data_model",
)
