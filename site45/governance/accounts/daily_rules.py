"""The daily account rules (規定 三, SPEC §6) — each a small class with its threshold as a
constant, on the skeleton of ``rule.Rule`` (which owns the dry run, row locks, notice claims and
failure recording), run once a day by ``manage.py enforce_account_rules``.

- ``LeaverSuspender``: an active account whose membership records a departure date (離職或調離
  日期) more than ``GRACE_WORKING_DAYS`` (3) working days ago is suspended ex officio
  (依職權逕予停用): departure + 3 working days is the last day to apply, so + 3 → not yet,
  + 4 → suspended. Working days come from ``working_days`` (the editable calendar).
- ``InactiveAccountCloser``: an account not used for ``INACTIVITY_DAYS`` (180) days is closed;
  ``InactivityWarner`` warns its user by e-mail ``WARNING_DAYS`` (14, 7, 3, 1) days before.
  "Used" is the latest of activation, sign-in, admin use in a remembered session and a restore
  (``approval_effects.with_inactivity_reference``, the one definition).
- ``OverdueApplicationFlagger``: an application received and not replied to within 5 working
  days (``AccountApplication.objects.overdue``) is flagged once to the reviewing unit's account
  managers and the system administrators.
- ``UnconfirmedFilingPurger``: online filings whose contact never confirmed within the link's
  validity (``ACCOUNT_APPLICATION_CONFIRM_HOURS``) are deleted.
- ``AuditReminder``: when the previous half-year ended without an account audit
  (``semiannual_audit.audits.last_half_year_missed``), the auditors and system administrators are
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
top of that a whole run holds the job's lock (``exclusive_run``, ``site45.core.scheduling``: an
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

from django.contrib.auth import get_user_model
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from site45.core import scheduling

from ..calendar.working_days import WorkingCalendar
from ..privacy.personal_data import (
    AccessAction,
    Purpose,
    anonymise_application,
    delete_files_on_commit,
    record_access,
    retention_days,
)
from . import lifecycle_log, mail, routing
from . import rule as skeleton
from .applications import REPLY_WORKING_DAYS, AccountApplication
from .approval_effects import (
    deactivate_account,
    inactivity_reference_date,
    with_inactivity_reference,
    with_last_restore,
)
from .filing import confirm_hours, purge_unconfirmed
from .notices import RuleNotice
from .rule import ANONYMISED, FAILED, KEPT, PURGED, Outcome, Rule, outcome_label
from .semiannual_audit.audits import audit_due_date, last_half_year_missed

logger = logging.getLogger(__name__)

__all__ = [
    "ANONYMISED",
    "FAILED",
    "KEPT",
    "PURGED",
    "RULES",
    "Outcome",
    "exclusive_run",
    "outcome_label",
    "run_rules",
]

#: The job's name for ``site45.core.scheduling`` (its advisory-lock key is fixed there).
JOB_NAME = "enforce_account_rules"


def _user_subject(user):
    return f"{user.get_username()}（#{user.pk}）"


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
    return User.objects.select_for_update(of=("self",)).filter(pk=user_pk, is_active=True, **conditions).first()


# --- leavers ------------------------------------------------------------------------------------


class LeaverSuspender(Rule):
    """規定 三（四）: a leaver's account not suspended within 3 working days is suspended ex officio."""

    GRACE_WORKING_DAYS = 3

    def candidates(self):
        User = get_user_model()
        # n working days span at least n calendar days: nobody more recent can be due.
        latest = self.today - datetime.timedelta(days=self.GRACE_WORKING_DAYS + 1)
        leavers = list(
            with_last_restore(User.objects.filter(is_active=True, membership__departure_date__lte=latest))
            .select_related("membership__unit__jurisdiction_branch")
            .order_by("membership__departure_date", "pk")
        )
        if leavers:
            self.calendar = WorkingCalendar(min(u.membership.departure_date for u in leavers), self.today)
            self.mail_recipients = routing.ApplicationMailRecipients(self.system_admins)
        return leavers

    def outcome(self, user):
        departure = user.membership.departure_date
        if self.calendar.working_days_between(departure, self.today) <= self.GRACE_WORKING_DAYS:
            return None
        user.grace_deadline = self.calendar.add_working_days(departure, self.GRACE_WORKING_DAYS)
        if user.last_restored_on and user.last_restored_on >= departure:
            # Restored since (a return, or a departure entered by mistake): that departure is
            # over. Said every run until somebody clears or corrects the date.
            return Outcome(
                KEPT,
                _user_subject(user),
                _("離職日期 %(date)s 之後已於 %(restored)s 恢復使用，未依職權停用；請更正或清除離職日期")
                % {"date": departure, "restored": user.last_restored_on},
            )
        reason = ngettext(
            "離職日期 %(date)s 已逾 %(days)d 個工作日未申請停用，依職權逕予停用",
            "離職日期 %(date)s 已逾 %(days)d 個工作日未申請停用，依職權逕予停用",
            self.GRACE_WORKING_DAYS,
        ) % {"date": departure, "days": self.GRACE_WORKING_DAYS}
        return Outcome(lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO, _user_subject(user), reason)

    def lock(self, user):
        return _lock_active(user.pk, membership__departure_date=user.membership.departure_date)

    def act(self, user, outcome, locked):
        return deactivate_account(
            locked,
            None,
            lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO,
            outcome.reason,
            departure_date=user.membership.departure_date.isoformat(),
            grace_deadline=user.grace_deadline.isoformat(),
        )

    def notify(self, user, outcome):
        unit = user.membership.unit
        recipients = self.mail_recipients.of_unit(unit, routing.LEAVER_SUSPENDED)
        return mail.delivery_note(
            mail.send_ex_officio_notice(
                recipients,
                user,
                unit.display_name,
                user.membership.departure_date,
                user.grace_deadline,
                self.GRACE_WORKING_DAYS,
            )
        )


