"""Audit-log actions for membership changes (SPEC §3, §6).

Every change of a user's unit, account role or governance roles is written to Wagtail's
audit log against the *user* object (Wagtail's ``ModelLogEntry`` takes any model), so it
shows in the user's history, in 網站歷史記錄 (site history) and in the action filter there.

The entry's ``data`` keeps codes and the zh-Hant names as they were at the time, so the
entry still reads right after a unit is renamed or a role is revoked:

- ``site45.membership_created``: ``{"unit": UNIT, "account_role": code, "roles": [code…]}``
- ``site45.role_granted`` / ``site45.role_revoked``: ``{"role": code, "role_name": str, "unit": UNIT}``
- ``site45.unit_changed``: ``{"from_unit": UNIT, "to_unit": UNIT}``
- ``site45.account_role_changed``: ``{"from": code, "to": code, "other": text}``

where ``UNIT`` is ``{"id": pk, "code": code, "name": name_zh, "name_en": name_en}``.
"""

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from .account_roles import ACCOUNT_ROLE_CHOICES
from .roles import ROLE_LABELS

ROLE_GRANTED = "site45.role_granted"
ROLE_REVOKED = "site45.role_revoked"
UNIT_CHANGED = "site45.unit_changed"
MEMBERSHIP_CREATED = "site45.membership_created"
ACCOUNT_ROLE_CHANGED = "site45.account_role_changed"

MEMBERSHIP_ACTIONS = (ROLE_GRANTED, ROLE_REVOKED, UNIT_CHANGED, MEMBERSHIP_CREATED, ACCOUNT_ROLE_CHANGED)


def unit_data(unit):
    if unit is None:
        return None
    return {"id": unit.pk, "code": unit.code, "name": unit.name_zh, "name_en": unit.name_en}


def _unit_name(data):
    """The unit's name as recorded (no query: site history lists many entries)."""
    if not data:
        return "—"
    if (get_language() or "").startswith("en") and data.get("name_en"):
        return data["name_en"]
    return data.get("name") or data.get("code") or "—"


def _role_name(code, fallback=""):
    return str(ROLE_LABELS.get(code, fallback or code))


def _account_role_name(code):
    return str(dict(ACCOUNT_ROLE_CHOICES).get(code, code or "—"))


class RoleGranted(LogFormatter):
    label = _("授予角色")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("授予角色「%(role)s」（%(unit)s）") % {
            "role": _role_name(data.get("role"), data.get("role_name")),
            "unit": _unit_name(data.get("unit")),
        }


class RoleRevoked(LogFormatter):
    label = _("撤銷角色")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("撤銷角色「%(role)s」（%(unit)s）") % {
            "role": _role_name(data.get("role"), data.get("role_name")),
            "unit": _unit_name(data.get("unit")),
        }


class UnitChanged(LogFormatter):
    label = _("變更所屬單位")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("所屬單位由「%(old)s」變更為「%(new)s」") % {
            "old": _unit_name(data.get("from_unit")),
            "new": _unit_name(data.get("to_unit")),
        }


class MembershipCreated(LogFormatter):
    label = _("建立單位成員資格")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        roles = pgettext("列表分隔符號", "、").join(_role_name(code) for code in data.get("roles", [])) or "—"
        return _("建立單位成員資格：%(unit)s，%(account_role)s，角色：%(roles)s") % {
            "unit": _unit_name(data.get("unit")),
            "account_role": _account_role_name(data.get("account_role")),
            "roles": roles,
        }


class AccountRoleChanged(LogFormatter):
    label = _("變更使用者帳號角色")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        new = _account_role_name(data.get("to"))
        if data.get("other"):
            new = f"{new}：{data['other']}"
        return _("使用者帳號角色由「%(old)s」變更為「%(new)s」") % {
            "old": _account_role_name(data.get("from")),
            "new": new,
        }


FORMATTERS = {
    ROLE_GRANTED: RoleGranted,
    ROLE_REVOKED: RoleRevoked,
    UNIT_CHANGED: UnitChanged,
    MEMBERSHIP_CREATED: MembershipCreated,
    ACCOUNT_ROLE_CHANGED: AccountRoleChanged,
}


def register_membership_log_actions(actions):
    """For the ``register_log_actions`` hook."""
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
