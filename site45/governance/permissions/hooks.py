"""Wagtail hooks of the permissions room (imported by ``wagtail_hooks``): scoping, the admin's
page listings, and the admin API's images and documents.

Scoping — what each user may see listed.

SPEC §4: nobody sees another unit's drafts anywhere. What a user may *do* to a page comes
from Wagtail's group page permissions (``grants.sync_unit_group``): edit, delete,
unpublish, move, copy, lock, revisions, compare, previews, page history, the explorer, the
admin page search, the sidebar explorer's admin API and the site-history, aging-pages,
locked-pages and workflow reports already follow them. Wagtail does not scope five places,
so these hooks do, all through the one rule in ``policy``:

- the page chooser (browse and search) lists every page of the site; it now lists only the
  pages ``policy.pages_visible_to`` allows (browsing under a page the user may not see is
  refused by ``admin_guards``, like every view naming a page);
- the page bulk actions' "select all" takes every child (or search result) of the listing's
  page; it now takes only the pages in the user's own scope, the only ones they may act on;
- the move confirmation page (``GET …/move/<destination>/confirm/``) is rendered without a
  permission check; ``before_move_page`` refuses it like the move itself;
- the explorer listing and the admin API (``for_explorer``) pass through the same rule as a
  second line behind the permissions;
- the page-types-usage report counts every page and names the last edited page of each type,
  which may be another unit's draft; it now counts and names only visible pages.

The bulk actions' "select all" and the page-types-usage report are Wagtail views with no hook
for their queryset: ``report_views`` holds their subclasses with the rule, registered here (the
bulk actions) and routed in ``site45/urls.py`` (the report).

Page listings at a fixed number of queries (``page_listings``).

- ``register_admin_viewset``: ``PageAdminViewSet`` serves the explorer and the page search in
  place of Wagtail's base page viewset. It is registered after Wagtail's own (``order=1``), so
  the page viewset registry keeps ours for ``Page`` (and so for every parent page).
- wagtail-localize's listing hook, which asks two queries of every row, gives way to
  ``page_listings.translation_listing_buttons`` in ``site45.wagtail_compat.wagtail_hooks``
  (Wagtail's hook registry has no "unregister").

Images and documents in the admin API.

Wagtail registers ``/admin/api/main/images/`` and ``documents/`` for any admin user and lists
every file in an unrestricted collection, so another unit's unused or draft-only upload showed
its title and file name to anybody who could sign in (found by the canary sweep). Here both
endpoints list and show only the files the user may choose or change — their own unit's and
the shared collection (``unit_media``'s permission policy decides).
"""

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

from .page_listings import PageAdminViewSet
from .policy import pages_visible_to
from .report_views import SCOPED_PAGE_BULK_ACTIONS


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return pages_visible_to(request.user, pages)


@hooks.register("before_move_page")
def refuse_move_confirmation(request, page, destination):
    """Wagtail 8 shows the move confirmation (with the page's draft title) to anyone and only
    checks permission when the move is posted; refuse the page itself as well."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return pages_visible_to(request.user, pages)


# Wagtail's page bulk actions, replaced by their subclasses whose "select all" stays in the
# user's scope: registered after Wagtail's own, and the registry keeps the last per action type.
for _action in SCOPED_PAGE_BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)


# --- Page listings --------------------------------------------------------------------------------

#: The hook whose wagtail-localize entry ``translation_listing_buttons`` replaces.
LISTING_MORE_BUTTONS = "register_page_listing_more_buttons"


@hooks.register("register_admin_viewset", order=1)
def register_page_admin_viewset():
    return PageAdminViewSet()


# --- Images and documents in the admin API --------------------------------------------------------

#: What a user must hold on a file to see it in the admin API (as in the choosers).
VISIBLE_WITH = ["choose", "change"]


class ScopedToChooserMixin:
    def get_queryset(self):
        queryset = super().get_queryset()
        policy = policy_registry.get_by_type(queryset.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, VISIBLE_WITH)
        return queryset.filter(pk__in=allowed.values("pk"))


class UnitImagesAdminAPIViewSet(ScopedToChooserMixin, ImagesAdminAPIViewSet):
    pass


class UnitDocumentsAdminAPIViewSet(ScopedToChooserMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)  # after Wagtail's own registration
def scope_admin_api_media(router):
    router.register_endpoint("images", UnitImagesAdminAPIViewSet)
    router.register_endpoint("documents", UnitDocumentsAdminAPIViewSet)