# --- inactivity ---------------------------------------------------------------------------------


class InactiveAccountCloser(Rule):
    """Attachment 2: 帳號180天未有登入紀錄，系統將自動關閉 (warned before by ``InactivityWarner``)."""

    INACTIVITY_DAYS = 180

    @staticmethod
    def subject_users():
        """Active accounts the rule applies to: all but superusers without a membership."""
        return get_user_model().objects.filter(is_active=True).exclude(is_superuser=True, membership__isnull=True)

    @classmethod
    def closing_date(cls, reference_date):
        return reference_date + datetime.timedelta(days=cls.INACTIVITY_DAYS)

    def candidates(self):
        cutoff = self.today - datetime.timedelta(days=self.INACTIVITY_DAYS)
        idle = list(
            with_inactivity_reference(self.subject_users(), on_or_before=cutoff).order_by("inactivity_reference", "pk")
        )
        self.superusers_left = None
        if any(u.is_superuser for u in idle):
            self.superusers_left = get_user_model().objects.filter(is_active=True, is_superuser=True).count()
        return idle

    def outcome(self, user):
        user.idle_days = (self.today - user.inactivity_reference).days
        reason = ngettext(
            "自 %(date)s 起 %(days)d 天未使用後台", "自 %(date)s 起 %(days)d 天未使用後台", user.idle_days
        ) % {"date": user.inactivity_reference, "days": user.idle_days}
        if user.is_superuser and self.superusers_left <= 1:
            return Outcome(
                KEPT,
                _user_subject(user),
                reason,
                note=_("最後一個有效的系統總管理者帳號不自動停用；請登入後台，或另設系統總管理者"),
            )
        return Outcome(lifecycle_log.ACCOUNT_CLOSED_INACTIVE, _user_subject(user), reason)

    def lock(self, user):
        return _lock_active(user.pk)

    def act(self, user, outcome, locked):
        # Used since the scan (a sign-in a moment ago)? Then it is no longer idle.
        return inactivity_reference_date(locked) == user.inactivity_reference and deactivate_account(
            locked,
            None,
            lifecycle_log.ACCOUNT_CLOSED_INACTIVE,
            outcome.reason,
            reference_date=user.inactivity_reference.isoformat(),
            idle_days=user.idle_days,
        )

    def after(self, user, outcome):
        if user.is_superuser:
            self.superusers_left -= 1

    def notify(self, user, outcome):
        return mail.delivery_note(mail.send_inactivity_closed(user, user.inactivity_reference, user.idle_days))


