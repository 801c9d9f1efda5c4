"""User names in Wagtail's admin, as ``policy.may_see_staff_name`` allows the viewer.

Wagtail shows a user by ``get_user_display_name`` (revisions, workflow history and status,
locks, editing sessions, the reports' user filters), by the log entries'
``user_display_name`` and by the tables' ``UserColumn`` (history, reports). All three are
wrapped here, once, to answer with the masked name
(``personal_data.masked_display_name``) when the admin request's user may not see the full
one. ``site45.wagtail_compat.staff_names`` puts them in Wagtail's place. The viewer is the signed-in user of the admin request being answered, set by
``admin_guards.AdminGuardsMiddleware`` (``start_viewing`` / ``stop_viewing``) for the page views
(``policy.masks_staff_names_in``); elsewhere (account views, mail, commands) nothing is masked
here. Only display is wrapped: ``get_full_name`` is untouched. Names that are not masked are written
as Taiwan writes them, family name first (``site45.core.names.full_name``).
"""

import contextvars

from wagtail.admin import utils as admin_utils
from wagtail.admin.ui.tables import UserColumn
from wagtail.models import BaseLogEntry

from site45.core.names import full_name

from ..privacy.personal_data import masked_display_name
from .policy import may_see_staff_name

_viewer = contextvars.ContextVar("site45_admin_viewer", default=None)

#: Wagtail modules that imported ``get_user_display_name`` by name (Wagtail is pinned to 8.0.x).
#: The user admin (``wagtail.users.views.users``) is not among them: it has its own columns.
DISPLAY_MODULES = (
    "wagtail.admin.utils",
    "wagtail.admin.templatetags.wagtailadmin_tags",
    "wagtail.admin.filters",
    "wagtail.admin.views.editing_sessions",
    "wagtail.locks",
)

wagtail_display_name = admin_utils.get_user_display_name
_wagtail_log_user_display_name = BaseLogEntry.user_display_name.func
_wagtail_user_cell = UserColumn.get_cell_context_data


def start_viewing(user):
    """Mask user names for ``user`` from now on; returns the token for ``stop_viewing``."""
    return _viewer.set(user)


def stop_viewing(token):
    try:
        _viewer.reset(token)
    except ValueError:  # set in another context (an ASGI thread): it ended with that context
        pass


def _masked_for_viewer(user):
    viewer = _viewer.get()
    if viewer is None or user is None or not hasattr(user, "pk") or may_see_staff_name(viewer, user):
        return None
    return masked_display_name(user)


def display_name(user):
    """``get_user_display_name``, masked as the viewer's rule says."""
    masked = _masked_for_viewer(user)
    if masked is not None:
        return masked
    return (full_name(user) if hasattr(user, "first_name") else "") or wagtail_display_name(user)


def log_entry_user_display_name(self):
    if self.user_id and self.user is not None:
        masked = _masked_for_viewer(self.user)
        if masked is not None:
            return masked
        name = full_name(self.user)
        if name:
            return name
    return _wagtail_log_user_display_name(self)


def user_cell_context_data(self, instance, parent_context):
    context = _wagtail_user_cell(self, instance, parent_context)
    user = context.get("value")
    masked = _masked_for_viewer(user)
    if masked is not None:
        context["display_name"] = masked
    elif user and hasattr(user, "first_name") and full_name(user):
        context["display_name"] = full_name(user)  # Wagtail's get_full_name: 「小明 王」
    return context
