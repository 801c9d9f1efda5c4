"""Lifecycle events of accounts in Wagtail's audit log (SPEC §6).

Every step an account goes through is written with ``log_event``: who (the acting user, or
nobody for the daily rules), when (the entry's timestamp), on what (the application, the user
or the audit) and why (``data["reason"]``, a zh-Hant sentence kept as it was said, plus codes
for filtering). The entries show in the object's history and in 網站歷史記錄 (site history),
whose action filter lists every label below.

Nothing else in the project writes these actions: the admin actions, ``approval_effects``, the
public filing form, ``enforce_account_rules`` and the audit all call ``log_event``.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, log, registry
from wagtail.models import ModelLogEntry

# Sign-in (site45/signin) and two-factor sign-in, passwords, e-mail (site45/credentials) name and
# label their own actions; both apps write through site45.core.account_policy.log_event.
from site45.credentials.log_actions import LABELS as CREDENTIAL_LABELS
from site45.signin.log_actions import (  # noqa: F401 (names: API)
    ACCOUNT_LOCKED_OUT,
    ACCOUNT_UNLOCKED,
    SESSION_DISPLACED,
)
from site45.signin.log_actions import LABELS as SIGNIN_LABELS

APPLICATION_FILED = "site45.application_filed"
APPLICATION_CONFIRMED = "site45.application_confirmed"
APPLICATION_RECEIVED = "site45.application_received"
APPLICATION_APPROVED = "site45.application_approved"
APPLICATION_REJECTED = "site45.application_rejected"
APPLICATION_COMPLETED = "site45.application_completed"
APPLICATION_OVERDUE = "site45.application_overdue"
ACCOUNT_CREATED = "site45.account_created"
ACCOUNT_SUSPENDED = "site45.account_suspended"
ACCOUNT_RESTORED = "site45.account_restored"
ACCOUNT_SUSPENDED_EX_OFFICIO = "site45.account_suspended_ex_officio"
ACCOUNT_CLOSED_INACTIVE = "site45.account_closed_inactive"
INACTIVITY_WARNING = "site45.inactivity_warning"
PASSWORD_LINK_SENT = "site45.password_link_sent"
DEPARTURE_RECORDED = "site45.departure_recorded"
AUDIT_OPENED = "site45.audit_opened"
AUDIT_APPLIED = "site45.audit_applied"
ACCOUNT_SUSPENDED_BY_AUDIT = "site45.account_suspended_by_audit"
AUDIT_REMINDER = "site45.audit_reminder"

#: action -> label shown in the history and in the site-history filter
LABELS = {
    APPLICATION_FILED: _("提出帳號申請"),
    APPLICATION_CONFIRMED: _("聯繫窗口確認申請"),
    APPLICATION_RECEIVED: _("帳號申請收件"),
    APPLICATION_APPROVED: _("核准帳號申請"),
    APPLICATION_REJECTED: _("不核准帳號申請"),
    APPLICATION_COMPLETED: _("完成帳號申請"),
    APPLICATION_OVERDUE: _("帳號申請逾期未回覆"),
    ACCOUNT_CREATED: _("開通帳號"),
    ACCOUNT_SUSPENDED: _("停用帳號（申請）"),
    ACCOUNT_RESTORED: _("恢復使用帳號"),
    ACCOUNT_SUSPENDED_EX_OFFICIO: _("依職權逕予停用帳號"),
    ACCOUNT_CLOSED_INACTIVE: _("閒置逾期停用帳號"),
    INACTIVITY_WARNING: _("閒置停用預告"),
    PASSWORD_LINK_SENT: _("寄送設定密碼連結"),
    DEPARTURE_RECORDED: _("登錄離職或調離日期"),
    AUDIT_OPENED: _("開始帳號清查"),
    AUDIT_APPLIED: _("完成帳號清查"),
    ACCOUNT_SUSPENDED_BY_AUDIT: _("帳號清查停用帳號"),
    AUDIT_REMINDER: _("帳號清查提醒"),
    **SIGNIN_LABELS,
    **CREDENTIAL_LABELS,
}

LIFECYCLE_ACTIONS = tuple(LABELS)


def log_event(instance, action, by=None, reason="", **data):
    """Write one lifecycle event against ``instance``; ``reason`` says why, in zh-Hant."""
    if action not in LABELS:
        raise ValueError(f"unknown lifecycle action {action!r}")
    if registry.get_log_model_for_instance(instance) is None:
        # A model with no admin viewset (which would register it) must not lose its events.
        registry.register_model(type(instance), ModelLogEntry)
    with translation.override("zh-hant"):  # the record keeps the agency's wording
        payload = {"reason": str(reason)} if reason else {}
    payload.update(data)
    return log(instance=instance, action=action, user=by, data=payload)


class LifecycleFormatter(LogFormatter):
    """「label：reason」, from what was recorded at the time (no query per row)."""

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        if reason:
            return _("%(label)s：%(reason)s") % {"label": self.label, "reason": reason}
        return str(self.label)


def register_lifecycle_log_actions(actions):
    """For the ``register_log_actions`` hook."""
    for action, label in LABELS.items():
        formatter = type(f"LifecycleFormatter_{action.split('.')[-1]}", (LifecycleFormatter,), {"label": label})
        actions.register_action(action)(formatter)
