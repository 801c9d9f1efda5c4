"""The daily account rules (規定 三, SPEC §6; issue 4 item 7) — each a small class with its
threshold as a constant, run once a day by ``manage.py enforce_account_rules``.

- ``LeaverSuspender``: an active account whose membership records a departure date (離職或調離
  日期) more than ``GRACE_WORKING_DAYS`` (3) working days ago is suspended ex officio
  (依職權逕予停用): departure + 3 working days is the last day to apply, so + 3 → not yet,
  + 4 → suspended. Working days come from ``working_days`` (the editable calendar).
- ``InactiveAccountCloser``: an account not used for ``INACTIVITY_DAYS`` (180) days is closed;
  its user is warned by e-mail ``WARNING_DAYS`` (14, 7, 3, 1) days before. "Used" is the latest
  of activation, sign-in, admin use in a remembered session and a restore
  (``account_effects.with_inactivity_reference``, the one definition).
- ``OverdueApplicationFlagger``: an application received and not replied to within 5 working
  days (``AccountApplication.objects.overdue``) is flagged once to the reviewing unit's account
  managers and the system administrators.
- ``AuditReminder``: when the previous half-year ended without an account audit
  (``account_audit.last_half_year_missed``), the auditors and system administrators are
  reminded once.
- ``ApplicationAnonymiser``: a completed or rejected application whose completion (or
  rejection) date is more than ``ACCOUNT_APPLICATION_RETENTION_DAYS`` (1095) days back has its
  personal data replaced, its signed PDF deleted and its log entries scrubbed
  (``personal_data.anonymise_application``); the run is recorded once, with the count, in the
  personal-data access log.

Every action is in the audit log with its reason (``lifecycle_log``), by nobody (the system).

**Idempotent, and safe on two nodes.** Suspensions go through ``deactivate_account``, which
locks the user row and does nothing to an account that is already inactive; the closer also
re-checks, under that lock, that the account was not used since the scan. Warnings, flags and
reminders first claim a ``RuleNotice`` (unique kind + key), so only one run sends each. On
top of that a whole run holds the job's lock (``exclusive_run``, ``site45.scheduling``: an
advisory lock on PostgreSQL): a second node starting meanwhile does nothing.

**Cost.** Each rule reads its candidates with a fixed number of set-based queries whatever the
number of accounts (the reference date is computed in the database; one calendar load; one
query for what was already sent); only accounts that are acted on cost further queries, a
constant number each. Accounts that need nothing cost no query of their own.

**Exempt.** Inactive accounts are skipped. Superusers without a membership — the operator's
break-glass accounts made with ``createsuperuser``, outside the application process — are not
warned or closed for inactivity (the audit lists them like every active account). Everybody
with a membership is subject to the rules, the system administrator included, except that the
closer never closes the last active superuser: it reports it every run instead, so the agency
is never left without a system administrator (suspending one releases the seat and the
superuser status, and only a superuser can seat the next). Leavers are always suspended, unless
the account was restored on or after the departure date (a return, or a date entered by
mistake): then the run reports it, every day, until the date is corrected — it does not suspend
a restored account again and again.

**Warnings** are keyed by the reference date, so a user who comes back and later goes idle
again is warned again. The 14/7/3/1 days are bands: a warning is sent on the first run within
14 (7, 3, 1) days of the closing date for which none of that band or a later one was sent. Run
daily, that is exactly on the 14th, 7th, 3rd and last day before (never on the 13th); after a
missed day the warning of that band goes out one day late rather than not at all.
"""

import datetime
import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from django.utils.translation import pgettext

from site45 import scheduling

from . import account_mail, lifecycle_log
from .account_effects import (
    deactivate_account,
    inactivity_reference_date,
    with_inactivity_reference,
    with_last_restore,
)
from .notices import RuleNotice, claim_notice
from .working_days import WorkingCalendar

logger = logging.getLogger(__name__)

