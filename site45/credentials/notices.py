"""Mail telling a user that something changed about how they sign in (ASVS V2.2.3, V2.5.x).

Sent for: a second factor confirmed, removed by the user or reset by an account manager; a
recovery code used; the password changed; the e-mail address changed (to the old address) and
the confirmation link of a new address (to the new one). Each mail says what happened and when,
and whom to ask if it was not the user. Sent after the change is stored and logged, through
``governance.account_mail``'s sender (a failure is logged, never stops the change).
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from site45.governance.account_mail import _closing, _person, _send


def _when():
    return timezone.localtime().strftime("%Y-%m-%d %H:%M")


def _not_you():
    return _("如果這不是您本人的操作，請立即聯絡您的帳號申請管理者，並變更密碼。")


def _tell(user, subject, what, address=None):
    """``what`` happened to ``user``'s account: mail it to ``address`` (default their own)."""
    address = (address if address is not None else user.email or "").strip()
    with translation.override("zh-hant"):
        paragraphs = [
            _("%(person)s 您好：") % {"person": _person(user)},
            _("您的 45+ 就業資源網後台帳號「%(name)s」於 %(when)s %(what)s") % {
                "name": user.get_username(), "when": _when(), "what": what},
            _not_you(),
            _closing(),
        ]
        return _send(subject, paragraphs, [address] if address else [], "credentials notice")


def two_factor_set_up(user):
    with translation.override("zh-hant"):
        return _tell(user, _("已設定兩步驟驗證"), _("完成兩步驟驗證設定，登入時需要驗證器 App 的驗證碼。"))


def two_factor_removed(user):
    with translation.override("zh-hant"):
        return _tell(user, _("已移除兩步驟驗證裝置"), _("移除了兩步驟驗證裝置。"))


def two_factor_reset(user):
    with translation.override("zh-hant"):
        return _tell(user, _("兩步驟驗證已被重設"),
                     _("由帳號管理者重設了兩步驟驗證，所有工作階段已登出，下次登入時需重新設定。"))


def recovery_code_used(user, left):
    with translation.override("zh-hant"):
        return _tell(user, _("已使用復原碼登入"),
                     _("以一組復原碼完成登入，還剩 %(count)d 組復原碼。") % {"count": left})


def password_changed(user):
    with translation.override("zh-hant"):
        return _tell(user, _("密碼已變更"), _("變更了密碼。"))


def email_change_requested(user, new_email, link, hours):
    """The link to the new address: the change happens only when it is followed."""
    with translation.override("zh-hant"):
        paragraphs = [
            _("%(person)s 您好：") % {"person": _person(user)},
            _("有人要求將 45+ 就業資源網後台帳號「%(name)s」的電子信箱改為本信箱。請登入後台後開啟下列連結並按"
              "「確認變更」，變更才會生效；連結 %(hours)d 小時內有效：") % {"name": user.get_username(), "hours": hours},
            link,
            _("如果您沒有提出這項要求，請忽略本信，電子信箱不會變更。"),
            _closing(),
        ]
        return _send(_("請確認新的電子信箱"), paragraphs, [new_email], "e-mail change link")


def email_change_requested_notice(user, new_email):
    """To the current address: a change was asked for (nothing changed yet)."""
    with translation.override("zh-hant"):
        return _tell(user, _("有人要求變更電子信箱"),
                     _("要求將電子信箱改為 %(email)s，新信箱確認後才會生效。") % {"email": new_email})


def email_changed(user, old_email, by_admin=False):
    """To the old address, once the new one is in force."""
    with translation.override("zh-hant"):
        what = (_("由系統管理者將電子信箱改為 %(email)s。") if by_admin
                else _("將電子信箱改為 %(email)s。")) % {"email": user.email}
        return _tell(user, _("電子信箱已變更"), what, address=old_email)
