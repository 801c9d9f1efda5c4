"""「登入紀錄」: every sign-in, successful or not, with time, account and address.

The store is django-axes's: ``AccessLog`` (successes, with the sign-out time) and
``AccessFailureLog`` (every failure, ``AXES_ENABLE_ACCESS_FAILURE_LOG``, with whether it was
refused by a lock). This report reads both as one list, newest first, for the system
administrator, with filters (result, account, address, date range) and a CSV/XLSX export.

The export goes through ``core.exports.SafeSpreadsheetExportMixin``: account names and
User-Agents come from anonymous visitors, so every cell is neutralised against formulas, and
each export is recorded in the personal-data access log (purpose 查核登入紀錄, ``signin_log``;
the log is governance's, reached through the ``PERSONAL_DATA_EXPORT_RECORDER`` setting, so
sign-in does not import governance for it).
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, CharField, DateTimeField, F, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from site45.core.exports import SafeSpreadsheetExportMixin

from .lockout import is_system_admin

SUCCESS = "success"
FAILURE = "failure"
RESULT_CHOICES = [(SUCCESS, _("成功")), (FAILURE, _("失敗"))]
FIELDS = ("attempt_time", "username", "ip_address", "user_agent", "result", "locked_out", "logout_time")


def may_read_signin_log(user):
    return is_system_admin(user)


class SignInLogFilterSet(WagtailFilterSet):
    """The same filters apply to both stores (they share these columns)."""

    result = django_filters.ChoiceFilter(
        label=_("結果"), choices=RESULT_CHOICES, method="keep_all", empty_label=_("全部")
    )
    username = django_filters.CharFilter(label=_("帳號"), lookup_expr="iexact")
    ip_address = django_filters.CharFilter(label=_("網路位址"), lookup_expr="exact")
    attempt_time = django_filters.DateFromToRangeFilter(label=_("時間"), widget=DateRangePickerWidget)

    def keep_all(self, queryset, name, value):
        return queryset  # chooses the store (``SignInLogView.get_filtered_queryset``), not rows

    class Meta:
        fields = []


class ResultColumn(Column):
    def get_value(self, instance):
        if instance["result"] == SUCCESS:
            return _("成功")
        return _("失敗（鎖定中）") if instance["locked_out"] else _("失敗")


class SignInLogView(SafeSpreadsheetExportMixin, ReportView):
    personal_data_purpose = "signin_log"  # governance's personal_data.Purpose.SIGNIN_LOG (查核登入紀錄)
    personal_data_model = "axes.AccessLog"
    page_title = _("登入紀錄")
    header_icon = "key"
    index_url_name = "signin_log"
    index_results_url_name = "signin_log_results"
    filterset_class = SignInLogFilterSet
    export_filename = "signin-log"
    list_export = list(FIELDS)
    export_headings = {
        "attempt_time": _("時間"),
        "username": _("帳號"),
        "ip_address": _("網路位址"),
        "user_agent": _("瀏覽器"),
        "result": _("結果"),
        "locked_out": _("鎖定中"),
        "logout_time": _("登出時間"),
    }
    columns = [
        Column("attempt_time", label=_("時間")),
        Column("username", label=_("帳號")),
        Column("ip_address", label=_("網路位址")),
        ResultColumn("result", label=_("結果")),
        Column("user_agent", label=_("瀏覽器")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not may_read_signin_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        from axes.models import AccessLog

        return {**super().get_filterset_kwargs(), "queryset": AccessLog.objects.none()}

    def get_filtered_queryset(self):
        from axes.models import AccessFailureLog, AccessLog

        result = ""
        if self.filters is not None and self.filters.is_valid():
            result = self.filters.form.cleaned_data.get("result") or ""
        parts = []
        if result in ("", SUCCESS):
            parts.append(
                self._rows(
                    AccessLog.objects.all(),
                    SUCCESS,
                    locked_out=Value(False, output_field=BooleanField()),
                    logout_time=F("logout_time"),
                )
            )
        if result in ("", FAILURE):
            parts.append(
                self._rows(
                    AccessFailureLog.objects.all(),
                    FAILURE,
                    locked_out=F("locked_out"),
                    logout_time=Value(None, output_field=DateTimeField()),
                )
            )
        first, *rest = parts
        return first.union(*rest, all=True).order_by("-attempt_time") if rest else first.order_by("-attempt_time")

    def _rows(self, queryset, result, *, locked_out, logout_time):
        queryset = self.filter_queryset(queryset)
        return queryset.annotate(
            result=Value(result, output_field=CharField()),
            locked=locked_out,
            ended=logout_time,
        ).values_list(
            "attempt_time",
            "username",
            "ip_address",
            "user_agent",
            "result",
            "locked",
            "ended",
            named=False,
        )

    def decorate_paginated_queryset(self, object_list):
        return [dict(zip(FIELDS, row)) for row in object_list]

    def get_table(self, object_list):
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def to_row_dict(self, item):
        row = item if isinstance(item, dict) else dict(zip(FIELDS, item))
        row = dict(row)
        row["result"] = str(ResultColumn("result").get_value(row))
        row["locked_out"] = _("是") if row["locked_out"] else ""
        for field in ("attempt_time", "logout_time"):  # Taipei time in the file, as on the page
            if row[field] is not None:
                row[field] = timezone.make_naive(row[field]).replace(microsecond=0)
        return {field: row[field] for field in self.list_export}
