"""Wagtail's own spreadsheet exports written through ``SafeSpreadsheetExportMixin``.

Wagtail's reports, redirects, form submissions and generic listings export through
``wagtail.admin.views.mixins.SpreadsheetExportMixin``, which writes cells as they are (a
value starting with ``=`` is a formula in Excel) and CSV without the byte-order mark Excel
needs to read Chinese. Upstream treats formula neutralising as the spreadsheet's business
(wagtail/wagtail#3466, #7554), and these views are reached from Wagtail's own URLs and menu,
so ``install`` puts the safe methods (``site45.core.exports.SAFE_METHODS``) on Wagtail's mixin
itself, and marks the reports that name editors (``governance.privacy.exports.NAME_BEARING_REPORTS``)
as recorded in the personal-data access log. Idempotent.
"""

from django.utils.module_loading import import_string


def install():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from site45.core.exports import SAFE_METHODS, SafeSpreadsheetExportMixin
    from site45.governance.privacy.exports import NAME_BEARING_PURPOSE, NAME_BEARING_REPORTS

    for name in SAFE_METHODS:
        setattr(SpreadsheetExportMixin, name, SafeSpreadsheetExportMixin.__dict__[name])
    for path in NAME_BEARING_REPORTS:
        report = import_string(path)
        if "personal_data_purpose" not in report.__dict__:
            report.personal_data_purpose = NAME_BEARING_PURPOSE
