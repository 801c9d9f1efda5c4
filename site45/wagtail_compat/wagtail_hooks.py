"""Hooks of other apps that ours replace, when Wagtail loads every app's ``wagtail_hooks``.

- ``register_page_listing_more_buttons``: wagtail-localize's ``page_listing_more_buttons`` asks
  two queries of every row of a page listing; ``governance.permissions.page_listings.translation_listing_buttons``
  takes its place (same position and order). Its header-button hook, one page per request, is
  left alone. This module loads after wagtail-localize's (INSTALLED_APPS order), and imports it
  to be sure.
"""

from wagtail_localize import wagtail_hooks as localize_hooks  # registers its hooks now

from site45.governance.permissions.hooks import LISTING_MORE_BUTTONS
from site45.governance.permissions.page_listings import translation_listing_buttons

from .hook_registry import replace_hook

replace_hook(LISTING_MORE_BUTTONS, localize_hooks.page_listing_more_buttons, translation_listing_buttons)
