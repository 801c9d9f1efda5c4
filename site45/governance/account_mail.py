"""E-mail sent by the daily account rules (``account_rules``), in zh-Hant.

- inactivity warning (閒置停用預告): the user, 14, 7, 3 and 1 days before the closing date;
- closed for inactivity (閒置逾期停用): the user, with how to get the account back;
- suspended ex officio (依職權逕予停用): the account managers of the unit that handles the
  leaver's unit's applications (or the system administrators when it has none);
- overdue application (申請逾期未回覆): the reviewing unit's account managers and the system
  administrators;
- audit reminder (帳號清查提醒): the account auditors and the system administrators.

Each function returns ``None`` when the mail went out, else a short zh-Hant note for the
command's output ("no e-mail address", "sending failed"). A failure is logged and never stops
the run: the rule has already been applied and recorded; only the mail is missing.
Personal data of applications (names, phones) is not put into mail: the link leads to the
record, where access is controlled and logged.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .applications import REPLY_WORKING_DAYS

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "【45+ 就業資源網】"


def _admin_url(name="wagtailadmin_home", args=None):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    try:
        return base + reverse(name, args=args)
    except NoReverseMatch:
        return base + reverse("wagtailadmin_home")


def _person(user):
    return user.get_full_name() or user.get_username()


def _addresses(recipients):
    """Distinct non-empty addresses of ``recipients`` (users), in order."""
    seen = []
    for user in recipients:
        email = (user.email or "").strip()
        if email and email.lower() not in {s.lower() for s in seen}:
            seen.append(email)
    return seen


def _send(subject, paragraphs, addresses, what):
    if not addresses:
        return _("未寄信：收件人沒有電子信箱")
    try:
        send_mail(SUBJECT_PREFIX + subject, "\n\n".join(paragraphs), None, addresses)
    except Exception:  # the rule is applied and logged; only the mail is missing
        logger.exception("Could not send the %s mail to %s", what, addresses)
        return _("寄信失敗（詳見系統記錄）")
    return None


def _closing():
    return _("本信由系統自動寄出，請勿直接回覆。")


def send_inactivity_warning(user, reference_date, closing_date, days_left):
    """Tell ``user`` their account closes on ``closing_date`` unless they use it before."""
    with translation.override("zh-hant"):
        subject = ngettext(
            "帳號將於 %(days)d 天後因閒置停用", "帳號將於 %(days)d 天後因閒置停用", days_left
        ) % {"days": days_left}
        paragraphs = [
            _("%(person)s 您好：") % {"person": _person(user)},
            _("您的 45+ 就業資源網後台帳號「%(name)s」自 %(date)s 起未曾使用。依「45+就業資源網帳號申請及使用規定」，"
              "帳號 180 天未有登入紀錄將由系統自動停用。") % {"name": user.get_username(), "date": reference_date},
            _("若在 %(closing)s 前仍未登入後台，帳號將於 %(closing)s 自動停用。") % {"closing": closing_date},
            _("如仍需使用帳號，請於期限前登入後台一次即可：\n%(url)s") % {"url": _admin_url()},
            _("如已不再需要帳號（例如離職或職務異動），請由單位指定聯繫窗口提出停用申請。"),
            _closing(),
        ]
    return _send(subject, paragraphs, _addresses([user]), "inactivity warning")


def send_inactivity_closed(user, reference_date, idle_days):
    """Tell ``user`` their account was closed for inactivity, and how to get it back."""
    with translation.override("zh-hant"):
        subject = _("帳號已因閒置停用")
        paragraphs = [
            _("%(person)s 您好：") % {"person": _person(user)},
            ngettext(
                "您的 45+ 就業資源網後台帳號「%(name)s」自 %(date)s 起 %(days)d 天未使用，已依規定由系統自動停用。",
                "您的 45+ 就業資源網後台帳號「%(name)s」自 %(date)s 起 %(days)d 天未使用，已依規定由系統自動停用。",
                idle_days,
            ) % {"name": user.get_username(), "date": reference_date, "days": idle_days},
            _("帳號及您建立的內容均保留。如需恢復使用，請填具帳號使用（停用）申請表（恢復使用），"
              "經單位主管核定後由指定聯繫窗口提出申請。"),
            _closing(),
        ]
    return _send(subject, paragraphs, _addresses([user]), "inactivity closed")


def send_ex_officio_notice(recipients, user, unit_name, departure_date, grace_deadline, grace_days):
    """Tell the account managers that a leaver's account was suspended ex officio."""
    with translation.override("zh-hant"):
        subject = _("離職人員帳號已依職權逕予停用")
        paragraphs = [
            _("帳號申請管理者您好："),
            ngettext(
                "%(unit)s 的帳號「%(name)s」登錄之離職或調離日期為 %(date)s，至 %(deadline)s（%(days)d 個工作日內）"
                "仍未申請停用，系統已依「45+就業資源網帳號申請及使用規定」三（四）依職權逕予停用。",
                "%(unit)s 的帳號「%(name)s」登錄之離職或調離日期為 %(date)s，至 %(deadline)s（%(days)d 個工作日內）"
                "仍未申請停用，系統已依「45+就業資源網帳號申請及使用規定」三（四）依職權逕予停用。",
                grace_days,
            ) % {"unit": unit_name, "name": user.get_username(), "date": departure_date,
                 "deadline": grace_deadline, "days": grace_days},
            _("帳號及其內容均保留，停用紀錄可於後台的網站歷史記錄查詢：\n%(url)s") % {"url": _admin_url()},
            _closing(),
        ]
    return _send(subject, paragraphs, _addresses(recipients), "ex officio suspension")