#: The job's name for ``site45.scheduling`` (its advisory-lock key is fixed there).
JOB_NAME = "enforce_account_rules"

#: Outcome kinds that are not lifecycle actions.
KEPT = "kept"
FAILED = "failed"
PURGED = "purged"
ANONYMISED = "anonymised"
OUTCOME_LABELS = {
    KEPT: gettext_lazy("未停用"),
    FAILED: gettext_lazy("執行失敗"),
    PURGED: gettext_lazy("刪除未確認的線上申請"),
    ANONYMISED: gettext_lazy("帳號申請個資去識別化"),
}


def outcome_label(action):
    return str(lifecycle_log.LABELS.get(action) or OUTCOME_LABELS.get(action) or action)


@dataclass
class Outcome:
    """One thing a rule did (or, in a dry run, would do) — one line of the command's output."""

    action: str  # a ``lifecycle_log`` action, or KEPT / FAILED
    subject: str  # what it is about, e.g. "txg-hua（#12）"
    reason: str  # why, in zh-Hant, as logged
    done: bool = True  # False in a dry run
    note: str = ""  # e.g. the mail could not be sent

    def __str__(self):
        line = f"{outcome_label(self.action)}：{self.subject}｜{self.reason}"
        if not self.done:
            line = _("（試跑，將執行）%(line)s") % {"line": line}
        return f"{line}（{self.note}）" if self.note else line


def _user_subject(user):
    return f"{user.get_username()}（#{user.pk}）"


def system_admins():
    """Active system administrators: superusers and members marked 系統總管理者 (one query)."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(membership__is_system_admin=True))
        .distinct()
        .order_by("pk")
    )


def _merge(*groups):
    """Users of several lists, each once, in order."""
    seen, merged = set(), []
    for group in groups:
        for user in group:
            if user.pk not in seen:
                seen.add(user.pk)
                merged.append(user)
    return merged


def _lock_active(user_pk, **conditions):
    """The user row locked for this transaction, if it is still active (and ``conditions`` hold)."""
    User = get_user_model()
    return (
        User.objects.select_for_update(of=("self",))
        .filter(pk=user_pk, is_active=True, **conditions)
        .first()
    )


class Rule:
    """A daily rule: ``run(today, dry_run)`` returns the list of ``Outcome``s."""

    def __init__(self):
        self._system_admins = None

    def run(self, today, dry_run=False):  # pragma: no cover - abstract
        raise NotImplementedError

    def system_admins(self):
        """``system_admins()``, read once per rule run (only when somebody is to be told)."""
        if self._system_admins is None:
            self._system_admins = system_admins()
        return self._system_admins

    @staticmethod
    def failed(subject, error):
        """The outcome of one action that raised: logged, reported, and the run goes on."""
        logger.exception("Account rule action on %s failed", subject)
        return Outcome(FAILED, subject, f"{type(error).__name__}: {error}")


# --- leavers ------------------------------------------------------------------------------------


class LeaverSuspender(Rule):
    """規定 三（四）: a leaver's account not suspended within 3 working days is suspended ex officio."""

    GRACE_WORKING_DAYS = 3

    def run(self, today, dry_run=False):
        User = get_user_model()
        # n working days span at least n calendar days: nobody more recent can be due.
        latest = today - datetime.timedelta(days=self.GRACE_WORKING_DAYS + 1)
        leavers = list(
            with_last_restore(User.objects.filter(is_active=True, membership__departure_date__lte=latest))
            .select_related("membership__unit__jurisdiction_branch")
            .order_by("membership__departure_date", "pk")
        )
        if not leavers:
            return []
        calendar = WorkingCalendar(min(u.membership.departure_date for u in leavers), today)
        managers = _ManagersOfReviewingUnits()
        outcomes = []
        for user in leavers:
            departure = user.membership.departure_date
            if calendar.working_days_between(departure, today) <= self.GRACE_WORKING_DAYS:
                continue
            deadline = calendar.add_working_days(departure, self.GRACE_WORKING_DAYS)
            if user.last_restored_on and user.last_restored_on >= departure:
                # Restored since (a return, or a departure entered by mistake): that departure is
                # over. Said every run until somebody clears or corrects the date.
                outcomes.append(Outcome(KEPT, _user_subject(user), _(
                    "離職日期 %(date)s 之後已於 %(restored)s 恢復使用，未依職權停用；請更正或清除離職日期") % {
                        "date": departure, "restored": user.last_restored_on}))
                continue
            reason = ngettext(
                "離職日期 %(date)s 已逾 %(days)d 個工作日未申請停用，依職權逕予停用",
                "離職日期 %(date)s 已逾 %(days)d 個工作日未申請停用，依職權逕予停用",
                self.GRACE_WORKING_DAYS,
            ) % {"date": departure, "days": self.GRACE_WORKING_DAYS}
            outcome = Outcome(lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO, _user_subject(user), reason, not dry_run)
            if dry_run:
                outcomes.append(outcome)
                continue
            try:
                with transaction.atomic():
                    locked = _lock_active(user.pk, membership__departure_date=departure)
                    done = locked is not None and deactivate_account(
                        locked, None, lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO, reason,
                        departure_date=departure.isoformat(), grace_deadline=deadline.isoformat(),
                    )
            except Exception as error:
                outcomes.append(self.failed(outcome.subject, error))
                continue
            if not done:
                continue  # suspended meanwhile (another node, an application, the admin)
            unit = user.membership.unit
            recipients = managers.of(unit) or self.system_admins()
            outcome.note = account_mail.send_ex_officio_notice(
                recipients, user, unit.display_name, departure, deadline, self.GRACE_WORKING_DAYS) or ""
            outcomes.append(outcome)
        return outcomes


