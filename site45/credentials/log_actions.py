"""Audit-log actions of two-factor sign-in, passwords and e-mail changes (written with ``governance.accounts.lifecycle_log.log_event``).

Only names and labels live here, so that ``lifecycle_log`` can add them to its action list
(and so to the 帳號異動紀錄 report and Wagtail's site history) without importing anything else
of this app.
"""

from django.utils.translation import gettext_lazy as _

TWO_FACTOR_SET_UP = "site45.two_factor_set_up"
TWO_FACTOR_RESET = "site45.two_factor_reset"
TWO_FACTOR_TURNED_OFF = "site45.two_factor_turned_off"
RECOVERY_CODE_USED = "site45.recovery_code_used"
RECOVERY_CODES_RENEWED = "site45.recovery_codes_renewed"
# credentials changed (ASVS V2.2.3)
PASSWORD_CHANGED = "site45.password_changed"
EMAIL_CHANGE_REQUESTED = "site45.email_change_requested"
EMAIL_CHANGED = "site45.email_changed"

LABELS = {
    TWO_FACTOR_SET_UP: _("設定兩步驟驗證"),
    TWO_FACTOR_RESET: _("重設兩步驟驗證"),
    TWO_FACTOR_TURNED_OFF: _("關閉或更換兩步驟驗證"),
    RECOVERY_CODE_USED: _("使用復原碼登入"),
    RECOVERY_CODES_RENEWED: _("重新產生復原碼"),
    PASSWORD_CHANGED: _("變更密碼"),
    EMAIL_CHANGE_REQUESTED: _("申請變更電子信箱"),
    EMAIL_CHANGED: _("變更電子信箱"),
}
