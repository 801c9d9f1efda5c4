"""Things the daily rules have already done once, so that running them again does nothing.

``enforce_account_rules`` may run twice a day, or on two nodes at the same moment. Each
warning, flag or reminder it sends first claims a ``RuleNotice`` row keyed by what it is about
(``kind`` + ``key``, unique together): the insert that wins sends, every other one finds the
row and skips. The rows are also the record of what was sent and when.
"""

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


class RuleNotice(models.Model):
    INACTIVITY_WARNING = "inactivity_warning"
    APPLICATION_OVERDUE = "application_overdue"
    AUDIT_REMINDER = "audit_reminder"
    KIND_CHOICES = [
        (INACTIVITY_WARNING, _("閒置停用預告")),
        (APPLICATION_OVERDUE, _("申請逾期通知")),
        (AUDIT_REMINDER, _("帳號清查提醒")),
    ]

    kind = models.CharField(_("類型"), max_length=32, choices=KIND_CHOICES)
    key = models.CharField(_("對象"), max_length=200)
    created_at = models.DateTimeField(_("建立時間"), auto_now_add=True)
    data = models.JSONField(_("內容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("規則通知紀錄")
        verbose_name_plural = _("規則通知紀錄")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="one_rule_notice_per_subject")]

    def __str__(self):
        return f"{self.kind}:{self.key}"


def claim_notice(kind, key, data=None):
    """True when this call is the first to claim (``kind``, ``key``); False if it was done before."""
    try:
        with transaction.atomic():
            RuleNotice.objects.create(kind=kind, key=key, data=data or {})
    except IntegrityError:
        return False
    return True
