"""Wagtail hooks for scoping (imported by wagtail_hooks)."""
