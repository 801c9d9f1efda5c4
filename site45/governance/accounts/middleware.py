"""Request middleware of the governance app."""

from django.utils import timezone

from site45.core.admin_requests import is_admin_request

from .activity import ACTIVITY_WRITE_INTERVAL, record_activity

SESSION_KEY = "site45_activity_recorded_at"


class AdminActivityMiddleware:
    """Record that a signed-in user used the admin (``activity.AccountActivity``).

    Only admin requests count (reading the public site signed in is not using the account),
    and one session writes at most once per ``ACTIVITY_WRITE_INTERVAL``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active and is_admin_request(request):
            self._record(request, user)
        return response

    @staticmethod
    def _record(request, user):
        now = timezone.now()
        last = request.session.get(SESSION_KEY)
        if last is not None and now.timestamp() - last < ACTIVITY_WRITE_INTERVAL.total_seconds():
            return
        record_activity(user, now)
        request.session[SESSION_KEY] = now.timestamp()
