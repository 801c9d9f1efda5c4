"""Dashboard panels of the account lifecycle.

- ``ApplicationsPanel`` — for whoever handles applications (the routed account manager, the
  system administrator): applications waiting for receipt or a reply, and those past the
  5-working-day deadline, oldest first.
- ``AccountAuditPanel`` — for whoever audits (the account auditor, the system administrator):
  when the next 帳號清查 is due, the audit in progress, and accounts that the 180-day rule will
  close within ``NEAR_LIMIT_DAYS``.

Who sees which panel is ``capabilities.MANAGE_ACCOUNTS`` and ``capabilities.AUDIT_ACCOUNTS``;
what is counted comes from the modules that own the rules. Each panel costs a fixed number of
queries, however many applications or accounts there are.
"""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..org.capabilities import AUDIT_ACCOUNTS, MANAGE_ACCOUNTS, user_can
from ..privacy.personal_data import masked_user_name
from .applications import AccountApplication
from .daily_rules import accounts_near_inactivity_limit
from .routing import applications_visible_to
from .semiannual_audit.audits import AccountAudit, audit_due_date

#: How many rows a panel lists before "and N more".
PANEL_ROWS = 10
#: The auditor's panel lists accounts the inactivity rule closes within this many days.
NEAR_LIMIT_DAYS = 14


def audit_status(today):
    """The next 帳號清查's due date, the audit in progress (or ``None``) and where to go (two
    queries): what the auditor's panel and the system administrator's needs-action panel say."""
    open_audit = AccountAudit.objects.filter(status=AccountAudit.OPEN).first()
    return {
        "due_date": audit_due_date(today),
        "open_audit": open_audit,
        "audit_url": (
            reverse("account_audits:entries", args=[open_audit.pk]) if open_audit else reverse("account_audits:index")
        ),
    }


def overdue_applications_url():
    """The applications list filtered to the overdue ones."""
    return f"{reverse('account_applications:index')}?overdue=true"


class ApplicationsPanel(Component):
    name = "account_applications"
    template_name = "governance/dashboard_applications.html"
    order = 96

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        visible = applications_visible_to(self.user)
        waiting = visible.filter(status__in=(AccountApplication.FILED, AccountApplication.RECEIVED))
        overdue = set(visible.overdue().values_list("pk", flat=True))
        rows = list(waiting.select_related("unit").order_by("received_date", "application_date", "pk")[:PANEL_ROWS])
        for app in rows:
            app.panel_overdue = app.pk in overdue
            app.panel_name = masked_user_name(app)  # as on the list: names in full only on the record
        index_url = reverse("account_applications:index")
        context.update(
            rows=rows,
            to_receive=waiting.filter(status=AccountApplication.FILED).count(),
            awaiting_reply=waiting.filter(status=AccountApplication.RECEIVED).count(),
            overdue_count=len(overdue),
            index_url=index_url,
            overdue_url=overdue_applications_url(),
            inspect_url_name="account_applications:inspect",
        )
        context["more"] = max(context["to_receive"] + context["awaiting_reply"] - len(rows), 0)
        return context


class AccountAuditPanel(Component):
    name = "account_audit"
    template_name = "governance/dashboard_account_audit.html"
    order = 97

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        near = list(accounts_near_inactivity_limit(today, within_days=NEAR_LIMIT_DAYS))
        context.update(
            today=today,
            **audit_status(today),
            near=near[:PANEL_ROWS],
            near_count=len(near),
            near_days=NEAR_LIMIT_DAYS,
        )
        context["more"] = max(len(near) - PANEL_ROWS, 0)
        return context


def account_panels_for(user):
    """The lifecycle panels ``user``'s dashboard shows (the system administrator gets both)."""
    panels = []
    if user_can(user, MANAGE_ACCOUNTS):
        panels.append(ApplicationsPanel(user))
    if user_can(user, AUDIT_ACCOUNTS):
        panels.append(AccountAuditPanel())
    return panels
