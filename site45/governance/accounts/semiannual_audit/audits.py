"""帳號清查: the semiannual audit of every account (規定 三(六), SPEC §6).

The account auditor (帳號清查者) opens an ``AccountAudit``; the system freezes a snapshot of
every active account into ``AccountAuditEntry`` rows (unit, role, permissions, last use, status
as they were at that moment, so later changes do not rewrite the record). Last use is the daily
rules' own definition (``accounts.approval_effects.last_use``: sign-in, admin use, restore). The auditor
marks each entry keep or suspend with a note; applying the audit suspends the accounts marked
suspend. An applied audit is read-only.

Half-years run January–June and July–December; each needs one audit (``audit_due_date``).

The rules of the audit live here and nowhere else; the admin (``semiannual_audit.admin``) only
calls them:

- **who** (``may_audit``): the account auditor (``Membership.is_account_auditor``) and the system
  administrator (a superuser or ``Membership.is_system_admin``). Account managers are not
  auditors: the person who opens accounts should not be the one who checks them.
- **open** (``open_audit``): one audit at a time (the database constraint backs the check, so a
  race ends in the same message, not an error). The snapshot is one ``INSERT … SELECT``: the
  labels are computed by the database, so 20 or 20,000 accounts cost the same number of
  queries and nothing is loaded into memory.
- **mark** (``mark_entries``, ``mark_unit``): keep, suspend or back to undecided, with a note;
  a suspension needs a note (the log says why) and nobody marks their own account suspended.
- **apply** (``apply_audit``): every entry marked suspend is suspended through
  ``accounts.approval_effects.deactivate_account``; undecided entries count as keep. Then the audit is
  applied and read-only: every later change is refused here, whatever the view.

Each step locks the audit row, so marking and applying never interleave.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, router, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from site45.core.text_checks import has_control_characters

from ...org.account_roles import ACCOUNT_ROLE_CHOICES, ACCOUNT_ROLE_OTHER
from ...org.capabilities import AUDIT_ACCOUNTS, user_can, users_who_can
from ...org.roles import ROLE_FIELDS, ROLE_LABELS
from ..approval_effects import deactivate_account, last_use
from ..lifecycle_log import ACCOUNT_SUSPENDED_BY_AUDIT, AUDIT_APPLIED, AUDIT_OPENED, log_event


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

    @property
    def is_open(self):
        return self.status == self.OPEN


class AccountAuditEntry(models.Model):
    UNDECIDED = ""
    KEEP = "keep"
    SUSPEND = "suspend"
    DECISION_CHOICES = [
        (UNDECIDED, _("未決定")),
        (KEEP, _("保留")),
        (SUSPEND, _("停用")),
    ]

    audit = models.ForeignKey(
        AccountAudit, verbose_name=_("帳號清查"), on_delete=models.CASCADE, related_name="entries"
    )
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
    note = models.TextField(pgettext_lazy("帳號清查", "說明"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("決定人員"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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
    today = today or timezone.localdate()
    year, half = half_year_of(today)
    if not audited_in(year, half):
        return half_year_bounds(year, half)[1]
    next_year, next_half = (year, 2) if half == 1 else (year + 1, 1)
    return half_year_bounds(next_year, next_half)[1]


def last_half_year_missed(today=None):
    """The previous half-year as (year, half) if it ended without an audit, else ``None``."""
    today = today or timezone.localdate()
    year, half = half_year_of(today)
    previous = (year - 1, 2) if half == 1 else (year, 1)
    return None if audited_in(*previous) else previous


# --- who may audit -----------------------------------------------------------------------------


def may_audit(user):
    """The account auditor and the system administrator (active accounts only); nobody else.

    Account managers are deliberately left out: the person who opens accounts should not be the
    one who checks them (separation of duties).
    """
    return user_can(user, AUDIT_ACCOUNTS)


def auditors():
    """Active users for whom ``may_audit`` is true (one query, for the permission policy)."""
    return users_who_can(AUDIT_ACCOUNTS)


# --- the steps of an audit -----------------------------------------------------------------------

#: The decisions a person may choose (undecided puts an entry back).
DECISIONS = (AccountAuditEntry.UNDECIDED, AccountAuditEntry.KEEP, AccountAuditEntry.SUSPEND)

#: Stands for "no unit" where a unit code is expected (a code never contains parentheses).
NO_UNIT = "(none)"


class AuditRefused(ValidationError):
    """A step the audit's rules do not allow; the message is for the person, in zh-Hant."""


def _refusal(message):
    with translation.override("zh-hant"):
        return AuditRefused(str(message))