class _ManagersOfReviewingUnits:
    """Active account managers of the unit that handles a unit's applications (cached per run)."""

    def __init__(self):
        self._by_unit = {}

    def of(self, unit):
        from .routing import reviewing_unit_for

        reviewing = reviewing_unit_for(unit)
        if reviewing is None:
            return []
        if reviewing.pk not in self._by_unit:
            self._by_unit.update(_account_managers([reviewing.pk]))
        return self._by_unit.get(reviewing.pk, [])


def _account_managers(unit_ids):
    """``{unit id: [active account managers]}`` for ``unit_ids`` (one query)."""
    User = get_user_model()
    found = {pk: [] for pk in unit_ids}
    users = User.objects.filter(
        is_active=True, membership__is_account_manager=True, membership__unit_id__in=list(unit_ids)
    ).select_related("membership").order_by("pk")
    for user in users:
        found[user.membership.unit_id].append(user)
    return found


# --- inactivity ---------------------------------------------------------------------------------


class InactiveAccountCloser(Rule):
    """Attachment 2: 帳號180天未有登入紀錄，系統將自動關閉 — with warnings before."""

    INACTIVITY_DAYS = 180
    WARNING_DAYS = (14, 7, 3, 1)

    @staticmethod
    def subject_users():
        """Active accounts the rule applies to: all but superusers without a membership."""
        return get_user_model().objects.filter(is_active=True).exclude(is_superuser=True, membership__isnull=True)

    @classmethod
    def closing_date(cls, reference_date):
        return reference_date + datetime.timedelta(days=cls.INACTIVITY_DAYS)

    @classmethod
    def warning_band(cls, days_left):
        """The warning due ``days_left`` days before closing (14, 7, 3 or 1), or ``None``."""
        due = [days for days in cls.WARNING_DAYS if days >= days_left >= 1]
        return min(due) if due else None

    def run(self, today, dry_run=False):
        return self._close(today, dry_run) + self._warn(today, dry_run)

    # closing

    def _close(self, today, dry_run):
        User = get_user_model()
        cutoff = today - datetime.timedelta(days=self.INACTIVITY_DAYS)
        idle = list(
            with_inactivity_reference(self.subject_users(), on_or_before=cutoff).order_by("inactivity_reference", "pk")
        )
        if not idle:
            return []
        superusers_left = None
        if any(u.is_superuser for u in idle):
            superusers_left = User.objects.filter(is_active=True, is_superuser=True).count()
        outcomes = []
        for user in idle:
            reference = user.inactivity_reference
            days = (today - reference).days
            reason = ngettext(
                "自 %(date)s 起 %(days)d 天未使用後台", "自 %(date)s 起 %(days)d 天未使用後台", days
            ) % {"date": reference, "days": days}
            if user.is_superuser and superusers_left <= 1:
                outcomes.append(Outcome(KEPT, _user_subject(user), reason, note=_(
                    "最後一個有效的系統總管理者帳號不自動停用；請登入後台，或另設系統總管理者")))
                continue
            outcome = Outcome(lifecycle_log.ACCOUNT_CLOSED_INACTIVE, _user_subject(user), reason, not dry_run)
            if dry_run:
                superusers_left = superusers_left - 1 if user.is_superuser else superusers_left
                outcomes.append(outcome)
                continue
            try:
                with transaction.atomic():
                    locked = _lock_active(user.pk)
                    # Used since the scan (a sign-in a moment ago)? Then it is no longer idle.
                    done = (
                        locked is not None
                        and inactivity_reference_date(locked) == reference
                        and deactivate_account(
                            locked, None, lifecycle_log.ACCOUNT_CLOSED_INACTIVE, reason,
                            reference_date=reference.isoformat(), idle_days=days,
                        )
                    )
            except Exception as error:
                outcomes.append(self.failed(outcome.subject, error))
                continue
            if not done:
                continue
            if user.is_superuser:
                superusers_left -= 1
            outcome.note = account_mail.send_inactivity_closed(user, reference, days) or ""
            outcomes.append(outcome)
        return outcomes

    # warning

    @staticmethod
    def warning_key(reference_date, user_pk, band):
        # The reference date first: the keys of a range of dates are one range of strings.
        return f"{reference_date.isoformat()}:{user_pk}:{band}"

    def _warn(self, today, dry_run):
        first = today - datetime.timedelta(days=self.INACTIVITY_DAYS - 1)  # closes tomorrow
        last = today - datetime.timedelta(days=self.INACTIVITY_DAYS - max(self.WARNING_DAYS))
        near = list(
            with_inactivity_reference(self.subject_users(), on_or_before=last, on_or_after=first)
            .order_by("inactivity_reference", "pk")
        )
        if not near:
            return []
        sent = {}  # (reference date iso, user pk) -> bands already warned
        keys = RuleNotice.objects.filter(
            kind=RuleNotice.INACTIVITY_WARNING,
            key__gte=first.isoformat(),
            key__lt=(last + datetime.timedelta(days=1)).isoformat(),
        ).values_list("key", flat=True)
        for key in keys:
            reference, user_pk, band = key.split(":")
            sent.setdefault((reference, int(user_pk)), set()).add(int(band))
        outcomes = []
        for user in near:
            reference = user.inactivity_reference
            closing = self.closing_date(reference)
            days_left = (closing - today).days
            band = self.warning_band(days_left)
            if band is None or any(b <= band for b in sent.get((reference.isoformat(), user.pk), ())):
                continue
            days_idle = (today - reference).days
            reason = ngettext(
                "自 %(date)s 起 %(days)d 天未使用後台，帳號將於 %(closing)s 停用（%(band)d 天前預告）",
                "自 %(date)s 起 %(days)d 天未使用後台，帳號將於 %(closing)s 停用（%(band)d 天前預告）",
                band,
            ) % {"date": reference, "days": days_idle, "closing": closing, "band": band}
            outcome = Outcome(lifecycle_log.INACTIVITY_WARNING, _user_subject(user), reason, not dry_run)
            if dry_run:
                outcomes.append(outcome)
                continue
            data = {"user": user.pk, "reference_date": reference.isoformat(), "closing_date": closing.isoformat(),
                    "days_left": days_left, "band": band}
            try:
                with transaction.atomic():
                    key = self.warning_key(reference, user.pk, band)
                    claimed = claim_notice(RuleNotice.INACTIVITY_WARNING, key, data)
                    if claimed:
                        lifecycle_log.log_event(user, lifecycle_log.INACTIVITY_WARNING, reason=reason, **data)
            except Exception as error:
                outcomes.append(self.failed(outcome.subject, error))
                continue
            if not claimed:
                continue
            outcome.note = account_mail.send_inactivity_warning(user, reference, closing, days_left) or ""
            outcomes.append(outcome)
        return outcomes


