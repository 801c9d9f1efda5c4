"""Where an account application goes, and who sees it (SPEC §6, 規定 三(一)(二)).

Attachment 2's 帳號申請流程, as matrix.csv's ``accounts_activated_by`` column says it:

- ``hq_special``: applications of hq_special, hq_division and branch units go to the hq_special
  unit (本署身特組開通);
- ``jurisdiction_branch``: every other unit's go to its branch with jurisdiction (轄區各分署開通).

The account manager (帳號申請管理者) of the reviewing unit handles what is routed to it; the
system administrator sees everything; nobody else sees any application.
"""


from .matrix import load_matrix
from .models import Unit
from .roles import active_membership, holds_role

HQ_SPECIAL = "hq_special"
JURISDICTION_BRANCH = "jurisdiction_branch"


def _hq_special_unit():
    return Unit.objects.filter(unit_type=HQ_SPECIAL, is_active=True).order_by("code").first()


def reviewing_unit_for(unit):
    """The unit whose account manager receives ``unit``'s applications (``None`` if there is none)."""
    rules = load_matrix().get(unit.unit_type)
    if rules is None:
        return None
    if rules.accounts_activated_by == HQ_SPECIAL:
        return _hq_special_unit()
    if rules.accounts_activated_by == JURISDICTION_BRANCH:
        return unit.jurisdiction_branch
    raise ValueError(f"unknown accounts_activated_by {rules.accounts_activated_by!r} for {unit.unit_type}")


def route_application(app):
    """Set ``app.reviewing_unit`` from its applying unit; returns the reviewing unit."""
    app.reviewing_unit = reviewing_unit_for(app.unit) if app.unit_id else None
    return app.reviewing_unit


def units_routed_to(reviewing_unit):
    """Units whose applications go to ``reviewing_unit`` (the inverse of ``reviewing_unit_for``)."""
    matrix = load_matrix()
    by_hq = [t for t, rules in matrix.items() if rules.accounts_activated_by == HQ_SPECIAL]
    by_branch = [t for t, rules in matrix.items() if rules.accounts_activated_by == JURISDICTION_BRANCH]
    if reviewing_unit is None:
        return Unit.objects.none()
    if reviewing_unit.unit_type == HQ_SPECIAL and reviewing_unit == _hq_special_unit():
        return Unit.objects.filter(unit_type__in=by_hq)
    return Unit.objects.filter(unit_type__in=by_branch, jurisdiction_branch=reviewing_unit)


def is_application_admin(user):
    """The system administrator: sees and acts on every application."""
    return holds_role(user, "system_admin")


def may_handle_applications(user):
    """System administrator or an account manager: may use the 帳號申請 admin at all."""
    return holds_role(user, "system_admin", "account_manager")


def applications_visible_to(user):
    """The applications ``user`` may see and act on.

    An application filed online is not routed until its contact window has confirmed it
    (status UNCONFIRMED, see ``filing.py``): until then nobody sees it in the admin.
    """
    from .applications import AccountApplication

    routed = AccountApplication.objects.exclude(status=AccountApplication.UNCONFIRMED)
    if is_application_admin(user):
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
    from django.contrib.auth import get_user_model

    accounts = get_user_model().objects
    if is_application_admin(user):
        return accounts.all()
    membership = active_membership(user)
    if membership and membership.is_account_manager:
        return accounts.filter(membership__unit__in=units_routed_to(membership.unit))
    return accounts.none()


def units_user_may_file_for(user):
    """Units for which ``user`` may enter a paper application (those routed to them)."""
    if is_application_admin(user):
        return Unit.objects.publishing()
    membership = active_membership(user)
    if membership and membership.is_account_manager:
        return units_routed_to(membership.unit)
    return Unit.objects.none()
