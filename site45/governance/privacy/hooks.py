"""Wagtail hooks of personal data (imported by ``wagtail_hooks``): the 「個資存取紀錄」 report."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin import AccessLogView
from .personal_data import may_read_access_log


@hooks.register("register_admin_urls")
def register_access_log_urls():
    return [
        path("reports/personal-data-access/", AccessLogView.as_view(), name="personal_data_access_log"),
        path(
            "reports/personal-data-access/results/",
            AccessLogView.as_view(results_only=True),
            name="personal_data_access_log_results",
        ),
    ]


class AccessLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_access_log(request.user)


@hooks.register("register_reports_menu_item")
def register_access_log_menu_item():
    return AccessLogMenuItem(_("個資存取紀錄"), reverse_lazy("personal_data_access_log"), icon_name="view", order=910)
