"""Mail telling a user that something changed about how they sign in (ASVS V2.2.3, V2.5.x).

Sent for: a second factor confirmed, removed by the user or reset by an account manager; a
recovery code used; the password changed; the e-mail address changed (to the old address) and
the confirmation link of a new address (to the new one). Each mail says what happened and when,
and whom to ask if it was not the user. Sent after the change is stored and logged, in zh-Hant,
through ``site45.core.mail`` (templates under ``templates/mail/credentials/``; a failure is
logged, never stops the change). Each function returns that ``Delivery``.
"""

from django.utils import timezone

from site45.core import mail
from site45.core.names import name_or_username

#: Sign-in notices are in zh-Hant whoever reads them, like every account mail of the agency.
LANGUAGE = "zh-hant"


def _when():
    return timezone.localtime().strftime("%Y-%m-%d %H:%M")


def _person(user):
    return name_or_username(user)


def _tell(user, kind, address=None, **context):
    """``kind`` happened to ``user``'s account: mail it to ``address`` (default their own)."""
    address = address if address is not None else user.email
    context = {"person": _person(user), "name": user.get_username(), "when": _when(), **context}
    return mail.send(f"credentials/{kind}", context, [address or ""], language=LANGUAGE)


def two_factor_set_up(user):
    return _tell(user, "two_factor_set_up")


def two_factor_removed(user):
    return _tell(user, "two_factor_removed")


def two_factor_reset(user):
    return _tell(user, "two_factor_reset")


def recovery_code_used(user, left):
    return _tell(user, "recovery_code_used", count=left)


def password_changed(user):
    return _tell(user, "password_changed")


def email_change_requested(user, new_email, link, hours):
    """The link to the new address: the change happens only when it is followed."""
    context = {"person": _person(user), "name": user.get_username(), "link": link, "hours": hours}
    return mail.send("credentials/email_change_link", context, [new_email or ""], language=LANGUAGE)


def email_change_requested_notice(user, new_email):
    """To the current address: a change was asked for (nothing changed yet)."""
    return _tell(user, "email_change_requested", email=new_email)


def email_changed(user, old_email, by_admin=False):
    """To the old address, once the new one is in force."""
    return _tell(user, "email_changed", address=old_email, email=user.email, by_admin=by_admin)