def send_overdue_flag(recipients, application, deadline):
    """Tell the reviewing unit's account managers and the system administrators."""
    with translation.override("zh-hant"):
        subject = _("帳號申請逾期未回覆（第 %(pk)s 號）") % {"pk": application.pk}
        paragraphs = [
            _("帳號申請管理者、系統總管理者您好："),
            ngettext(
                "帳號申請第 %(pk)s 號（申請單位：%(unit)s，異動類型：%(type)s）於 %(received)s 收件，"
                "回覆期限為 %(deadline)s（收件後 %(days)d 個工作日），目前仍未回覆。",
                "帳號申請第 %(pk)s 號（申請單位：%(unit)s，異動類型：%(type)s）於 %(received)s 收件，"
                "回覆期限為 %(deadline)s（收件後 %(days)d 個工作日），目前仍未回覆。",
                REPLY_WORKING_DAYS,
            ) % {
                "pk": application.pk,
                "days": REPLY_WORKING_DAYS,
                "unit": application.unit.display_name if application.unit_id else "-",
                "type": application.get_change_type_display(),
                "received": application.received_date,
                "deadline": deadline,
            },
            _("請儘速審查並回覆：\n%(url)s") % {
                "url": _admin_url("account_applications:inspect", args=[application.pk])},
            _closing(),
        ]
    return _send(subject, paragraphs, _addresses(recipients), "overdue application")


def send_audit_reminder(recipients, period, due_date):
    """Tell the auditors and system administrators that ``period`` passed without an audit."""
    with translation.override("zh-hant"):
        subject = _("帳號清查提醒：%(period)s未辦理帳號清查") % {"period": period}
        paragraphs = [
            _("帳號清查者、系統總管理者您好："),
            _("依「45+就業資源網帳號申請及使用規定」，帳號每半年清查 1 次。%(period)s已結束，系統中沒有該期的帳號清查紀錄。") % {
                "period": period},
            _("請儘速於後台「帳號清查」辦理本期清查（本期期限：%(due)s）：\n%(url)s") % {
                "due": due_date, "url": _admin_url()},
            _closing(),
        ]
    return _send(subject, paragraphs, _addresses(recipients), "audit reminder")
