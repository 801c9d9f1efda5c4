"""Wagtail hooks for the user admin (imported by ``wagtail_hooks``).

The user viewset itself is registered by Wagtail from ``UsersAppConfig.user_viewset``
(see ``users_appconfig``); here: the audit-log actions of membership changes, and the
"assign role" bulk action without the machine-managed unit groups.
"""

from wagtail import hooks

from .membership_log import register_membership_log_actions
from .user_admin import AssignGroupBulkAction

hooks.register("register_log_actions", register_membership_log_actions)

# order=1: registered after Wagtail's own AssignRoleBulkAction, so this one replaces it.
hooks.register("register_bulk_action", AssignGroupBulkAction, order=1)
