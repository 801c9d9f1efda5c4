"""Wagtail hooks of the accounts room (imported by ``wagtail_hooks``): the 帳號申請 admin
(account applications), the user admin's "assign role" bulk action without the machine-managed
unit groups (the user viewset itself is registered by Wagtail from
``UsersAppConfig.user_viewset``, see ``users_appconfig``), the audit-log actions of the account lifecycle, the dashboard panels of
applications and the account audit, the system administrator's needs-action panel, and the 帳號異動紀錄 report."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .account_record import AccountLogView, may_read_account_log
from .admin_dashboard import needs_action_panels_for
from .application_admin import AccountApplicationViewSet
from .dashboard import account_panels_for
from .lifecycle_log import register_lifecycle_log_actions
from .user_admin import AssignGroupBulkAction


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return AccountApplicationViewSet("account_applications")


hooks.register("register_log_actions", register_lifecycle_log_actions)

# order=1: registered after Wagtail's own AssignRoleBulkAction, so this one replaces it.
hooks.register("register_bulk_action", AssignGroupBulkAction, order=1)


@hooks.register("construct_homepage_panels")
def add_account_panels(request, panels):
    if request.user.is_authenticated:
        panels.extend(needs_action_panels_for(request.user))
        panels.extend(account_panels_for(request.user))


@hooks.register("register_admin_urls")
def register_account_log_urls():
    return [
        path("reports/account-log/", AccountLogView.as_view(), name="account_log"),
        path("reports/account-log/results/", AccountLogView.as_view(results_only=True), name="account_log_results"),
    ]


class AccountLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_account_log(request.user)


@hooks.register("register_reports_menu_item")
def register_account_log_menu_item():
    return AccountLogMenuItem(_("帳號異動紀錄"), reverse_lazy("account_log"), icon_name="history", order=900)