class InactivityWarner(Rule):
    """The user of an account ``InactiveAccountCloser`` will close is warned 14, 7, 3 and 1 days before.

    The days are bands: a warning goes out on the first run within 14 (7, 3, 1) days of the
    closing date for which none of that band or a later one was sent. Keyed by the reference
    date, so a user who comes back and drifts off again is warned again.
    """

    WARNING_DAYS = (14, 7, 3, 1)

    @classmethod
    def warning_band(cls, days_left):
        """The warning due ``days_left`` days before closing (14, 7, 3 or 1), or ``None``."""
        due = [days for days in cls.WARNING_DAYS if days >= days_left >= 1]
        return min(due) if due else None

    @staticmethod
    def warning_key(reference_date, user_pk, band):
        # The reference date first: the keys of a range of dates are one range of strings.
        return f"{reference_date.isoformat()}:{user_pk}:{band}"

    def candidates(self):
        limit = InactiveAccountCloser.INACTIVITY_DAYS
        first = self.today - datetime.timedelta(days=limit - 1)  # closes tomorrow
        last = self.today - datetime.timedelta(days=limit - max(self.WARNING_DAYS))
        near = list(
            with_inactivity_reference(
                InactiveAccountCloser.subject_users(), on_or_before=last, on_or_after=first
            ).order_by("inactivity_reference", "pk")
        )
        if not near:
            return []
        self.sent = {}  # (reference date iso, user pk) -> bands already warned
        keys = RuleNotice.objects.filter(
            kind=RuleNotice.INACTIVITY_WARNING,
            key__gte=first.isoformat(),
            key__lt=(last + datetime.timedelta(days=1)).isoformat(),
        ).values_list("key", flat=True)
        for key in keys:
            reference, user_pk, band = key.split(":")
            self.sent.setdefault((reference, int(user_pk)), set()).add(int(band))
        return near

    def outcome(self, user):
        reference = user.inactivity_reference
        closing = InactiveAccountCloser.closing_date(reference)
        days_left = (closing - self.today).days
        band = self.warning_band(days_left)
        if band is None or any(b <= band for b in self.sent.get((reference.isoformat(), user.pk), ())):
            return None
        reason = ngettext(
            "自 %(date)s 起 %(days)d 天未使用後台，帳號將於 %(closing)s 停用（%(band)d 天前預告）",
            "自 %(date)s 起 %(days)d 天未使用後台，帳號將於 %(closing)s 停用（%(band)d 天前預告）",
            band,
        ) % {"date": reference, "days": (self.today - reference).days, "closing": closing, "band": band}
        user.warning = {
            "user": user.pk,
            "reference_date": reference.isoformat(),
            "closing_date": closing.isoformat(),
            "days_left": days_left,
            "band": band,
        }
        return Outcome(lifecycle_log.INACTIVITY_WARNING, _user_subject(user), reason)

    def notice(self, user):
        key = self.warning_key(user.inactivity_reference, user.pk, user.warning["band"])
        return RuleNotice.INACTIVITY_WARNING, key, user.warning

    def act(self, user, outcome, locked):
        lifecycle_log.log_event(user, lifecycle_log.INACTIVITY_WARNING, reason=outcome.reason, **user.warning)
        return True

    def notify(self, user, outcome):
        closing = InactiveAccountCloser.closing_date(user.inactivity_reference)
        return mail.delivery_note(
            mail.send_inactivity_warning(user, user.inactivity_reference, closing, user.warning["days_left"])
        )


