"""The lockout rules of the admin sign-in, on django-axes.

django-axes counts the failures: its authentication backend (first in
``AUTHENTICATION_BACKENDS``) refuses a locked-out sign-in inside ``authenticate()``, which
Wagtail's ``LoginView`` form calls, and its signal handlers store every failure
(``AccessAttempt``, ``AccessFailureLog``) and every success (``AccessLog``) with time, account
and address. This module holds what is ours:

- ``client_ip`` / ``normalized_username``: the address (the same rule as the other rate limits,
  ``site45.core.rate_limit.client_address``: ``X-Forwarded-For`` only through our own proxies)
  and the account name (trimmed, lower case, so 「Alice」 and 「alice」 count together);
- ``lockout_response``: the page a locked-out sign-in gets (429, the admin's look, when to try
  again and whom to ask; the same for an account that exists and one that does not);
- ``current_lockouts`` and ``unlock_account`` / ``unlock_address``: what is locked now and who
  may lift it — an account manager for the accounts of the units routed to them, the system
  administrator for every account and for addresses. Those answers are governance's, asked
  through ``site45.core.account_policy`` (``ACCOUNT_POLICY``): sign-in does not import governance.

Settings (``AXES_*`` in ``settings/base.py``): 5 failures (``AXES_FAILURE_LIMIT``) lock for
15 minutes (``AXES_COOLOFF_TIME``), counted per account name and per address
(``AXES_LOCKOUT_PARAMETERS``), so guessing one account from many addresses and many accounts
from one address are both stopped.
"""

import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Sum
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from site45.core.account_policy import ADMINISTER_SYSTEM, UNLOCK_ACCOUNTS, account_policy
from site45.core.rate_limit import client_address

from . import log_actions

logger = logging.getLogger(__name__)


# --- what axes counts ------------------------------------------------------------------------------


def client_ip(request):
    """The client's address as axes stores it (an IPv6 client is counted per /64), or ``None``."""
    address = client_address(request)
    if address.endswith("/64"):
        address = address[: -len("/64")]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def normalized_username(request, credentials=None):
    """The account name a sign-in attempt is counted against (``AXES_USERNAME_CALLABLE``)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        name = credentials.get(field)
    else:
        name = getattr(request, "POST", {}).get(field)
    if name is None:
        return None
    return str(name).strip().lower()[:255] or None


def failure_limit():
    return int(settings.AXES_FAILURE_LIMIT)


def cool_off():
    from axes.helpers import get_cool_off

    return get_cool_off()


# --- the locked-out page ---------------------------------------------------------------------------


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the admin-styled page of a refused sign-in (HTTP 429).

    The attempt that triggered it was just counted, so the lock lasts the cool-off from now.
    The text does not depend on whether the account exists.
    """
    attempted_at = getattr(request, "axes_attempt_time", None) or timezone.now()
    until = timezone.localtime(attempted_at + cool_off())
    minutes = int(cool_off().total_seconds() // 60)
    context = {
        "until": until,
        "minutes": minutes,
        "failure_limit": failure_limit(),
    }
    return render(request, "signin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


# --- current lockouts and unlocking -------------------------------------------------------------


@dataclass
class Lockout:
    """One lock in force: an account name or an address, its failures and when it ends."""

    kind: str  # "account" or "address"
    key: str
    failures: int
    last_failure_at: object
    user: object = None

    @property
    def until(self):
        return timezone.localtime(self.last_failure_at + cool_off())

    @property
    def masked_name(self):
        """The account holder's name as lists show it (the account policy's ``display_name``): masked."""
        return account_policy().display_name(self.user) if self.user is not None else ""


def _attempts_in_force():
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off())


def _locked(field):
    return (
        _attempts_in_force()
        .exclude(**{f"{field}__isnull": True})
        .values(field)
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=failure_limit())
        .order_by("-last")
    )


