"""「個資存取紀錄」: the personal-data access log as a report, for the system administrator only.

A Wagtail ``ReportView`` over ``personal_data.PersonalDataAccess``: searched by account,
record or filter text; filtered by purpose, action, user and date; exported as CSV or XLSX
(Wagtail's spreadsheet export of the same filtered rows). Every other user is refused
(``PermissionDenied``). An export of this log is itself recorded (purpose 稽核個資存取紀錄),
one entry with the count and the filter; cells are neutralised against formulas
(``core.exports.SafeSpreadsheetExportMixin``, like every export).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports.base import ReportView

from site45.core.exports import SafeSpreadsheetExportMixin

from .personal_data import AccessAction, PersonalDataAccess, Purpose, may_read_access_log


def _users_in_log(request):
    User = get_user_model()
    ids = PersonalDataAccess.objects.exclude(user=None).values("user_id")
    return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)


class AccessLogFilterSet(WagtailFilterSet):
    purpose = django_filters.ChoiceFilter(label=_("目的"), choices=Purpose.choices)
    action = django_filters.ChoiceFilter(label=_("動作"), choices=AccessAction.choices)
    user = django_filters.ModelChoiceFilter(label=_("使用者"), queryset=_users_in_log)
    timestamp = django_filters.DateFromToRangeFilter(label=_("日期"), widget=DateRangePickerWidget)

    class Meta:
        model = PersonalDataAccess
        fields = ["purpose", "action", "user", "timestamp"]


def _when(entry):
    return timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S")


def _record(entry):
    if not entry.content_type_id:
        return entry.object_repr or "-"
    kind = entry.content_type.model_class()
    label = kind._meta.verbose_name if kind is not None else entry.content_type.model
    return f"{label}：{entry.object_repr}" if entry.object_repr else str(label)


class AccessLogView(SafeSpreadsheetExportMixin, ReportView):
    # An export of this log is itself recorded (core.exports.SafeSpreadsheetExportMixin); its
    # cells, filter text included, are neutralised there.
    personal_data_purpose = Purpose.ACCESS_LOG_REVIEW
    personal_data_model = PersonalDataAccess
    page_title = _("個資存取紀錄")
    header_icon = "view"
    model = PersonalDataAccess
    filterset_class = AccessLogFilterSet
    index_url_name = "personal_data_access_log"
    index_results_url_name = "personal_data_access_log_results"
    is_searchable = True
    search_fields = ["username", "object_repr", "object_id", "criteria"]
    search_backend_name = None
    default_ordering = "-timestamp"
    columns = [
        Column("timestamp", label=_("時間"), accessor=_when, sort_key="timestamp"),
        Column("username", label=_("帳號"), accessor=lambda e: e.username or _("（系統）"), sort_key="username"),
        Column("action", label=_("動作"), accessor="get_action_display"),
        Column("purpose", label=_("目的"), accessor="get_purpose_display"),
        Column("record", label=_("資料"), accessor=_record),
        Column("record_count", label=_("筆數")),
        Column("criteria", label=_("篩選條件")),
    ]
    list_export = [
        "timestamp_text",
        "username",
        "action_text",
        "purpose_text",
        "record_text",
        "record_count",
        "criteria",
        "path",
    ]
    export_headings = {
        "timestamp_text": _("時間"),
        "username": _("帳號"),
        "action_text": _("動作"),
        "purpose_text": _("目的"),
        "record_text": _("資料"),
        "record_count": _("筆數"),
        "criteria": _("篩選條件"),
        "path": _("網址"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_read_access_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return PersonalDataAccess.objects.select_related("content_type")

    def get_filename(self):
        return "personal-data-access-" + timezone.localdate().strftime("%Y%m%d")

    def to_row_dict(self, item):
        return {
            "timestamp_text": _when(item),
            "username": item.username,
            "action_text": str(item.get_action_display()),
            "purpose_text": str(item.get_purpose_display()),
            "record_text": str(_record(item)),
            "record_count": item.record_count,
            "criteria": item.criteria,
            "path": item.path,
        }
