"""Changing a user's membership: validate, save atomically, log the differences.

``save_membership(user, by_user, **fields)`` is the one way code changes a membership (the
user admin uses it too). It checks the limits of SPEC §3 with ``roles.check_membership``
(zh-Hant messages per field), saves inside a transaction, and writes each difference to
Wagtail's audit log against the user (see ``membership_log``). The database constraints hold the
same limits; if one still fires — another request took the seat between the check and the
save — the change is rolled back and the person gets the same zh-Hant message as a
``ValidationError``, never an ``IntegrityError``.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import membership_log, roles
from .models import Membership

ROLE_FIELD_NAMES = tuple(roles.ROLE_FIELDS.values())
#: The fields of a membership a person may set.
MEMBERSHIP_FIELDS = ("unit", "account_role", "account_role_other", *ROLE_FIELD_NAMES)

CONFLICT_MESSAGE = _("角色設定與其他帳號同時變更而衝突，未儲存任何變更；請重新檢查後再試。")


def membership_of(user):
    """The saved membership of ``user`` or ``None``."""
    if user is None or user.pk is None:
        return None
    return Membership.objects.filter(user=user).select_related("unit").first()


def build_membership(user, **fields):
    """``user``'s membership with ``fields`` applied, not saved (a new one if there is none)."""
    unknown = set(fields) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise TypeError(f"unknown membership fields: {', '.join(sorted(unknown))}")
    membership = membership_of(user) if user.pk else None
    if membership is None:
        membership = Membership(user=user)
    for name, value in fields.items():
        setattr(membership, name, value)
    if membership.unit_id:
        membership.unit_type = membership.unit.unit_type
    if membership.account_role != "other":
        membership.account_role_other = ""
    return membership


def validate_membership(membership):
    """Field checks and the role limits; raises ``ValidationError`` keyed by field."""
    errors = {}
    try:
        membership.clean_fields(exclude=["user", "unit_type"])
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    try:
        roles.check_membership(membership)
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def snapshot(membership):
    """What the audit log compares: ``None`` for no membership."""
    if membership is None:
        return None
    return {
        "unit": membership.unit,
        "account_role": membership.account_role,
        "account_role_other": membership.account_role_other,
        "roles": roles.roles_of(membership),
    }


def changes(before, after):
    """``[(action, data), …]`` for the audit log, from two snapshots."""
    entries = []
    unit = membership_log.unit_data(after["unit"])
    if before is None:
        entries.append(
            (
                membership_log.MEMBERSHIP_CREATED,
                {
                    "unit": unit,
                    "account_role": after["account_role"],
                    "account_role_other": after["account_role_other"],
                    "roles": after["roles"],
                },
            )
        )
        granted, revoked = after["roles"], []
    else:
        if before["unit"].pk != after["unit"].pk:
            entries.append(
                (membership_log.UNIT_CHANGED, {"from_unit": membership_log.unit_data(before["unit"]), "to_unit": unit})
            )
        if (before["account_role"], before["account_role_other"]) != (
            after["account_role"],
            after["account_role_other"],
        ):
            entries.append(
                (
                    membership_log.ACCOUNT_ROLE_CHANGED,
                    {"from": before["account_role"], "to": after["account_role"], "other": after["account_role_other"]},
                )
            )
        granted = [r for r in after["roles"] if r not in before["roles"]]
        revoked = [r for r in before["roles"] if r not in after["roles"]]
    for role in revoked:
        entries.append(
            (
                membership_log.ROLE_REVOKED,
                {
                    "role": role,
                    "role_name": _zh(roles.ROLE_LABELS[role]),
                    "unit": membership_log.unit_data(before["unit"]),
                },
            )
        )
    for role in granted:
        entries.append(
            (membership_log.ROLE_GRANTED, {"role": role, "role_name": _zh(roles.ROLE_LABELS[role]), "unit": unit})
        )
    return entries


def _zh(label):
    from django.utils import translation

    with translation.override("zh-hant"):
        return str(label)


def save_membership(user, by_user=None, **fields):
    """Validate and save ``user``'s membership with ``fields``; log every difference.

    ``user`` must be saved. Fields not given keep their value (or the model default for a
    new membership). Raises ``ValidationError`` (zh-Hant, keyed by field) when a limit of
    SPEC §3 is broken, including when a concurrent request wins the seat first; nothing is
    stored then. Returns the saved membership.
    """
    if user.pk is None:
        raise ValueError("save the user before their membership")
    before = snapshot(membership_of(user))
    membership = build_membership(user, **fields)
    validate_membership(membership)
    after = snapshot(membership)
    try:
        with transaction.atomic():
            if before is None or before != after:
                membership.save()
                for action, data in changes(before, after):
                    log(instance=user, action=action, user=by_user, data=data)
    except IntegrityError:
        # A database constraint fired: someone else took the seat after our check. Check
        # again (their row is committed and visible now) to name the role and the holder.
        if membership.pk is not None and before is None:
            membership.pk = None
            membership._state.adding = True
        validate_membership(membership)
        raise ValidationError(CONFLICT_MESSAGE, code="conflict") from None
    return membership
