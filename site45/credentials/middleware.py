"""The gate in front of the admin for signed-in users (after django-otp's ``OTPMiddleware``).

For an admin URL, in this order:

1. the account has two-factor sign-in and this session has not given a code → 輸入驗證碼;
2. the account's role requires two-factor sign-in and it has none yet → 設定兩步驟驗證;
3. the password is older than ``PASSWORD_MAX_AGE_DAYS`` → 帳號設定 (change the password).

The pages that make each step possible stay open (sign-out, the two-factor pages, Wagtail's
JavaScript catalogue and icons, the account page for step 3). The middleware sits before the
activity recorder, so a session stopped at the gate does not count as using the admin.
"""

from django.http import HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from site45.core.admin_requests import is_admin_request

from . import password_age, two_factor

#: URL names any signed-in user may reach at every step
ALWAYS_OPEN = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
)
VERIFY = "credentials_two_factor_verify"
SET_UP = "credentials_two_factor_set_up"
#: open while the password is too old: the page where it is changed
PASSWORD_CHANGE = "wagtailadmin_account"


def safe_next(request, value):
    """``value`` if it is a local URL, else the dashboard."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("wagtailadmin_home")


class CredentialsGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.gate(request)
        return response if response is not None else self.get_response(request)

    def gate(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_admin_request(request):
            return None
        name = self._url_name(request)
        if name in ALWAYS_OPEN:
            return None
        verified = bool(getattr(user, "is_verified", lambda: False)())  # set by django-otp's OTPMiddleware
        enrolled = verified or two_factor.has_two_factor(user)
        if enrolled and not verified:
            return None if name == VERIFY else self._send(request, VERIFY)
        if name == VERIFY:
            return None
        if not enrolled and two_factor.two_factor_required(user):
            return None if name == SET_UP else self._send(request, SET_UP)
        if name in (SET_UP, PASSWORD_CHANGE):
            return None
        if password_age.password_expired(user):
            return self._send(request, PASSWORD_CHANGE, keep_next=False)
        return None

    @staticmethod
    def _url_name(request):
        try:
            return resolve(request.path_info).url_name
        except Resolver404:
            return None

    @staticmethod
    def _send(request, url_name, keep_next=True):
        url = reverse(url_name)
        if keep_next and request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        wants_json = request.accepts("application/json") and not request.accepts("text/html")
        if request.headers.get("x-requested-with") == "XMLHttpRequest" or wants_json:
            # A script of the admin cannot follow the flow; it gets a clear refusal instead.
            return JsonResponse({"error": _("請先完成登入驗證或變更密碼。"), "redirect": url}, status=403)
        return HttpResponseRedirect(url)
