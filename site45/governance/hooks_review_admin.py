"""Wagtail hooks for review_admin (imported by wagtail_hooks)."""
