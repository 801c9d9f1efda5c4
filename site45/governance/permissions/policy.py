"""Who may see which pages in the admin (SPEC §4): the one place that says so.

"Nobody sees or touches another unit's drafts anywhere." The rule, for a logged-in, active
user:

- the system administrator (a superuser) and the editors and reviewers of the hq_special unit
  (全) see every page, draft or not; its account managers and auditors hold no page role, so
  they see what any member without page rights sees;
- everybody else sees every page inside the sections their unit's group has page
  permissions on (their own unit's sections, every language), drafts included;
- of any other page they see only what the public sees: pages that are live and carry no
  unpublished changes (a live page with a pending draft would show the draft's title in the
  admin, so it is hidden from other units until it is published);
- an inactive or anonymous user sees nothing.

The same rule decides which admin *views* may name a page (``may_name_page``, applied to every
admin URL in one place by ``admin_guards``): a page in the user's own scope, or one whose open
review the user is responsible for, may be named by any view (Wagtail's permissions then decide
what the user may do); any other page only by the views that show a page as its live, public
self (``PUBLIC_SELF_VIEWS``: explorer, page chooser, the sidebar's admin API), and only while it
is public — or, for the way down to one's own sections, when it is one of their ancestors. Every
other view naming it (edit, history, usage, revisions, compare, workflow, locking, aliases,
translations, bulk actions…) answers 404, so nothing shows the draft, the revisions or the
names of another unit's staff.

Staff names: the admin shows a user's full name to the system administrator, to the user
themself and to the members of the user's own unit; everybody else sees it masked (陳○華, as
every list does — ``personal_data.mask_name``), because a page of one's own unit may carry the
names of hq_special editors or of the reviewer of another unit (``may_see_staff_name``, applied
to Wagtail's display of user names by ``staff_names``).

What a user may *do* to a page (edit, delete, move, preview, revisions…) is decided by
Wagtail's group page permissions, which ``grants.sync_unit_group`` derives from
membership; this module only narrows what is *listed* (choosers, reports) and *named* (by a
URL) so that they agree with those permissions. Listing costs one query per request at most:
the user's section paths come from the page-permission cache Wagtail already keeps on the
user, and filters are plain ``Q`` objects on ``path``, so listings never query per row
(``reviews_page`` asks one query, only for a page outside the user's scope; the names of the
user's own unit are read once per request).

This module never imports the content apps (duck typing only).
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from ..org.models import HQ_SPECIAL, Membership
from ..review.task import UnitReviewTaskState
from .grants import page_role_q

#: Page permissions that put a page tree in a user's own scope.
SCOPE_CODENAMES = {"add_page", "change_page", "publish_page"}
_FULL_ACCESS_CACHE = "_site45_full_page_access"
_SCOPE_CACHE = "_site45_scope_paths"


def _is_active_user(user):
    return bool(user is not None and user.is_authenticated and user.is_active)


def has_full_access(user):
    """Superusers and hq_special's editors and reviewers see and act on all content (全)."""
    if not _is_active_user(user):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, _FULL_ACCESS_CACHE):
        setattr(
            user,
            _FULL_ACCESS_CACHE,
            Membership.objects.filter(user_id=user.pk, unit_type=HQ_SPECIAL).filter(page_role_q()).exists(),
        )
    return getattr(user, _FULL_ACCESS_CACHE)


def scope_paths(user):
    """Tree paths of the pages the user's groups hold page permissions on (their sections)."""
    if not _is_active_user(user):
        return []
    if not hasattr(user, _SCOPE_CACHE):
        paths = {
            perm.page.path
            for perm in page_permission_policy.get_cached_permissions_for_user(user)
            if perm.permission.codename in SCOPE_CODENAMES
        }
        # A path inside another listed path adds nothing.
        kept = sorted(paths)
        minimal = [p for p in kept if not any(p != q and p.startswith(q) for q in kept)]
        setattr(user, _SCOPE_CACHE, minimal)
    return getattr(user, _SCOPE_CACHE)


def _prefixed(prefix, field):
    return f"{prefix}__{field}" if prefix else field


def _nothing(prefix=""):
    return Q(**{_prefixed(prefix, "pk__in"): []})


def own_scope_q(user, prefix=""):
    """``Q`` for the pages in the user's own scope (drafts included)."""
    if has_full_access(user):
        return Q()
    q = _nothing(prefix)
    for path in scope_paths(user):
        q |= Q(**{_prefixed(prefix, "path__startswith"): path})
    return q


def public_q(prefix=""):
    """``Q`` for pages whose admin listing shows nothing the public cannot see."""
    return Q(**{_prefixed(prefix, "live"): True, _prefixed(prefix, "has_unpublished_changes"): False})


