"""E-mail sent by the daily account rules (``daily_rules``), in zh-Hant.

- inactivity warning (閒置停用預告): the user, 14, 7, 3 and 1 days before the closing date;
- closed for inactivity (閒置逾期停用): the user, with how to get the account back;
- suspended ex officio (依職權逕予停用): the account managers of the unit that handles the
  leaver's unit's applications (or the system administrators when it has none);
- overdue application (申請逾期未回覆): the reviewing unit's account managers and the system
  administrators;
- audit reminder (帳號清查提醒): the account auditors and the system administrators.

The rules pass the recipients; for the mails about applications and leavers ``routing``
(``ApplicationMailRecipients``) decides who they are.

Each mail is a pair of templates under ``templates/mail/rules/`` sent by ``site45.core.mail``;
each function returns its ``Delivery``, which ``delivery_note`` turns into a short zh-Hant note
for the command's output ("no e-mail address", "sending failed"). A failure is logged and never
stops the run: the rule has already been applied and recorded; only the mail is missing.
Personal data of applications (names, phones) is not put into mail: the link leads to the
record, where access is controlled and logged.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from site45.core import mail
from site45.core.names import name_or_username

from .applications import REPLY_WORKING_DAYS

#: The rules' mails are in zh-Hant whoever reads them (the agency's language, 規定 三).
LANGUAGE = "zh-hant"


def admin_url(name="wagtailadmin_home", args=None):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return base + reverse(name, args=args)
    except NoReverseMatch:
        return base + reverse("wagtailadmin_home")


def person(user):
    return name_or_username(user)


def delivery_note(delivery):
    """``None`` when the mail went out, else a short zh-Hant note for a command's output."""
    if delivery.nobody:
        return _("未寄信：收件人沒有電子信箱")
    if delivery.failed:
        return _("寄信失敗（詳見系統記錄）")
    return None


def _send(kind, context, recipients):
    return mail.send(kind, context, recipients, language=LANGUAGE)


def send_inactivity_warning(user, reference_date, closing_date, days_left):
    """Tell ``user`` their account closes on ``closing_date`` unless they use it before."""
    return _send(
        "rules/inactivity_warning",
        {
            "days": days_left,
            "person": person(user),
            "name": user.get_username(),
            "date": str(reference_date),
            "closing": str(closing_date),
            "url": admin_url(),
        },
        [user],
    )


def send_inactivity_closed(user, reference_date, idle_days):
    """Tell ``user`` their account was closed for inactivity, and how to get it back."""
    return _send(
        "rules/inactivity_closed",
        {
            "days": idle_days,
            "person": person(user),
            "name": user.get_username(),
            "date": str(reference_date),
        },
        [user],
    )


def send_ex_officio_notice(recipients, user, unit_name, departure_date, grace_deadline, grace_days):
    """Tell the account managers that a leaver's account was suspended ex officio."""
    return _send(
        "rules/ex_officio_notice",
        {
            "days": grace_days,
            "unit": unit_name,
            "name": user.get_username(),
            "date": str(departure_date),
            "deadline": str(grace_deadline),
            "url": admin_url(),
        },
        recipients,
    )


def send_overdue_flag(recipients, application, deadline):
    """Tell the reviewing unit's account managers and the system administrators."""
    return _send(
        "rules/overdue_flag",
        lambda: {
            "pk": application.pk,
            "days": REPLY_WORKING_DAYS,
            "unit": application.unit.display_name if application.unit_id else "-",
            "type": application.get_change_type_display(),
            "received": str(application.received_date),
            "deadline": str(deadline),
            "url": admin_url("account_applications:inspect", args=[application.pk]),
        },
        recipients,
    )


def send_audit_reminder(recipients, period, due_date):
    """Tell the auditors and system administrators that ``period`` passed without an audit."""
    return _send("rules/audit_reminder", {"period": period, "due": str(due_date), "url": admin_url()}, recipients)
