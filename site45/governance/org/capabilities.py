"""Who may do what: one table from capabilities to the roles of SPEC §3 that hold them.

Every "may this person …?" about the governance roles is answered here, once for one person
(``user_can``) and once as a set of people (``users_who_can``), from the same table, so a
menu item, a permission check and a mailing list cannot disagree.

Both answers follow one rule: the person's account is active, and either it is a superuser
(the system administrator's emergency account, kept in step with 系統總管理者 by
``permissions.grants``) or their membership holds one of the capability's roles. A suspended account
(停用) can do nothing, whatever its membership says.

Scoping (which applications, which accounts) is not decided here: ``routing`` narrows what an
account manager sees to the units routed to their unit (SPEC §6).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

# The names sign-in and credentials ask about (administer the system, manage accounts, unlock
# accounts) are defined once in the account-policy interface they ask through.
from site45.core.account_policy import ADMINISTER_SYSTEM, MANAGE_ACCOUNTS, UNLOCK_ACCOUNTS

from .roles import ROLE_FIELDS, holds_role

#: Carry out the semiannual account audit (帳號清查). Account managers are left out on purpose:
#: the person who opens accounts should not be the one who checks them (separation of duties).
AUDIT_ACCOUNTS = "audit_accounts"
#: Keep the working-day calendar (補班, holidays) that the reply deadline counts on (SPEC §6).
EDIT_CALENDAR = "edit_calendar"

#: capability -> the roles (``roles.ROLE_FIELDS`` codes) that hold it.
CAPABILITIES = {
    ADMINISTER_SYSTEM: ("system_admin",),
    MANAGE_ACCOUNTS: ("system_admin", "account_manager"),
    UNLOCK_ACCOUNTS: ("system_admin", "account_manager"),
    AUDIT_ACCOUNTS: ("system_admin", "account_auditor"),
    EDIT_CALENDAR: ("system_admin", "account_manager"),
}


def roles_holding(capability):
    """The roles that hold ``capability``; ``KeyError`` for a name not in the table."""
    return CAPABILITIES[capability]


def user_can(user, capability):
    """May ``user`` (any user object, anonymous included) exercise ``capability``?"""
    return holds_role(user, *roles_holding(capability))


def users_who_can(capability):
    """The users for whom ``user_can(user, capability)`` is true, as one ``User`` queryset.

    A membership is one to one with its user, so the join never repeats a user.
    """
    holders = Q(is_superuser=True)
    for role in roles_holding(capability):
        holders |= Q(**{f"membership__{ROLE_FIELDS[role]}": True})
    return get_user_model().objects.filter(holders, is_active=True)


def system_admins():
    """Active system administrators: superusers and members marked 系統總管理者 (one query)."""
    return list(users_who_can(ADMINISTER_SYSTEM).order_by("pk"))
