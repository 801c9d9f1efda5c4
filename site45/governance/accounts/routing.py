"""Who sees an account application and who is mailed about it (SPEC §6, 規定 三(一)(二)).

Which unit an application goes to is ``jurisdiction.reviewing_unit_for``. The account manager (帳號申請管理者) of the reviewing unit handles what is routed to it; the
system administrator sees everything; nobody else sees any application.
"""

from django.contrib.auth import get_user_model

from ..org.capabilities import ADMINISTER_SYSTEM, user_can
from ..org.capabilities import system_admins as all_system_admins
from ..org.models import Unit
from ..org.roles import active_membership
from .applications import AccountApplication
from .jurisdiction import reviewing_unit_for, units_routed_to


def applications_visible_to(user):
    """The applications ``user`` may see and act on.

    An application filed online is not routed until its contact window has confirmed it
    (status UNCONFIRMED, see ``filing.py``): until then nobody sees it in the admin.
    """
    routed = AccountApplication.objects.exclude(status=AccountApplication.UNCONFIRMED)
    if user_can(user, ADMINISTER_SYSTEM):
        return routed
    membership = active_membership(user)
    if membership and membership.is_account_manager:
        return routed.filter(reviewing_unit_id=membership.unit_id)
    return AccountApplication.objects.none()


def accounts_managed_by(user):
    """The accounts ``user`` looks after: every one for the system administrator; for an account
    manager, those of the units routed to their unit; none for anybody else.

    The scope of unlocking a sign-in, resetting two-factor sign-in and reading the account record.
    """
    accounts = get_user_model().objects
    if user_can(user, ADMINISTER_SYSTEM):
        return accounts.all()
    membership = active_membership(user)
    if membership and membership.is_account_manager:
        return accounts.filter(membership__unit__in=units_routed_to(membership.unit))
    return accounts.none()


def units_user_may_file_for(user):
    """Units for which ``user`` may enter a paper application (those routed to them)."""
    if user_can(user, ADMINISTER_SYSTEM):
        return Unit.objects.publishing()
    membership = active_membership(user)
    if membership and membership.is_account_manager:
        return units_routed_to(membership.unit)
    return Unit.objects.none()


# --- who is mailed about an application -------------------------------------------------------
#
# Every mail about an account application (SPEC §6, 規定 三) asks here whom to tell, for one of
# these purposes. People without an account (the contact window, the user of an account being
# opened) are given as addresses; staff as users, whose addresses ``site45.core.mail`` reads.

#: The contact window (指定聯繫窗口) of an online filing: the link that confirms it.
CONFIRMATION = "confirmation"
#: The user of a new account: the account name and the link to set the password.
ACCOUNT_OPENED = "account_opened"
#: The contact window of a new account: a copy without the link.
ACCOUNT_OPENED_COPY = "account_opened_copy"
#: A confirmed filing waits: the reviewing unit's account managers with an e-mail address, else
#: the system administrators.
WAITING = "waiting"
#: Not replied to within the reply period: the reviewing unit's account managers and the system
#: administrators.
OVERDUE = "overdue"
#: A leaver of a unit was suspended ex officio: the account managers of the unit that handles the
#: unit's applications, else (none at all) the system administrators.
LEAVER_SUSPENDED = "leaver_suspended"


def application_mail_recipients(application, purpose, account=None):
    """Whom to mail about ``application`` for ``purpose`` (``account``: the new account, for
    ``ACCOUNT_OPENED``). Users or addresses, in order, each once."""
    return ApplicationMailRecipients().of(application, purpose, account=account)


class ApplicationMailRecipients:
    """The recipients of application mail for one request or one daily-rule run: the account
    managers of each reviewing unit are read once (``prefetch`` reads several units in one
    query) and the system administrators once, so a rule's cost does not grow with the number
    of applications it mails about."""

    def __init__(self, system_admins=None):
        """``system_admins``: a function returning them, when the caller already reads them."""
        self._managers = {}
        self._system_admins = system_admins
        self._admins = None

    def prefetch(self, reviewing_unit_ids):
        """Read the active account managers of ``reviewing_unit_ids`` not read yet (one query)."""
        missing = [pk for pk in reviewing_unit_ids if pk is not None and pk not in self._managers]
        if not missing:
            return
        self._managers.update({pk: [] for pk in missing})
        users = (
            get_user_model()
            .objects.filter(is_active=True, membership__is_account_manager=True, membership__unit_id__in=missing)
            .select_related("membership")
            .order_by("pk")
        )
        for user in users:
            self._managers[user.membership.unit_id].append(user)

    def account_managers(self, reviewing_unit_id):
        if reviewing_unit_id is None:
            return []
        self.prefetch([reviewing_unit_id])
        return self._managers[reviewing_unit_id]

    def system_admins(self):
        if self._admins is None:
            self._admins = (self._system_admins or all_system_admins)()
        return self._admins

    def of(self, application, purpose, account=None):
        """Whom to mail about ``application`` for ``purpose`` (see the purposes above)."""
        if purpose == CONFIRMATION or purpose == ACCOUNT_OPENED_COPY:
            return [application.contact_email]
        if purpose == ACCOUNT_OPENED:
            account = account if account is not None else application.existing_user
            return [application.user_email or account.email]
        managers = self.account_managers(application.reviewing_unit_id)
        if purpose == WAITING:
            return [user for user in managers if user.email] or self.system_admins()
        if purpose == OVERDUE:
            return list({user.pk: user for user in [*managers, *self.system_admins()]}.values())
        raise ValueError(f"unknown application mail purpose {purpose!r}")

    def of_unit(self, unit, purpose):
        """Whom to mail about an account of ``unit`` for ``purpose`` (``LEAVER_SUSPENDED``)."""
        if purpose != LEAVER_SUSPENDED:
            raise ValueError(f"unknown unit mail purpose {purpose!r}")
        reviewing = reviewing_unit_for(unit)
        managers = self.account_managers(reviewing.pk) if reviewing is not None else []
        return managers or self.system_admins()
