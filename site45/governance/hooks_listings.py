"""Wagtail hooks for the admin's page listings at a fixed number of queries (``page_listings``).

- ``register_admin_viewset``: ``PageAdminViewSet`` serves the explorer and the page search in
  place of Wagtail's base page viewset. It is registered after Wagtail's own (``order=1``), so
  the page viewset registry keeps ours for ``Page`` (and so for every parent page).
- ``register_page_listing_more_buttons``: wagtail-localize registers a listing hook that asks
  two queries of every row; ``translation_listing_buttons`` takes its place in the hook's list
  (same position and order; its header-button hook, one page per request, is left alone).
  Wagtail's hook registry has no "unregister", so the entry is replaced in the registry once,
  here, when the hooks are loaded.
"""

from wagtail import hooks
from wagtail_localize import wagtail_hooks as localize_hooks  # registers its hooks now

from .page_listings import PageAdminViewSet, translation_listing_buttons

LISTING_MORE_BUTTONS = "register_page_listing_more_buttons"


def replace_listing_hook(hook_name, theirs, ours):
    """Put ``ours`` where ``theirs`` is registered for ``hook_name``; True if it was there."""
    registered = hooks._hooks.get(hook_name, [])
    for index, (fn, order) in enumerate(registered):
        if fn is theirs:
            registered[index] = (ours, order)
            return True
    return False


replace_listing_hook(LISTING_MORE_BUTTONS, localize_hooks.page_listing_more_buttons, translation_listing_buttons)


@hooks.register("register_admin_viewset", order=1)
def register_page_admin_viewset():
    return PageAdminViewSet()