def default_title(today=None):
    """「2026 年下半年帳號清查」 for the half-year of ``today``; 「（第 2 次）」 if that title is taken."""
    year, half = half_year_of(today or timezone.localdate())
    with translation.override("zh-hant"):
        if half == 1:
            title = str(_("%(year)s 年上半年帳號清查") % {"year": year})
        else:
            title = str(_("%(year)s 年下半年帳號清查") % {"year": year})
        taken = AccountAudit.objects.filter(title__startswith=title).count()
        if taken:
            title = str(_("%(title)s（第 %(n)s 次）") % {"title": title, "n": taken + 1})
    return title


def open_audit(by_user, title=None):
    """Open an audit with a frozen snapshot of every active account; returns the audit.

    Refused (``AuditRefused``) while another audit is open. The check is repeated by the
    database (``one_open_account_audit``): two people opening at the same moment get the same
    message, and nothing of the loser's attempt is stored.
    """
    title = (title or "").strip() or default_title()
    if has_control_characters(title):
        raise _refusal(_("清查名稱含有無法接受的控制字元，請重新輸入。"))
    already_open = _("已有進行中的帳號清查，請先完成後再開始新的清查。")
    if current_audit() is not None:
        raise _refusal(already_open)
    try:
        with transaction.atomic():
            audit = AccountAudit.objects.create(title=title[:100], opened_by=by_user)
            frozen = _freeze_snapshot(audit)
            with translation.override("zh-hant"):
                reason = _("凍結 %(count)s 個啟用中帳號的資料") % {"count": frozen}
            log_event(audit, AUDIT_OPENED, by=by_user, reason=reason, accounts=frozen)
    except IntegrityError:
        raise _refusal(already_open) from None
    return audit


#: Entry fields written by the snapshot, in the order of the SELECT that fills them.
SNAPSHOT_FIELDS = (
    "audit",
    "user",
    "username",
    "full_name",
    "unit_code",
    "unit_name",
    "account_role",
    "roles",
    "last_activity",
    "account_status",
    "decision",
    "note",
)