def is_system_admin(user):
    """The system administrator: sees every lock, also names that are no account and addresses.

    Sign-in asks through the account policy (``ACCOUNT_POLICY``: governance's capability table),
    so that sign-in does not depend on governance.
    """
    return account_policy().user_can(user, ADMINISTER_SYSTEM)


def may_unlock(user):
    """System administrator or an account manager: may open the 「登入鎖定」 list at all."""
    return account_policy().user_can(user, UNLOCK_ACCOUNTS)


def accounts_unlockable_by(user):
    """The accounts whose lock ``user`` may lift (a ``User`` queryset)."""
    return account_policy().accounts_managed_by(user)


def current_lockouts(user):
    """The locks in force that ``user`` may see: accounts in their scope; for the system
    administrator also names that are no account and locked addresses."""
    User = get_user_model()
    in_scope = (
        accounts_unlockable_by(user)
        .select_related("membership__unit")
        .annotate(lname=Lower(User.USERNAME_FIELD))
        .filter(lname__in=_locked("username").values("username"))
    )
    accounts = {account.lname: account for account in in_scope}
    everything = is_system_admin(user)
    locks = []
    for row in _locked("username"):
        account = accounts.get(row["username"])
        if account is not None or everything:
            locks.append(Lockout("account", row["username"], row["failures"], row["last"], account))
    if everything:
        locks.extend(
            Lockout("address", row["ip_address"], row["failures"], row["last"]) for row in _locked("ip_address")
        )
    return locks


def unlock_account(by, username):
    """Lift the lock of account name ``username``; ``Http404`` outside ``by``'s scope. Every failure counted against the name goes, so the address's count drops
    by the same attempts. Logged in the account record. Returns the attempts removed."""
    from axes.handlers.proxy import AxesProxyHandler

    name = (username or "").strip().lower()
    User = get_user_model()
    account = (
        accounts_unlockable_by(by).annotate(lname=Lower(User.USERNAME_FIELD)).filter(lname=name).first()
        if name
        else None
    )
    if account is None and not (name and is_system_admin(by)):
        raise Http404  # outside the scope: not even whether the account exists
    removed = AxesProxyHandler.reset_attempts(username=name)
    if account is not None and removed:
        account_policy().log_event(
            account,
            log_actions.ACCOUNT_UNLOCKED,
            by=by,
            reason=_("解除登入鎖定（已清除 %(n)s 筆登入失敗紀錄）") % {"n": removed},
        )
    logger.info("Sign-in lock of %r lifted by %s (%s attempts)", name, by.get_username(), removed)
    return removed


def unlock_address(by, ip_address):
    """Lift the throttle of an address (system administrator only; ``Http404`` for anyone
    else); ``ValueError`` if ``ip_address`` is not an address."""
    from axes.handlers.proxy import AxesProxyHandler

    if not is_system_admin(by):
        raise Http404
    address = str(ipaddress.ip_address((ip_address or "").strip()))
    removed = AxesProxyHandler.reset_attempts(ip_address=address)
    logger.info("Sign-in throttle of %s lifted by %s (%s attempts)", address, by.get_username(), removed)
    return removed


def record_lockout(request, username, ip_address):
    """``user_locked_out``: the attempt that reached the limit is written to the account's
    record (once per lock, not for each refused attempt after it)."""
    if not username:
        return
    counted = _attempts_in_force().filter(username=username).aggregate(n=Sum("failures_since_start"))["n"]
    if counted != failure_limit():
        return
    User = get_user_model()
    account = User.objects.annotate(lname=Lower(User.USERNAME_FIELD)).filter(lname=username).first()
    if account is None:
        return
    account_policy().log_event(
        account,
        log_actions.ACCOUNT_LOCKED_OUT,
        by=None,
        reason=_("連續登入失敗 %(n)s 次，帳號鎖定 %(minutes)s 分鐘（位址：%(address)s）")
        % {"n": failure_limit(), "minutes": int(cool_off().total_seconds() // 60), "address": ip_address or _("不明")},
        address=ip_address,
    )
