"""Audit-log actions of the admin sign-in (written through ``site45.core.account_policy``'s ``log_event``).

Only names and labels live here, so that ``governance.accounts.lifecycle_log`` can add them to its
action list without importing anything else of this app (as with ``credentials.log_actions``).
"""

from django.utils.translation import gettext_lazy as _

SESSION_DISPLACED = "site45.session_displaced"
ACCOUNT_LOCKED_OUT = "site45.account_locked_out"
ACCOUNT_UNLOCKED = "site45.account_unlocked"

LABELS = {
    SESSION_DISPLACED: _("同一帳號於另一處登入"),
    ACCOUNT_LOCKED_OUT: _("登入失敗過多鎖定帳號"),
    ACCOUNT_UNLOCKED: _("解除登入鎖定"),
}