def accounts_near_inactivity_limit(today=None, within_days=14):
    """Active accounts the closer will close within ``within_days`` days, soonest first.

    Each user carries ``inactivity_reference`` (last use), ``inactivity_closes_on`` and
    ``inactivity_days_left`` (0 for one already due, i.e. closed at the next run). One query.
    """
    today = today or timezone.localdate()
    limit = InactiveAccountCloser.INACTIVITY_DAYS
    users = (
        with_inactivity_reference(
            InactiveAccountCloser.subject_users(), on_or_before=today - datetime.timedelta(days=limit - within_days))
        .select_related("membership__unit")
        .order_by("inactivity_reference", "username")
    )
    found = []
    for user in users:
        user.inactivity_closes_on = InactiveAccountCloser.closing_date(user.inactivity_reference)
        user.inactivity_days_left = max(0, (user.inactivity_closes_on - today).days)
        found.append(user)
    return found


# --- overdue applications -------------------------------------------------------------------------


class OverdueApplicationFlagger(Rule):
    """SPEC §6: an application not replied to within 5 working days is flagged, once."""

    def run(self, today, dry_run=False):
        from .applications import REPLY_WORKING_DAYS, AccountApplication

        overdue = list(AccountApplication.objects.overdue(today).values_list("pk", flat=True))
        if not overdue:
            return []
        flagged = set(
            RuleNotice.objects.filter(
                kind=RuleNotice.APPLICATION_OVERDUE, key__in=[str(pk) for pk in overdue]
            ).values_list("key", flat=True)
        )
        new = [pk for pk in overdue if str(pk) not in flagged]
        if not new:
            return []
        applications = list(
            AccountApplication.objects.filter(pk__in=new).select_related("unit", "reviewing_unit")
            .order_by("received_date", "pk")
        )
        calendar = WorkingCalendar(min(a.received_date for a in applications), today)
        managers = _account_managers({a.reviewing_unit_id for a in applications if a.reviewing_unit_id})
        admins = self.system_admins()
        outcomes = []
        for app in applications:
            deadline = calendar.add_working_days(app.received_date, REPLY_WORKING_DAYS)
            reason = _("收件日期 %(received)s，回覆期限 %(deadline)s，逾期未回覆") % {
                "received": app.received_date, "deadline": deadline}
            subject = _("帳號申請第 %(pk)s 號（%(unit)s）") % {"pk": app.pk, "unit": app.unit.display_name}
            outcome = Outcome(lifecycle_log.APPLICATION_OVERDUE, subject, reason, not dry_run)
            if dry_run:
                outcomes.append(outcome)
                continue
            recipients = _merge(managers.get(app.reviewing_unit_id, []), admins)
            data = {"received_date": app.received_date.isoformat(), "deadline": deadline.isoformat(),
                    "notified": [u.pk for u in recipients]}
            try:
                with transaction.atomic():
                    claimed = claim_notice(RuleNotice.APPLICATION_OVERDUE, str(app.pk), data)
                    if claimed:
                        lifecycle_log.log_event(app, lifecycle_log.APPLICATION_OVERDUE, reason=reason, **data)
            except Exception as error:
                outcomes.append(self.failed(subject, error))
                continue
            if not claimed:
                continue
            outcome.note = account_mail.send_overdue_flag(recipients, app, deadline) or ""
            outcomes.append(outcome)
        return outcomes


