"""Admin hooks of the governance app. Each concern keeps its hooks in its own module:

- ``hooks_users_admin``: the user admin (membership fields, role limits, audit of role changes)
- ``hooks_review_admin``: the 單位審核 workflow task, reviewer queues, empty-seat panel
- ``hooks_scoping``: what each user may see in the explorer, search, choosers and reports
- ``hooks_applications``: the 帳號申請 admin (account applications, scoped by routing)
- ``hooks_account_audit``: the 帳號清查 admin (semiannual account audit)
- ``hooks_lifecycle``: audit-log actions of account lifecycle events
- ``hooks_personal_data``: the 個資存取紀錄 report (personal-data access log)
- ``hooks_media``: the admin API's images and documents, scoped like the choosers
- ``hooks_revisions``: a save that changes nothing leaves no draft (no phantom 「發布+草稿」)
- ``hooks_listings``: the explorer and the page search at a fixed number of queries
"""

from wagtail import hooks

from .semiannual_audit import hooks as semiannual_audit_hooks  # noqa: F401
from .accounts import hooks as accounts_hooks  # noqa: F401
from .calendar import hooks as calendar_hooks  # noqa: F401
from .privacy import hooks as privacy_hooks  # noqa: F401
from .review import hooks as review_hooks  # noqa: F401
from .review import revisions  # noqa: F401
from .permissions import hooks as permissions_hooks  # noqa: F401
from .org import hooks as org_hooks  # noqa: F401
from .org.unit_admin import UnitViewSet


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")