def accounts_near_inactivity_limit(today=None, within_days=14):
    """Active accounts the closer will close within ``within_days`` days, soonest first.

    Each user carries ``inactivity_reference`` (last use), ``inactivity_closes_on`` and
    ``inactivity_days_left`` (0 for one already due, i.e. closed at the next run). One query.
    """
    today = today or timezone.localdate()
    limit = InactiveAccountCloser.INACTIVITY_DAYS
    users = (
        with_inactivity_reference(
            InactiveAccountCloser.subject_users(), on_or_before=today - datetime.timedelta(days=limit - within_days)
        )
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
    """SPEC §6: an application not replied to within 5 working days is flagged, once, to the
    reviewing unit's account managers and the system administrators."""

    REPLY_WORKING_DAYS = REPLY_WORKING_DAYS  # the one figure, ``applications``'s

    def candidates(self):
        overdue = list(AccountApplication.objects.overdue(self.today).values_list("pk", flat=True))
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
            AccountApplication.objects.filter(pk__in=new)
            .select_related("unit", "reviewing_unit")
            .order_by("received_date", "pk")
        )
        if applications:
            self.calendar = WorkingCalendar(min(a.received_date for a in applications), self.today)
            self.mail_recipients = routing.ApplicationMailRecipients(self.system_admins)
            self.mail_recipients.prefetch({a.reviewing_unit_id for a in applications})
        return applications

    def outcome(self, app):
        app.reply_deadline = self.calendar.add_working_days(app.received_date, self.REPLY_WORKING_DAYS)
        reason = _("收件日期 %(received)s，回覆期限 %(deadline)s，逾期未回覆") % {
            "received": app.received_date,
            "deadline": app.reply_deadline,
        }
        subject = _("帳號申請第 %(pk)s 號（%(unit)s）") % {"pk": app.pk, "unit": app.unit.display_name}
        return Outcome(lifecycle_log.APPLICATION_OVERDUE, subject, reason)

    def notice(self, app):
        app.recipients = self.mail_recipients.of(app, routing.OVERDUE)
        app.flag = {
            "received_date": app.received_date.isoformat(),
            "deadline": app.reply_deadline.isoformat(),
            "notified": [u.pk for u in app.recipients],
        }
        return RuleNotice.APPLICATION_OVERDUE, str(app.pk), app.flag

    def act(self, app, outcome, locked):
        lifecycle_log.log_event(app, lifecycle_log.APPLICATION_OVERDUE, reason=outcome.reason, **app.flag)
        return True

    def notify(self, app, outcome):
        return mail.delivery_note(mail.send_overdue_flag(app.recipients, app, app.reply_deadline))


# --- the semiannual audit -------------------------------------------------------------------------


def half_year_label(year, half):
    return (_("%(year)d 年上半年") if half == 1 else _("%(year)d 年下半年")) % {"year": year}


class AuditReminder(Rule):
    """規定 / SPEC §6: remind once when a half-year passed without an account audit (帳號清查).

    Logged against each account auditor reminded (or each system administrator when there is
    no auditor), so it shows in their history and in the site history.
    """

    def candidates(self):
        missed = last_half_year_missed(self.today)
        if missed is None:
            return []
        key = "{}-H{}".format(*missed)
        if RuleNotice.objects.filter(kind=RuleNotice.AUDIT_REMINDER, key=key).exists():
            return []
        return [missed]

    def outcome(self, missed):
        User = get_user_model()
        self.period = half_year_label(*missed)
        auditors = list(User.objects.filter(is_active=True, membership__is_account_auditor=True).order_by("pk"))
        admins = self.system_admins()
        self.recipients = _merge(auditors, admins)
        self.logged_on = auditors or admins
        subject = ", ".join(_user_subject(u) for u in self.logged_on) or _("（沒有帳號清查者或系統總管理者）")
        return Outcome(lifecycle_log.AUDIT_REMINDER, subject, _("%(period)s未辦理帳號清查") % {"period": self.period})

    def notice(self, missed):
        self.due = audit_due_date(self.today)
        self.reminder = {
            "year": missed[0],
            "half": missed[1],
            "due_date": self.due.isoformat(),
            "notified": [u.pk for u in self.recipients],
        }
        return RuleNotice.AUDIT_REMINDER, "{}-H{}".format(*missed), self.reminder

    def act(self, missed, outcome, locked):
        for user in self.logged_on:
            lifecycle_log.log_event(user, lifecycle_log.AUDIT_REMINDER, reason=outcome.reason, **self.reminder)
        return True

    def notify(self, missed, outcome):
        return mail.delivery_note(mail.send_audit_reminder(self.recipients, self.period, self.due))


# --- unconfirmed online filings -------------------------------------------------------------------


