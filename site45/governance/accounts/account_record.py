"""「帳號異動紀錄」: the account record as a report, filterable and exportable.

Wagtail's site history shows a non-superuser only the log entries of models they hold Django
permissions on, which account managers and the auditor do not (their rights are our own
policies). This report reads the same ``ModelLogEntry`` rows, limited to the account actions
(``record_access.account_log_actions``) and to what ``record_access.entries_visible_to``
allows, with Wagtail's filters (action, user, date) and its CSV/XLSX export.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Value
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry

from site45.core.exports import SafeSpreadsheetExportMixin

from ..org.capabilities import AUDIT_ACCOUNTS, MANAGE_ACCOUNTS, user_can
from ..privacy.personal_data import Purpose
from .record_access import account_log_actions, entries_visible_to


def may_read_account_log(user):
    return user_can(user, MANAGE_ACCOUNTS) or user_can(user, AUDIT_ACCOUNTS)


class AccountLogFilterSet(HistoryFilterSet):
    def get_action_choices(self):
        wanted = set(account_log_actions())
        return [choice for choice in log_action_registry.get_choices() if choice[0] in wanted]

    def get_users_queryset(self):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        actors = entries_visible_to(self.request.user).exclude(user=None).values("user_id")
        return User.objects.filter(pk__in=actors).order_by(User.USERNAME_FIELD)

    class Meta:
        model = ModelLogEntry
        fields = []


class AccountLogView(SafeSpreadsheetExportMixin, LogEntriesView):
    # Reasons may name an e-mail address, and actors are shown by name: each export is
    # recorded once with the count and the filter (core.exports.SafeSpreadsheetExportMixin).
    personal_data_purpose = Purpose.ACCOUNT_RECORD
    personal_data_model = ModelLogEntry
    page_title = _("帳號異動紀錄")
    header_icon = "history"
    filterset_class = AccountLogFilterSet
    index_url_name = "account_log"
    index_results_url_name = "account_log_results"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_account_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "account-log-" + super().get_filename().removeprefix("audit-log-")

    def get_filtered_queryset(self):
        self.log_models = [ModelLogEntry]
        queryset = (
            entries_visible_to(self.request.user)
            .values("pk", "timestamp")
            .annotate(log_model_index=Value(0, output_field=IntegerField()))
        )
        return self.filter_queryset(queryset).order_by("-timestamp", "-pk")
