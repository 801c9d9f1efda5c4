"""Admin hooks of the governance app. Each concern keeps its hooks in its own module:

- ``hooks_users_admin``: the user admin (membership fields, role limits, audit of role changes)
- ``hooks_review_admin``: the 單位審核 workflow task, reviewer queues, empty-seat panel
- ``hooks_scoping``: what each user may see in the explorer, search, choosers and reports
- ``hooks_applications``: the 帳號申請 admin (account applications, scoped by routing)
"""

from wagtail import hooks

from . import hooks_applications, hooks_calendar, hooks_review_admin, hooks_scoping, hooks_users_admin  # noqa: F401
from .views import UnitViewSet


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")
