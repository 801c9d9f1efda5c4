"""Admin views of the sign-in app.

- ``session_status``: GET tells the warning script how long the session has left (not use of
  the admin); POST is 「繼續使用」 and restarts the idle clock (CSRF-protected like any POST).
- ``LockoutsView`` / ``unlock``: the 「登入鎖定」 list and its 解除鎖定 button (POST), scoped by
  ``lockout.current_lockouts`` / ``lockout.unlock_account``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import lockout, sessions


@require_http_methods(["GET", "POST"])
def session_status(request):
    """``{"signed_in": bool, "seconds_left": int, "warning_seconds": int}``.

    The middleware has already signed an idle session out (the admin then redirects to its
    sign-in page, which the script takes as "signed out").
    """
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "login_url": reverse("wagtailadmin_login")})
    row = sessions.tracked_session(request)
    if request.method == "POST":
        sessions.mark_activity(row)  # 「繼續使用」: the answer already counts from now
    return JsonResponse(
        {
            "signed_in": True,
            "seconds_left": max(0, int(sessions.seconds_left(row, timezone.now()))),
            "timeout_seconds": sessions.idle_timeout_seconds(),
            "warning_seconds": sessions.idle_warning_seconds(),
        }
    )


class UnlockerRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not lockout.may_unlock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LockoutsView(UnlockerRequiredMixin, WagtailAdminTemplateMixin, View):
    """「登入鎖定」: the locks in force the user may lift."""

    template_name = "signin/lockouts.html"
    page_title = gettext_lazy("登入鎖定")
    header_icon = "lock"

    def get(self, request):
        locks = lockout.current_lockouts(request.user)
        return self.render_to_response(
            self.get_context_data(
                accounts=[lock for lock in locks if lock.kind == "account"],
                addresses=[lock for lock in locks if lock.kind == "address"],
                failure_limit=lockout.failure_limit(),
                minutes=int(lockout.cool_off().total_seconds() // 60),
                is_system_admin=lockout.is_system_admin(request.user),
                unlock_url=reverse("signin_unlock"),
            )
        )


class UnlockView(UnlockerRequiredMixin, View):
    """解除鎖定 (POST ``username`` or, for the system administrator, ``ip_address``)."""

    def post(self, request):
        username = (request.POST.get("username") or "").strip()
        address = (request.POST.get("ip_address") or "").strip()
        if username:
            removed = lockout.unlock_account(request.user, username)
            label = username
        elif address:
            try:
                removed = lockout.unlock_address(request.user, address)
            except ValueError:
                messages.error(request, _("「%(value)s」不是有效的網路位址。") % {"value": address})
                return redirect("signin_lockouts")
            label = address
        else:
            messages.error(request, _("請選擇要解除鎖定的帳號或位址。"))
            return redirect("signin_lockouts")
        if removed:
            messages.success(request, _("已解除「%(name)s」的登入鎖定。") % {"name": label})
        else:
            messages.info(request, _("「%(name)s」目前沒有登入鎖定。") % {"name": label})
        return redirect("signin_lockouts")


def unlock(request):
    return require_POST(UnlockView.as_view())(request)
