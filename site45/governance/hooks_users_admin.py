"""Wagtail hooks for users_admin (imported by wagtail_hooks)."""