# --- the semiannual audit -------------------------------------------------------------------------


def half_year_label(year, half):
    return (_("%(year)d 年上半年") if half == 1 else _("%(year)d 年下半年")) % {"year": year}


class AuditReminder(Rule):
    """規定 / SPEC §6: remind once when a half-year passed without an account audit (帳號清查).

    Logged against each account auditor reminded (or each system administrator when there is
    no auditor), so it shows in their history and in the site history.
    """

    def run(self, today, dry_run=False):
        from .account_audit import audit_due_date, last_half_year_missed

        missed = last_half_year_missed(today)
        if missed is None:
            return []
        key = "{}-H{}".format(*missed)
        if RuleNotice.objects.filter(kind=RuleNotice.AUDIT_REMINDER, key=key).exists():
            return []
        User = get_user_model()
        period = half_year_label(*missed)
        reason = _("%(period)s未辦理帳號清查") % {"period": period}
        auditors = list(User.objects.filter(is_active=True, membership__is_account_auditor=True).order_by("pk"))
        admins = self.system_admins()
        recipients = _merge(auditors, admins)
        logged_on = auditors or admins
        subject = ", ".join(_user_subject(u) for u in logged_on) or _("（沒有帳號清查者或系統總管理者）")
        outcome = Outcome(lifecycle_log.AUDIT_REMINDER, subject, reason, not dry_run)
        if dry_run:
            return [outcome]
        due = audit_due_date(today)
        data = {"year": missed[0], "half": missed[1], "due_date": due.isoformat(),
                "notified": [u.pk for u in recipients]}
        with transaction.atomic():
            claimed = claim_notice(RuleNotice.AUDIT_REMINDER, key, data)
            if claimed:
                for user in logged_on:
                    lifecycle_log.log_event(user, lifecycle_log.AUDIT_REMINDER, reason=reason, **data)
        if not claimed:
            return []
        outcome.note = account_mail.send_audit_reminder(recipients, period, due) or ""
        return [outcome]