class UnconfirmedFilingPurger(Rule):
    """Online filings whose contact never confirmed within the link's validity are deleted.

    They were never routed, so nobody has seen them; keeping the personal data of a form nobody
    confirmed serves no purpose (個人資料保護法: no longer than needed). One action for them all.
    """

    def candidates(self):
        now = timezone.make_aware(datetime.datetime.combine(self.today, timezone.localtime().time()))
        self.hours = confirm_hours()
        return [now]

    def outcome(self, now):
        if self.dry_run:
            count = AccountApplication.objects.filter(
                status=AccountApplication.UNCONFIRMED, created_at__lt=now - datetime.timedelta(hours=self.hours)
            ).count()
            if not count:
                return None
            subject = _("%(count)d 份") % {"count": count}
        else:
            subject = ""  # the purge itself counts them: see ``act``
        return Outcome(PURGED, subject, _("確認連結逾 %(hours)d 小時未使用") % {"hours": self.hours})

    def act(self, now, outcome, locked):
        count = purge_unconfirmed(now)
        outcome.subject = _("%(count)d 份") % {"count": count}
        return count > 0


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
        return today - datetime.timedelta(days=retention_days())

    def due(self, today):
        return (
            AccountApplication.objects.filter(status__in=self.STATUSES, anonymised_at__isnull=True)
            .annotate(ended_on=Coalesce("completed_date", "reply_date"))
            .filter(ended_on__lt=self.cutoff(today))
            .order_by("ended_on", "pk")
        )

    def candidates(self):
        self.days = retention_days()
        self.files = []
        return list(self.due(self.today).values_list("pk", "ended_on"))

    def outcome(self, candidate):
        pk, ended_on = candidate
        reason = ngettext(
            "完成或不核准日期 %(date)s 已逾保存期限 %(days)d 天",
            "完成或不核准日期 %(date)s 已逾保存期限 %(days)d 天",
            self.days,
        ) % {"date": ended_on, "days": self.days}
        return Outcome(ANONYMISED, _("帳號申請第 %(pk)s 號") % {"pk": pk}, reason)

    def lock(self, candidate):
        pk, _ended_on = candidate
        return (
            AccountApplication.objects.select_for_update(of=("self",))
            .select_related("unit")
            .filter(pk=pk, anonymised_at__isnull=True)
            .first()
        )  # None: anonymised meanwhile (another node)

    def act(self, candidate, outcome, app):
        self.files.append(anonymise_application(app))
        return True

    def finish(self, acted):
        delete_files_on_commit(AccountApplication._meta.get_field("signed_form").storage, self.files)
        record_access(
            None,
            None,
            Purpose.RETENTION,
            AccessAction.ANONYMISE,
            model=AccountApplication,
            count=len(acted),
            criteria=ngettext(
                "保存期限 %(days)d 天，完成或不核准日期早於 %(cutoff)s；帳號申請第 %(numbers)s 號",
                "保存期限 %(days)d 天，完成或不核准日期早於 %(cutoff)s；帳號申請第 %(numbers)s 號",
                self.days,
            )
            % {
                "days": self.days,
                "cutoff": self.cutoff(self.today),
                "numbers": pgettext("列表分隔符號", "、").join(str(pk) for pk, _ended_on in acted),
            },
        )


# --- a run --------------------------------------------------------------------------------------

#: In this order: a leaver who is also idle is suspended as a leaver (the more specific reason).
RULES = (
    LeaverSuspender,
    InactiveAccountCloser,
    InactivityWarner,
    OverdueApplicationFlagger,
    AuditReminder,
    UnconfirmedFilingPurger,
    ApplicationAnonymiser,
)


def exclusive_run(using="default"):
    """Yields True when this run may go ahead: no other node is running the rules
    (``site45.core.scheduling``: a PostgreSQL advisory lock, a file lock on SQLite)."""
    return scheduling.exclusive_run(JOB_NAME, using=using)


def run_rules(today, dry_run=False, rules=RULES):
    """Run every rule for ``today``; returns the outcomes. A rule that fails does not stop the rest."""
    return skeleton.run_each(rules, today, dry_run=dry_run)
