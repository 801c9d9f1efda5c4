"""Governance's side of the spreadsheet exports: which are recorded, and how.

The mixin itself, with the two rules of every file (no formula from the data, a byte-order
mark on CSV), is ``site45.core.exports.SafeSpreadsheetExportMixin``; every export of the admin
is built on it. This module adds what only governance knows:

- ``record_export``, named by the ``PERSONAL_DATA_EXPORT_RECORDER`` setting: an export of a
  view that sets ``personal_data_purpose`` (a ``personal_data.Purpose``) becomes one entry of
  the personal-data access log — who, when, the row count and the filter. Ours: the sign-in
  log (account names, addresses, browsers), the account record, the access log itself.
- ``site45.wagtail_compat.exports`` puts the mixin's safe methods on Wagtail's own
  ``SpreadsheetExportMixin`` when the project is ready, so that Wagtail's exports — the page reports
  (locked pages, aging pages, site history, workflows, page types usage), the redirects and
  form-submission listings, any generic ``IndexView`` with ``list_export`` — write through
  the same code; the reports that name editors (``NAME_BEARING_REPORTS``) are recorded under
  內容管理報表. ``tests/core/test_exports.py`` checks that the methods are in place.
"""

from django.apps import apps
from django.db.models import QuerySet
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from site45.core.exports import CSV, SAFE_METHODS, XLSX, SafeSpreadsheetExportMixin  # noqa: F401 (CSV, XLSX: API)

from .personal_data import AccessAction, Purpose, criteria_of_request, record_access

#: Wagtail's reports whose files name editors (the user columns hold first and last names,
#: ``personal_data.USER_PERSONAL_FIELDS``): each export is recorded, purpose 內容管理報表.
NAME_BEARING_REPORTS = (
    "wagtail.admin.views.reports.audit_logging.LogEntriesView",
    "wagtail.admin.views.reports.locked_pages.LockedPagesView",
    "wagtail.admin.views.reports.aging_pages.AgingPagesView",
    "wagtail.admin.views.reports.workflows.WorkflowView",
    "wagtail.admin.views.reports.workflows.WorkflowTasksView",
)
NAME_BEARING_PURPOSE = Purpose.CONTENT_REPORT


def record_export(view, queryset):
    """One access-log entry for the export ``view`` is writing: its purpose, count and filter."""
    model = view.personal_data_model or getattr(view, "model", None)
    if isinstance(model, str):  # "app_label.Model"
        model = apps.get_model(model)
    count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    record_access(
        view.request.user,
        None,
        view.personal_data_purpose,
        AccessAction.EXPORT,
        model=model,
        count=count,
        criteria=criteria_of_request(view.request),
        request=view.request,
    )


def is_installed():
    return all(
        SpreadsheetExportMixin.__dict__[name] is SafeSpreadsheetExportMixin.__dict__[name] for name in SAFE_METHODS
    )
