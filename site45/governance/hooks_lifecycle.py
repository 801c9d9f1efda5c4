"""Wagtail hooks of the account lifecycle (imported by ``wagtail_hooks``): its audit-log actions."""

from wagtail import hooks

from .lifecycle_log import register_lifecycle_log_actions

hooks.register("register_log_actions", register_lifecycle_log_actions)