# --- unconfirmed online filings -------------------------------------------------------------------


class UnconfirmedFilingPurger(Rule):
    """Online filings whose contact never confirmed within the link's validity are deleted.

    They were never routed, so nobody has seen them; keeping the personal data of a form nobody
    confirmed serves no purpose (個人資料保護法: no longer than needed).
    """

    def run(self, today, dry_run=False):
        from .applications import AccountApplication
        from .filing import confirm_hours, purge_unconfirmed

        now = timezone.make_aware(datetime.datetime.combine(today, timezone.localtime().time()))
        if dry_run:
            cutoff = now - datetime.timedelta(hours=confirm_hours())
            count = AccountApplication.objects.filter(
                status=AccountApplication.UNCONFIRMED, created_at__lt=cutoff).count()
        else:
            with transaction.atomic():
                count = purge_unconfirmed(now)
        if not count:
            return []
        reason = _("確認連結逾 %(hours)d 小時未使用") % {"hours": confirm_hours()}
        return [Outcome(PURGED, _("%(count)d 份") % {"count": count}, reason, done=not dry_run)]


# --- retention of applications ---------------------------------------------------------------------


class ApplicationAnonymiser(Rule):
    """個人資料保護法 §11 III: personal data is not kept past its retention period.

    A completed (已完成) or rejected (不核准) application whose completion — or, rejected, reply —
    date lies more than ``personal_data.retention_days()`` days before ``today`` is anonymised
    (the date + N days is the last day it is kept). Each application is locked and re-checked,
    so a second run (or node) does nothing twice; the PDFs are deleted after the commit. The
    run is recorded once in the personal-data access log with the count and the numbers of the
    applications (not once per application: the numbers say which).
    """

    STATUSES = ("completed", "rejected")

    @staticmethod
    def cutoff(today):
        from .personal_data import retention_days

        return today - datetime.timedelta(days=retention_days())

    def due(self, today):
        from django.db.models.functions import Coalesce

        from .applications import AccountApplication

        return (
            AccountApplication.objects.filter(status__in=self.STATUSES, anonymised_at__isnull=True)
            .annotate(ended_on=Coalesce("completed_date", "reply_date"))
            .filter(ended_on__lt=self.cutoff(today))
            .order_by("ended_on", "pk")
        )

    def run(self, today, dry_run=False):
        from .applications import AccountApplication
        from .personal_data import (
            AccessAction,
            Purpose,
            anonymise_application,
            delete_files_on_commit,
            record_access,
            retention_days,
        )

        candidates = list(self.due(today).values_list("pk", "ended_on"))
        outcomes, done, files = [], [], []
        for pk, ended_on in candidates:
            subject = _("帳號申請第 %(pk)s 號") % {"pk": pk}
            reason = ngettext(
                "完成或不核准日期 %(date)s 已逾保存期限 %(days)d 天", "完成或不核准日期 %(date)s 已逾保存期限 %(days)d 天",
                retention_days(),
            ) % {"date": ended_on, "days": retention_days()}
            if dry_run:
                outcomes.append(Outcome(ANONYMISED, subject, reason, done=False))
                continue
            try:
                with transaction.atomic():
                    app = (
                        AccountApplication.objects.select_for_update(of=("self",)).select_related("unit")
                        .filter(pk=pk, anonymised_at__isnull=True).first()
                    )
                    if app is None:
                        continue  # anonymised meanwhile (another node)
                    files.append(anonymise_application(app))
            except Exception as error:
                outcomes.append(self.failed(subject, error))
                continue
            done.append(pk)
            outcomes.append(Outcome(ANONYMISED, subject, reason))
        if done:
            delete_files_on_commit(files)
            record_access(
                None, None, Purpose.RETENTION, AccessAction.ANONYMISE, model=AccountApplication, count=len(done),
                criteria=ngettext(
                    "保存期限 %(days)d 天，完成或不核准日期早於 %(cutoff)s；帳號申請第 %(numbers)s 號",
                    "保存期限 %(days)d 天，完成或不核准日期早於 %(cutoff)s；帳號申請第 %(numbers)s 號",
                    retention_days(),
                ) % {"days": retention_days(), "cutoff": self.cutoff(today),
                     "numbers": pgettext("列表分隔符號", "、").join(str(pk) for pk in done)},
            )
        return outcomes


# --- a run --------------------------------------------------------------------------------------

#: In this order: a leaver who is also idle is suspended as a leaver (the more specific reason).
RULES = (
    LeaverSuspender, InactiveAccountCloser, OverdueApplicationFlagger, AuditReminder, UnconfirmedFilingPurger,
    ApplicationAnonymiser,
)


def exclusive_run(using="default"):
    """Yields True when this run may go ahead: no other node is running the rules
    (``site45.scheduling``: a PostgreSQL advisory lock, a file lock on SQLite)."""
    return scheduling.exclusive_run(JOB_NAME, using=using)


def run_rules(today, dry_run=False, rules=RULES):
    """Run every rule for ``today``; returns the outcomes. A rule that fails does not stop the rest."""
    outcomes = []
    with translation.override("zh-hant"):  # reasons are logged in the agency's words
        for rule_class in rules:
            try:
                outcomes.extend(rule_class().run(today, dry_run=dry_run))
            except Exception as error:
                logger.exception("Account rule %s failed", rule_class.__name__)
                outcomes.append(Outcome(FAILED, rule_class.__name__, f"{type(error).__name__}: {error}"))
    return outcomes
