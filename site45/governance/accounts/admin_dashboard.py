"""The system administrator's needs-action panel (「待處理事項」), first on their dashboard.

What waits for the system administrator, each as a count or a date with a link to where it is
handled:

- overdue account applications (``AccountApplication.objects.overdue``), linking to the
  applications list filtered to them;
- the next 帳號清查's due date and the audit in progress, if any (``dashboard.audit_status``);
- units whose reviewer seat is empty (``review.reviewers.empty_reviewer_seats``), linking to
  the unit list filtered to them (``review.unit_filters``);
- the submissions waiting longest for their 單位審核 across the whole site
  (``review.waiting``): unit, submitter, responsible reviewer and how long waited.

Shown to whoever holds ``capabilities.ADMINISTER_SYSTEM`` (the superuser, 系統總管理者); the
other panels and other users' dashboards are as before. A fixed number of queries, however
many applications, units or submissions there are.
"""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..org.capabilities import ADMINISTER_SYSTEM, user_can
from ..review.reviewers import empty_reviewer_seats
from ..review.unit_filters import empty_seats_url
from ..review.waiting import in_review, waiting_rows
from .dashboard import audit_status, overdue_applications_url
from .routing import applications_visible_to

#: How many of the submissions waiting longest the panel lists.
WAITING_ROWS = 5


class NeedsActionPanel(Component):
    name = "system_admin_needs_action"
    template_name = "governance/dashboard_needs_action.html"
    order = 10  # first: our other panels start at 90, Wagtail's at 210

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        waiting = in_review()
        waiting_count = waiting.count()
        rows = waiting_rows(waiting[:WAITING_ROWS])
        context.update(
            overdue_count=applications_visible_to(self.user).overdue(today).count(),
            overdue_url=overdue_applications_url(),
            **audit_status(today),
            empty_seats=empty_reviewer_seats().count(),
            empty_seats_url=empty_seats_url(),
            waiting=rows,
            waiting_count=waiting_count,
            waiting_more=max(waiting_count - len(rows), 0),
            waiting_url=reverse("wagtailadmin_reports:workflow") + "?status=in_progress",
        )
        return context


def needs_action_panels_for(user):
    """The needs-action panel for the system administrator; nothing for anyone else."""
    return [NeedsActionPanel(user)] if user_can(user, ADMINISTER_SYSTEM) else []
