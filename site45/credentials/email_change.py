"""Changing one's own e-mail address, and recording every change of a password or an address
(ASVS V2.2.3, V2.5.x).

The address is where a password-reset link goes, so it is a credential:

1. 帳號設定 → 電子信箱 asks for the current password and the new address, which must be on
   ``ACCOUNT_APPLICATION_EMAIL_DOMAINS`` (the one rule: ``filing.email_domain_allowed``);
2. nothing changes yet: a signed link (``request_change``) goes to the new address, valid for
   ``EMAIL_CHANGE_CONFIRM_HOURS``, and a notice to the current one;
3. the change happens when the link is followed by the same account, signed in, and its button
   pressed (``confirm_change``; mail scanners fetch links, so the GET changes nothing). The link
   names the old address by its hash, so it works once and dies when the address changes;
4. the old address is told, and the change is in 帳號異動紀錄 (without the addresses: the
   record is read more widely than the user's personal data).

The system administrator may still change anyone's address in the user admin
(``record_admin_change``): logged, and the old address told. A password change, however it is
made (account page, reset link, user admin, ``changepassword``), is recorded by
``password_changed`` from ``history.record_password``: logged and mailed.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from site45.core.account_policy import account_policy
from site45.core.rate_limit import FixedWindowRateLimit

from . import log_actions, notices

SALT = "site45.credentials.email_change"
#: wrong current passwords on the 電子信箱 panel before it waits (per account, per window)
PASSWORD_TRIES = FixedWindowRateLimit("email-change-password", limit=5, window_seconds=900)


class EmailChangeRefused(Exception):
    """A link that is not (or no longer) good; the message says so in zh-Hant."""


def confirm_hours():
    return int(settings.EMAIL_CHANGE_CONFIRM_HOURS)


def _fingerprint(email):
    return hashlib.sha256((email or "").strip().lower().encode("utf-8")).hexdigest()[:20]


def check_new_address(user, value):
    """The normalised new address, or a zh-Hant error message (``ValueError``)."""
    email = account_policy().normalise_email(value or "")
    if email.lower() == (user.email or "").strip().lower():
        raise ValueError(_("新的電子信箱與目前的相同。"))
    if not account_policy().email_domain_allowed(email):
        raise ValueError(
            _("電子信箱須為 %(domains)s 網域的公務電子信箱。")
            % {"domains": "、".join(account_policy().allowed_email_domains())}
        )
    return email


def check_password(user, password):
    """True when ``password`` is the user's; wrong tries are limited per account."""
    if PASSWORD_TRIES.is_limited(user.pk):
        return False
    if user.check_password(password or ""):
        return True
    PASSWORD_TRIES.hit(user.pk)
    return False


def make_token(user, new_email):
    return signing.dumps({"u": user.pk, "o": _fingerprint(user.email), "n": new_email}, salt=SALT, compress=True)


def confirm_url(user, new_email):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("credentials_email_confirm", args=[make_token(user, new_email)])


def request_change(user, new_email):
    """Mail the link to ``new_email`` and a notice to the current address; record the request."""
    account_policy().log_event(
        user, log_actions.EMAIL_CHANGE_REQUESTED, by=user, reason=_("使用者申請變更電子信箱，確認連結已寄到新信箱。")
    )
    link = confirm_url(user, new_email)
    transaction.on_commit(
        lambda: (
            notices.email_change_requested(user, new_email, link, confirm_hours()),
            notices.email_change_requested_notice(user, new_email),
        )
    )


def read_token(user, token):
    """The new address a link asks for, if it is good for ``user`` now; else ``EmailChangeRefused``."""
    if len(token or "") > 500:
        raise EmailChangeRefused(_("連結無效，請重新申請變更電子信箱。"))
    try:
        data = signing.loads(token, salt=SALT, max_age=confirm_hours() * 3600)
    except signing.SignatureExpired:
        raise EmailChangeRefused(_("連結已逾期，請重新申請變更電子信箱。")) from None
    except signing.BadSignature:
        raise EmailChangeRefused(_("連結無效，請重新申請變更電子信箱。")) from None
    if not isinstance(data, dict) or data.get("u") != user.pk:
        raise EmailChangeRefused(_("這個連結不是給目前登入的帳號使用的，請以申請變更的帳號登入後再開啟。"))
    if data.get("o") != _fingerprint(user.email):
        raise EmailChangeRefused(_("連結已使用過或已失效，請重新申請變更電子信箱。"))
    new_email = data.get("n") or ""
    if not account_policy().email_domain_allowed(new_email):
        raise EmailChangeRefused(_("連結無效，請重新申請變更電子信箱。"))
    return new_email


def confirm_change(user, token):
    """Apply the change a good link asks for; returns the new address."""
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        new_email = read_token(user, token)
        old_email = user.email
        user.email = new_email
        user.save(update_fields=["email"])
        account_policy().log_event(
            user, log_actions.EMAIL_CHANGED, by=user, reason=_("使用者經新信箱確認後變更電子信箱。")
        )
        transaction.on_commit(lambda: notices.email_changed(user, old_email))
    return new_email


def record_admin_change(user, old_email, by):
    """The user admin changed ``user``'s address: record it and tell the old address."""
    if (old_email or "").strip().lower() == (user.email or "").strip().lower():
        return
    account_policy().log_event(user, log_actions.EMAIL_CHANGED, by=by, reason=_("管理者於使用者管理變更電子信箱。"))
    if old_email:
        transaction.on_commit(lambda: notices.email_changed(user, old_email, by_admin=True))


def password_changed(user):
    """A new password was stored for an existing account (``history.record_password``)."""
    from wagtail.log_actions import get_active_log_context

    actor = get_active_log_context().user
    if actor is not None and actor.pk == user.pk:
        reason = _("使用者變更自己的密碼。")
    elif actor is not None:
        reason = _("管理者為使用者設定新密碼。")
    else:
        reason = _("以重設或設定密碼的連結設定新密碼。")
    account_policy().log_event(user, log_actions.PASSWORD_CHANGED, by=actor, reason=reason)
    transaction.on_commit(lambda: notices.password_changed(user))
