"""The governance app's models, gathered here for Django (which looks for ``<app>.models``).

Each model lives in the room that owns it; this module only imports them. Code inside
governance imports a model from its room (``org.models``, ``accounts.applications``…), never
from here, so that this module sits above every room (the import-linter contract).
"""

from .accounts.activity import AccountActivity  # noqa: F401  (最近使用後台時間)
from .accounts.applications import AccountApplication  # noqa: F401  (帳號使用(停用)申請表)
from .accounts.notices import RuleNotice  # noqa: F401  (what the daily rules already did)
from .accounts.semiannual_audit.audits import AccountAudit, AccountAuditEntry  # noqa: F401  (帳號清查)
from .calendar.exceptions import CalendarException  # noqa: F401  (工作日行事曆: holidays, 補班, closures)
from .org.account_roles import ACCOUNT_ROLE_CHOICES, ACCOUNT_ROLE_OTHER  # noqa: F401
from .org.models import (  # noqa: F401  (units and memberships)
    HQ_SPECIAL,
    ROOT_UNIT_TYPE,
    Membership,
    Unit,
    UnitQuerySet,
    unit_type_choices,  # migration 0001 names it here
)
from .privacy.personal_data import PersonalDataAccess  # noqa: F401  (個資存取紀錄)
from .review.task import UnitReviewerTask, UnitReviewTaskState  # noqa: F401  (the 單位審核 workflow task)
