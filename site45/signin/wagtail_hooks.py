"""Admin hooks of the sign-in app: the idle-timeout warning script, the 「登入鎖定」 list and the
「登入紀錄」 report, and the stylesheet that hides the 「記住我」 box (sessions always end when
the browser closes, ``sessions.ends_at_browser_close``)."""

import json

from django.templatetags.static import static
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import sessions, views
from .lockout import may_unlock
from .signin_log import SignInLogView, may_read_signin_log


@hooks.register("register_admin_urls")
def register_signin_urls():
    return [
        path("signin/session/", views.session_status, name="signin_session_status"),
        path("signin/lockouts/", views.LockoutsView.as_view(), name="signin_lockouts"),
        path("signin/lockouts/unlock/", views.unlock, name="signin_unlock"),
        path("reports/signin-log/", SignInLogView.as_view(), name="signin_log"),
        path("reports/signin-log/results/", SignInLogView.as_view(results_only=True), name="signin_log_results"),
    ]


def warning_config():
    """What the warning script needs, as the data attribute of its own script tag (no inline
    script: the Content-Security-Policy allows none)."""
    return {
        "statusUrl": reverse("signin_session_status"),
        "loginUrl": reverse("wagtailadmin_login"),
        "logoutUrl": reverse("wagtailadmin_logout"),
        "timeoutSeconds": sessions.idle_timeout_seconds(),
        "warningSeconds": sessions.idle_warning_seconds(),
        "texts": {
            "title": gettext("即將自動登出"),
            # %(seconds)s is filled in by the script as it counts down
            "body": gettext(
                "您已有一段時間沒有操作後台。為保護帳號安全，系統將於 %(seconds)s 秒後自動登出；"
                "要繼續使用，請按「繼續使用」。"
            ),
            "stay": gettext("繼續使用"),
            "leave": gettext("立即登出"),
        },
    }


@hooks.register("insert_global_admin_js")
def idle_timeout_warning_js():
    return format_html(
        '<script src="{}" data-signin-idle="{}" defer></script>',
        static("signin/idle-timeout.js"),
        json.dumps(warning_config()),
    )


@hooks.register("insert_global_admin_css")
def signin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("signin/signin.css"))


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_unlock(request.user)


@hooks.register("register_admin_menu_item")
def register_lockouts_menu_item():
    return LockoutsMenuItem(_("登入鎖定"), reverse_lazy("signin_lockouts"), icon_name="lock", order=260)


class SignInLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_signin_log(request.user)


@hooks.register("register_reports_menu_item")
def register_signin_log_menu_item():
    return SignInLogMenuItem(_("登入紀錄"), reverse_lazy("signin_log"), icon_name="key", order=910)
