"""``IdleTimeoutMiddleware``: the server side of the session rules (``sessions.py``).

Placed after ``AuthenticationMiddleware``. On each request of a signed-in session:

1. a session idle for longer than ``ADMIN_IDLE_TIMEOUT_SECONDS`` is signed out (``logout``) before
   the view runs, with a message for the sign-in page; the request goes on as anonymous, so
   the admin redirects to its sign-in page (or refuses a script's request) as for anybody;
2. otherwise a request that counts as use of the admin restarts the idle clock, once the view
   has answered it without refusing it (a cross-site POST refused for its CSRF token does not);
3. on the way out, a session that was changed keeps expiring when the browser closes.

Signing out (``sessions.py``): a GET of the sign-out URL is answered 405
before any view runs, so it changes nothing; and a response that deletes the session cookie
while the session is still stored ends that session on the server too (``logout``).

The warning script (``static/signin/idle-timeout.js``) is only the warning: this is the rule.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.translation import gettext as _

from . import sessions


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if sessions.is_sign_out_by_other_method(request):
            return HttpResponseNotAllowed(sorted(sessions.SIGN_OUT_METHODS))
        row = self._enforce(request)
        response = self.get_response(request)
        if sessions.cookie_deleted_but_session_alive(request, response):
            logout(request)  # the browser forgets the cookie: the server forgets the session
            request.session.modified = False  # the deletion of the cookie stands
        if row is not None and response.status_code < 400 and sessions.counts_as_activity(request):
            sessions.mark_activity(row)  # after the view: a refused request (e.g. CSRF) is no use
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            sessions.ends_at_browser_close(session)
        return response

    @staticmethod
    def _enforce(request):
        """Sign an idle session out; otherwise return its row (``None`` when not signed in)."""
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is None or user is None or not user.is_authenticated or session.session_key is None:
            return None
        row = sessions.tracked_session(request)
        if sessions.is_idle(row, timezone.now()):
            minutes = sessions.idle_timeout_seconds() // 60
            logout(request)
            messages.warning(
                request,
                _("您已閒置超過 %(minutes)s 分鐘，為保護帳號安全已自動登出，請重新登入。") % {"minutes": minutes},
            )
            return None
        return row
