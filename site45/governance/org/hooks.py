"""Wagtail hooks of the org room (imported by ``wagtail_hooks``): the audit-log actions of
membership changes. The user admin is the accounts room's (``accounts.user_admin``)."""

from wagtail import hooks

from .membership_log import register_membership_log_actions

hooks.register("register_log_actions", register_membership_log_actions)
