"""Governance roles (SPEC §3) and their limits, derived from Attachment 2 (matrix.csv).

One place for "who may hold which role where": the model's database constraints, the user
form's validation and the seat checks all call this module.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

from .account_roles import ACCOUNT_ROLE_OTHER
from .matrix import ROLE_CODES, load_matrix

#: role code -> boolean field on Membership
ROLE_FIELDS = {code: f"is_{code}" for code in ROLE_CODES}

ROLE_LABELS = {
    "system_admin": _("系統總管理者"),
    "account_manager": _("帳號申請管理者"),
    "account_auditor": _("帳號清查者"),
    "unit_reviewer": _("單位審核人員"),
    "editor": _("一般承辦人員"),
}

#: Roles that must sign in with a second factor (superusers too, via ``holds_role``); sign-in
#: asks through ``site45.core.account_policy`` (``two_factor_required_by_role``).
TWO_FACTOR_ROLES = ("system_admin", "account_manager", "account_auditor")

#: Roles the spec limits to one holder in the whole system (系統總管理者「設置1人」).
SYSTEM_WIDE_SINGLE_ROLES = ("system_admin",)


def unit_types_allowing(role):
    """Unit types of Attachment 2 where ``role`` may exist at all."""
    return sorted(t for t, rules in load_matrix().items() if rules.role_limit(role) != 0)


def roles_with_one_seat_per_unit():
    """Roles that Attachment 2 limits to one holder per unit (「設置1人」)."""
    return [role for role in ROLE_CODES if any(rules.role_limit(role) == 1 for rules in load_matrix().values())]


def role_allowed_at(role, unit_type):
    rules = load_matrix().get(unit_type)
    return bool(rules) and rules.role_limit(role) != 0


def seat_limit(role, unit_type):
    """``None`` = unlimited, else the number of holders one unit of this type may have."""
    rules = load_matrix().get(unit_type)
    return rules.role_limit(role) if rules else 0


def roles_of(membership):
    return [role for role, field in ROLE_FIELDS.items() if getattr(membership, field)]


def active_membership(user):
    """The membership of an active, signed-in ``user``; ``None`` for anyone else."""
    if not (user.is_authenticated and user.is_active):
        return None
    try:
        return user.membership
    except ObjectDoesNotExist:
        return None


def holds_role(user, *roles):
    """True if ``user`` is active and a superuser, or their membership holds one of ``roles``.

    Which roles answer for what (who may audit, who may edit the calendar, …) is the table of
    ``capabilities``; ask ``capabilities.user_can`` rather than this with a list of one's own.
    The superuser is the system administrator's emergency account.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    membership = active_membership(user)
    return bool(membership) and any(getattr(membership, ROLE_FIELDS[role]) for role in roles)


def check_membership(membership):
    """Raise ``ValidationError`` (zh-Hant, per field) if ``membership`` breaks a limit of SPEC §3.

    The database constraints hold the same limits; this gives the person a clear message
    instead of an integrity error.
    """
    errors = {}
    unit = membership.unit if membership.unit_id else None
    if membership.account_role == ACCOUNT_ROLE_OTHER and not membership.account_role_other.strip():
        errors["account_role_other"] = _("選擇「其他」時，請說明使用者帳號角色。")
    if unit is None:
        if errors:
            raise ValidationError(errors)
        return

    others = type(membership)._default_manager.exclude(pk=membership.pk)
    for role in roles_of(membership):
        field = ROLE_FIELDS[role]
        label = ROLE_LABELS[role]
        if not role_allowed_at(role, unit.unit_type):
            errors[field] = _("%(unit)s不能設置%(role)s。") % {"unit": unit.display_name, "role": label}
            continue
        if role in SYSTEM_WIDE_SINGLE_ROLES:
            holder = others.filter(**{field: True}).select_related("user").first()
            if holder:
                errors[field] = _("系統已有%(role)s（%(holder)s），全系統限設 1 人。") % {
                    "role": label,
                    "holder": holder.user.get_username(),
                }
                continue
        if seat_limit(role, unit.unit_type) == 1:
            holder = others.filter(unit=unit, **{field: True}).select_related("user").first()
            if holder:
                errors[field] = _("%(unit)s已有%(role)s（%(holder)s），每個單位限設 1 人。") % {
                    "unit": unit.display_name,
                    "role": label,
                    "holder": holder.user.get_username(),
                }
    if errors:
        raise ValidationError(errors)
