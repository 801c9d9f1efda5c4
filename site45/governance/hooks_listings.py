"""Wagtail hooks for the admin's page listings at a fixed number of queries (``page_listings``).

- ``register_admin_viewset``: ``PageAdminViewSet`` serves the explorer and the page search in
  place of Wagtail's base page viewset. It is registered after Wagtail's own (``order=1``), so
  the page viewset registry keeps ours for ``Page`` (and so for every parent page).
- wagtail-localize's listing hook, which asks two queries of every row, gives way to
  ``page_listings.translation_listing_buttons`` in ``site45.wagtail_compat.wagtail_hooks``
  (Wagtail's hook registry has no "unregister").
"""

from wagtail import hooks

from .page_listings import PageAdminViewSet

#: The hook whose wagtail-localize entry ``translation_listing_buttons`` replaces.
LISTING_MORE_BUTTONS = "register_page_listing_more_buttons"


@hooks.register("register_admin_viewset", order=1)
def register_page_admin_viewset():
    return PageAdminViewSet()