def visible_q(user, prefix=""):
    """``Q`` for every page ``user`` may see listed in the admin (see the module docstring).

    ``prefix`` names the relation to the page when filtering another model (e.g. ``"pages"``
    on ContentType, ``"page"`` on a log entry).
    """
    if not _is_active_user(user):
        return _nothing(prefix)
    if has_full_access(user):
        return Q()
    return own_scope_q(user, prefix) | public_q(prefix)


def pages_visible_to(user, queryset):
    """``queryset`` (of pages, any page model) narrowed to the pages ``user`` may see.

    The narrowing is a single ``pk IN (subquery)``, so it also works on querysets that are
    then handed to the search backend (which filters only on indexed fields such as ``id``).
    """
    if has_full_access(user):
        return queryset
    return queryset.filter(pk__in=Page.objects.filter(visible_q(user)).values("pk"))


def in_own_scope(user, page):
    if has_full_access(user):
        return True
    return any(page.path.startswith(path) for path in scope_paths(user))


def user_may_see_draft(user, page):
    """May ``user`` see ``page``'s unpublished content (draft, revisions, preview)?"""
    if not _is_active_user(user):
        return False
    return in_own_scope(user, page)


def is_public(page):
    """The page shows nothing the public cannot see: live, and no newer draft."""
    return bool(page.live and not page.has_unpublished_changes)


def leads_to_own_scope(user, page):
    """``page`` is an ancestor of one of the user's sections (the home page, the units index…)."""
    return any(path != page.path and path.startswith(page.path) for path in scope_paths(user))


def reviews_page(user, page):
    """``user`` is the responsible reviewer of an open 單位審核 of ``page`` (SPEC §4, §5)."""
    from wagtail.models import TaskState

    return (
        UnitReviewTaskState.objects.for_instance(page)
        .filter(status=TaskState.STATUS_IN_PROGRESS, reviewer_id=user.pk)
        .exists()
    )


#: The admin views (URL names) that show a page only as its live, public self: its published
#: title, its place in the tree and its public URL — no draft, no revision, no staff name. The
#: children they list pass through ``pages_visible_to`` (``hooks``).
PUBLIC_SELF_VIEWS = frozenset(
    {
        "wagtailadmin_explore",  # the explorer of a page (the way to one's own section)
        "wagtailadmin_explore_results",
        "wagtailadmin_choose_page_child",  # the page chooser browsing under a page, to link to it
        "wagtailadmin_choose_page_chosen_multiple",  # its answer: id, title, URL, parent
        "wagtailadmin_api:pages:listing",  # the sidebar's page explorer
        "wagtailadmin_api:pages:detail",
    }
)


def may_name_page(user, page, view_name):
    """May the admin view ``view_name`` (a URL name) show ``page`` to ``user``?

    ``page`` needs ``path``, ``live`` and ``has_unpublished_changes``. See the module docstring.
    """
    if not _is_active_user(user):
        return False
    if in_own_scope(user, page):
        return True
    if view_name in PUBLIC_SELF_VIEWS and (is_public(page) or leads_to_own_scope(user, page)):
        return True
    return reviews_page(user, page)


def user_may_see(user, page):
    """May ``page`` appear in a list shown to ``user``? (Same rule as ``visible_q``.)"""
    if not _is_active_user(user):
        return False
    if in_own_scope(user, page):
        return True
    return bool(page.live and not page.has_unpublished_changes)


_OWN_UNIT_CACHE = "_site45_own_unit_user_ids"


def _own_unit_user_ids(viewer):
    if not hasattr(viewer, _OWN_UNIT_CACHE):
        unit_ids = Membership.objects.filter(user_id=viewer.pk).values("unit_id")
        setattr(
            viewer,
            _OWN_UNIT_CACHE,
            set(Membership.objects.filter(unit_id__in=unit_ids).values_list("user_id", flat=True)),
        )
    return getattr(viewer, _OWN_UNIT_CACHE)


#: The admin views (URL-name prefixes) of pages, where ``may_see_staff_name`` applies: the page
#: views, explorer, chooser, bulk actions, reports, the sidebar's API, translations, editing
#: sessions and the dashboard (its review queue). The account views follow ``personal_data``.
PAGE_ADMIN_VIEW_PREFIXES = (
    "wagtailadmin_pages:",
    "wagtailadmin_explore",
    "wagtailadmin_choose_page",
    "wagtail_bulk_action",
    "wagtailadmin_reports:",
    "wagtailadmin_api:",
    "wagtail_localize:",
    "wagtailadmin_editing_sessions:",
    "wagtailadmin_home",
)


def masks_staff_names_in(view_name):
    return bool(view_name) and view_name.startswith(PAGE_ADMIN_VIEW_PREFIXES)


def may_see_staff_name(viewer, user):
    """May the admin show ``viewer`` the full name of ``user``? (See the module docstring.)"""
    if not _is_active_user(viewer):
        return False
    if viewer.is_superuser or user.pk == viewer.pk:
        return True
    return user.pk in _own_unit_user_ids(viewer)