def snapshot_rows(audit):
    """The snapshot as a values() queryset of active users, one row per entry, labels in zh-Hant.

    Everything is computed by the database (one SELECT), so that ``_freeze_snapshot`` can insert
    it with one statement. Relations are reached through ``alias(F(...))`` only: an F() to a
    nullable relation is a LEFT JOIN, so users without membership or activity stay in.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.functions import Cast, Coalesce, Concat, Substr

    text = CharField()
    with translation.override("zh-hant"):
        role_whens = [
            When(m_account_role=code, then=Value(str(label)))
            for code, label in ACCOUNT_ROLE_CHOICES
            if code != ACCOUNT_ROLE_OTHER
        ]
        role_whens.append(
            When(
                m_account_role=ACCOUNT_ROLE_OTHER,
                then=Concat(Value(str(_("其他："))), F("m_account_role_other"), output_field=text),
            )
        )
        # Each held role adds 「、label」; Substr drops the first 「、」.
        permission_parts = [
            Case(When(**{f"m_{field}": True}, then=Value("、" + str(ROLE_LABELS[role]))), default=Value(""))
            for role, field in ROLE_FIELDS.items()
        ]
        permission_parts.append(
            Case(When(is_superuser=True, then=Value("、" + str(_("超級使用者")))), default=Value(""))
        )
        departing = str(_("啟用；離職或調離日期："))
        never_used = str(_("啟用（從未使用）"))
        active = str(_("啟用"))

    role_aliases = {f"m_{field}": F(f"membership__{field}") for field in ROLE_FIELDS.values()}
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .alias(
            m_account_role=F("membership__account_role"),
            m_account_role_other=F("membership__account_role_other"),
            m_departure=F("membership__departure_date"),
            m_last=last_use(),
            **role_aliases,
        )
        .annotate(
            s_audit=Value(audit.pk, output_field=models.BigIntegerField()),
            s_user=F("pk"),
            s_username=F("username"),
            s_full_name=Concat("last_name", "first_name", output_field=text),
            s_unit_code=Coalesce(F("membership__unit__code"), Value(""), output_field=text),
            s_unit_name=Coalesce(F("membership__unit__name_zh"), Value(""), output_field=text),
            s_account_role=Case(*role_whens, default=Value(""), output_field=text),
            s_roles=Substr(Concat(*permission_parts, output_field=text), 2),
            s_last_activity=F("m_last"),
            s_account_status=Case(
                When(
                    m_departure__isnull=False,
                    then=Concat(Value(departing), Cast("m_departure", text), output_field=text),
                ),
                When(m_last__isnull=True, then=Value(never_used)),
                default=Value(active),
                output_field=text,
            ),
            s_decision=Value(AccountAuditEntry.UNDECIDED, output_field=text),
            s_note=Value("", output_field=text),
        )
        .values(*[f"s_{name}" for name in SNAPSHOT_FIELDS])
        .order_by()
    )


def _freeze_snapshot(audit):
    """``INSERT INTO entries (…) SELECT …``: one statement whatever the number of accounts."""
    rows = snapshot_rows(audit)
    connection = connections[router.db_for_write(AccountAuditEntry)]
    compiler = rows.query.get_compiler(connection=connection)
    select_sql, params = compiler.as_sql()
    selected = [alias for _expression, _sql, alias in compiler.select]
    if selected != [f"s_{name}" for name in SNAPSHOT_FIELDS]:  # the INSERT relies on this order
        raise RuntimeError(f"snapshot columns out of order: {selected}")
    opts = AccountAuditEntry._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(opts.get_field(name).column) for name in SNAPSHOT_FIELDS)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(opts.db_table)} ({columns}) {select_sql}", params)
        return cursor.rowcount


def _lock_open(audit):
    """The audit row, locked for this transaction; refused unless it is still open."""
    locked = AccountAudit.objects.select_for_update().filter(pk=audit.pk).first()
    if locked is None or locked.status != AccountAudit.OPEN:
        raise _refusal(_("此帳號清查已完成，內容不能再變更。"))
    return locked


def _check_decision(decision, note):
    if decision not in DECISIONS:
        raise _refusal(_("無法辨識的清查結果。"))
    if decision == AccountAuditEntry.SUSPEND and not note:
        raise _refusal(_("標記停用時，請填寫說明。"))
    if has_control_characters(note):
        raise _refusal(_("說明含有無法接受的控制字元，請重新輸入。"))


def _decision_fields(decision, note, by_user):
    decided = decision != AccountAuditEntry.UNDECIDED
    return {
        "decision": decision,
        "note": note,
        "decided_by": by_user if decided else None,
        "decided_at": timezone.now() if decided else None,
    }


def _entry_ids(entries_or_ids):
    ids = set()
    for item in entries_or_ids:
        value = getattr(item, "pk", item)
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            raise _refusal(_("無法辨識的清查項目。")) from None
    return ids


def mark_entries(audit, entries_or_ids, decision, note, by_user):
    """Mark entries of ``audit`` keep, suspend or undecided with ``note``; returns how many.

    All or nothing: an entry of another audit, an unknown decision, a suspension without a note
    or the marker's own account marked suspend refuses the whole call.
    """
    note = (note or "").strip()
    _check_decision(decision, note)
    ids = _entry_ids(entries_or_ids)
    if not ids:
        return 0
    with transaction.atomic():
        locked = _lock_open(audit)
        entries = AccountAuditEntry.objects.filter(audit=locked, pk__in=ids)
        if set(entries.values_list("pk", flat=True)) != ids:
            raise _refusal(_("有項目不屬於此次帳號清查。"))
        if decision == AccountAuditEntry.SUSPEND and by_user is not None and entries.filter(user=by_user).exists():
            raise _refusal(_("不能將自己的帳號標記為停用。"))
        return entries.update(**_decision_fields(decision, note, by_user))


@dataclass(frozen=True)
class UnitMarking:
    marked: int
    skipped_own: bool


def mark_unit(audit, unit_code, decision, note, by_user, only_undecided=False):
    """Mark every entry of one unit (``NO_UNIT`` for accounts without one); returns ``UnitMarking``.

    ``only_undecided`` leaves entries already decided one by one as they are. The marker's own
    account is never marked suspend; ``skipped_own`` says it was left out.
    """
    note = (note or "").strip()
    _check_decision(decision, note)
    code = "" if unit_code == NO_UNIT else (unit_code or "")
    if (not code and unit_code != NO_UNIT) or has_control_characters(code):
        raise _refusal(_("請選擇單位。"))
    with transaction.atomic():
        locked = _lock_open(audit)
        entries = AccountAuditEntry.objects.filter(audit=locked, unit_code=code)
        if not entries.exists():
            raise _refusal(_("此次帳號清查沒有這個單位的帳號。"))
        if only_undecided:
            entries = entries.filter(decision=AccountAuditEntry.UNDECIDED)
        skipped_own = False
        if decision == AccountAuditEntry.SUSPEND and by_user is not None:
            skipped_own = entries.filter(user=by_user).exists()
            entries = entries.exclude(user=by_user)
        marked = entries.update(**_decision_fields(decision, note, by_user))
    return UnitMarking(marked=marked, skipped_own=skipped_own)


@dataclass(frozen=True)
class AuditResult:
    suspended: int  # accounts this audit suspended
    already_inactive: int  # marked suspend but inactive by then (nothing to do)
    missing: int  # marked suspend but the user no longer exists
    kept: int  # marked keep
    undecided: int  # counted as keep


def apply_audit(audit, by_user, expected_suspensions=None):
    """Suspend every account marked suspend and close the audit; returns ``AuditResult``.

    Undecided entries count as keep (the confirmation page says so). Each suspension goes
    through ``deactivate_account`` (sessions ended, reviews moved, logged with the note as part
    of the reason); the audit is logged once with the totals. Refused for an applied audit, and
    when ``expected_suspensions`` (the number the person confirmed) no longer matches because
    somebody marked more or fewer entries meanwhile.
    """
    with transaction.atomic():
        locked = _lock_open(audit)
        counts = decision_counts(locked)
        if expected_suspensions is not None and expected_suspensions != counts["suspend"]:
            raise _refusal(_("清查結果在確認後有所變更，請重新確認要停用的帳號。"))
        suspended = already_inactive = missing = 0
        marked = list(locked.entries.filter(decision=AccountAuditEntry.SUSPEND).select_related("user"))
        for entry in marked:
            if entry.user is None:
                missing += 1
                continue
            with translation.override("zh-hant"):
                if entry.note:
                    reason = _("帳號清查「%(title)s」決定停用：%(note)s") % {"title": locked.title, "note": entry.note}
                else:
                    reason = _("帳號清查「%(title)s」決定停用") % {"title": locked.title}
                reason = str(reason)
            done = deactivate_account(
                entry.user,
                by_user,
                ACCOUNT_SUSPENDED_BY_AUDIT,
                reason,
                audit=locked.pk,
                entry=entry.pk,
            )
            if done:
                suspended += 1
            else:
                already_inactive += 1
        locked.status = AccountAudit.APPLIED
        locked.applied_by = by_user
        locked.applied_at = timezone.now()
        locked.save(update_fields=["status", "applied_by", "applied_at"])
        result = AuditResult(
            suspended=suspended,
            already_inactive=already_inactive,
            missing=missing,
            kept=counts["keep"],
            undecided=counts["undecided"],
        )
        with translation.override("zh-hant"):
            reason = _("停用 %(suspended)s 個帳號，保留 %(kept)s 個（含未決定 %(undecided)s 個）") % {
                "suspended": suspended,
                "kept": result.kept + result.undecided,
                "undecided": result.undecided,
            }
        log_event(
            locked,
            AUDIT_APPLIED,
            by=by_user,
            reason=reason,
            suspended=suspended,
            already_inactive=already_inactive,
            missing=missing,
            kept=result.kept,
            undecided=result.undecided,
        )
    audit.refresh_from_db()
    return result


# --- reading an audit ----------------------------------------------------------------------------


def current_audit():
    """The open audit, or ``None``."""
    return AccountAudit.objects.filter(status=AccountAudit.OPEN).first()


def decision_counts(audit):
    """{"keep", "suspend", "undecided", "total"} of one audit, in one query."""
    from django.db.models import Count, Q

    return audit.entries.aggregate(
        keep=Count("pk", filter=Q(decision=AccountAuditEntry.KEEP)),
        suspend=Count("pk", filter=Q(decision=AccountAuditEntry.SUSPEND)),
        undecided=Count("pk", filter=Q(decision=AccountAuditEntry.UNDECIDED)),
        total=Count("pk"),
    )


def with_counts(queryset):
    """Audits annotated with ``n_keep``, ``n_suspend``, ``n_undecided`` (for the index)."""
    from django.db.models import Count, Q

    return queryset.annotate(
        n_keep=Count("entries", filter=Q(entries__decision=AccountAuditEntry.KEEP)),
        n_suspend=Count("entries", filter=Q(entries__decision=AccountAuditEntry.SUSPEND)),
        n_undecided=Count("entries", filter=Q(entries__decision=AccountAuditEntry.UNDECIDED)),
    )


def units_of(audit):
    """[(code or NO_UNIT, label with the number of accounts)] of the units in the snapshot."""
    from django.db.models import Count

    rows = audit.entries.order_by("unit_code").values("unit_code", "unit_name").annotate(n=Count("pk"))
    choices = []
    for row in rows:
        code = row["unit_code"] or NO_UNIT
        name = row["unit_name"] or str(_("（無所屬單位）"))
        label = f"{row['unit_code']} {name}".strip() if row["unit_code"] else name
        choices.append((code, f"{label}（{row['n']}）"))
    return choices
