"""Admin hooks of the governance app. Wagtail imports only this module; each room keeps its
hooks in its own ``hooks`` module, imported here:

- ``org.hooks``: the audit-log actions of membership changes; the unit admin (單位管理) is
  registered below, with the review room's filter of empty reviewer seats
- ``permissions.hooks``: what each user may see in the explorer, search, choosers and reports;
  the explorer and the page search at a fixed number of queries; the admin API's images and
  documents, scoped like the choosers
- ``review.hooks``: reviewer queues, the empty-seat panel, the reassignment log action
- ``review.revisions``: a save that changes nothing leaves no draft (no phantom 「發布+草稿」)
- ``accounts.hooks``: the 帳號申請 admin (account applications, scoped by routing), the user
  admin's role bulk action (the user admin itself: ``accounts.users_appconfig``), audit-log
  actions of account lifecycle events, the account dashboard panels, the 帳號異動紀錄 report
- ``accounts.semiannual_audit.hooks``: the 帳號清查 admin (semiannual account audit)
- ``calendar.hooks``: the 工作日行事曆 admin and its dashboard panel
- ``privacy.hooks``: the 個資存取紀錄 report (personal-data access log)
"""

from wagtail import hooks

from .accounts import hooks as accounts_hooks  # noqa: F401
from .accounts.semiannual_audit import hooks as semiannual_audit_hooks  # noqa: F401
from .calendar import hooks as calendar_hooks  # noqa: F401
from .org import hooks as org_hooks  # noqa: F401
from .org.unit_admin import UNIT_ADMIN_NAME, UnitViewSet
from .permissions import hooks as permissions_hooks  # noqa: F401
from .privacy import hooks as privacy_hooks  # noqa: F401
from .review import hooks as review_hooks  # noqa: F401
from .review import revisions  # noqa: F401
from .review.unit_filters import UnitSeatFilterSet


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    # The unit list filters by empty reviewer seat too, a rule of the review room (above org).
    return UnitViewSet(UNIT_ADMIN_NAME, filterset_class=UnitSeatFilterSet)
