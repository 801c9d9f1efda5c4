"""帳號清查: the semiannual audit of every account (規定 三(六), SPEC §6).

The account auditor (帳號清查者) opens an ``AccountAudit``; the system freezes a snapshot of
every active account into ``AccountAuditEntry`` rows (unit, role, permissions, last activity,
status as they were at that moment, so later changes do not rewrite the record). The auditor
marks each entry keep or suspend with a note; applying the audit suspends the accounts marked
suspend. An applied audit is read-only.

Half-years run January–June and July–December; each needs one audit (``audit_due_date``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountAudit(models.Model):
    OPEN = "open"
    APPLIED = "applied"
    STATUS_CHOICES = [
        (OPEN, _("清查中")),
        (APPLIED, _("已完成")),
    ]

    title = models.CharField(_("清查名稱"), max_length=100)
    status = models.CharField(_("狀態"), max_length=10, choices=STATUS_CHOICES, default=OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("清查人員"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("開始時間"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("完成人員"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("完成時間"), null=True, blank=True)

    class Meta:
        verbose_name = _("帳號清查")
        verbose_name_plural = _("帳號清查")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # At most one audit open at a time: two would freeze two snapshots of the same accounts.
            models.UniqueConstraint(fields=["status"], condition=models.Q(status="open"), name="one_open_account_audit")
        ]

    def __str__(self):
        return self.title


class AccountAuditEntry(models.Model):
    UNDECIDED = ""
    KEEP = "keep"
    SUSPEND = "suspend"
    DECISION_CHOICES = [
        (UNDECIDED, _("未決定")),
        (KEEP, _("保留")),
        (SUSPEND, _("停用")),
    ]

    audit = models.ForeignKey(AccountAudit, verbose_name=_("帳號清查"), on_delete=models.CASCADE, related_name="entries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("使用者"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="account_audit_entries",
    )
    # --- the snapshot, frozen when the audit is opened ---------------------------------------
    username = models.CharField(_("帳號"), max_length=150)
    full_name = models.CharField(_("姓名"), max_length=300, blank=True)
    unit_code = models.CharField(_("單位代碼"), max_length=64, blank=True)
    unit_name = models.CharField(_("所屬單位"), max_length=200, blank=True)
    account_role = models.CharField(_("使用者帳號角色"), max_length=200, blank=True)
    roles = models.CharField(_("權限"), max_length=300, blank=True)
    last_activity = models.DateTimeField(_("最近使用時間"), null=True, blank=True)
    account_status = models.CharField(_("帳號狀態"), max_length=50, blank=True)
    # --- the auditor's decision --------------------------------------------------------------
    decision = models.CharField(_("清查結果"), max_length=10, choices=DECISION_CHOICES, default=UNDECIDED, blank=True)
    note = models.TextField(_("說明"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("決定人員"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("決定時間"), null=True, blank=True)

    class Meta:
        verbose_name = _("帳號清查項目")
        verbose_name_plural = _("帳號清查項目")
        ordering = ["unit_code", "username"]
        constraints = [models.UniqueConstraint(fields=["audit", "user"], name="one_entry_per_account_per_audit")]

    def __str__(self):
        return f"{self.audit_id}: {self.username}"


# --- when an audit is due ----------------------------------------------------------------------


def half_year_of(day):
    """(year, 1) for January–June, (year, 2) for July–December."""
    return day.year, (1 if day.month <= 6 else 2)


def half_year_bounds(year, half):
    """First and last day of a half-year."""
    import datetime

    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def audited_in(year, half):
    """Whether an audit was opened in that half-year (open or applied)."""
    start, end = half_year_bounds(year, half)
    return AccountAudit.objects.filter(opened_at__date__gte=start, opened_at__date__lte=end).exists()


def audit_due_date(today=None):
    """The last day by which the next audit must be opened.

    The end of the current half-year if no audit was opened in it yet, else the end of the next.
    """
    from django.utils import timezone

    today = today or timezone.localdate()
    year, half = half_year_of(today)
    if not audited_in(year, half):
        return half_year_bounds(year, half)[1]
    next_year, next_half = (year, 2) if half == 1 else (year + 1, 1)
    return half_year_bounds(next_year, next_half)[1]


def last_half_year_missed(today=None):
    """The previous half-year as (year, half) if it ended without an audit, else ``None``."""
    from django.utils import timezone

    today = today or timezone.localdate()
    year, half = half_year_of(today)
    previous = (year - 1, 2) if half == 1 else (year, 1)
    return None if audited_in(*previous) else previous
