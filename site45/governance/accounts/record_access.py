"""Who reads which events of the account record (SPEC §6, §7): the one scope for the
「帳號異動紀錄」 report and its filters.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import ModelLogEntry

from ..org.capabilities import ADMINISTER_SYSTEM, AUDIT_ACCOUNTS, MANAGE_ACCOUNTS, user_can
from ..org.membership_log import MEMBERSHIP_ACTIONS
from .applications import AccountApplication
from .lifecycle_log import LIFECYCLE_ACTIONS
from .routing import accounts_managed_by, applications_visible_to
from .semiannual_audit.audits import AccountAudit


def account_log_actions():
    """Every action of the account record: lifecycle events and membership changes."""
    return (*LIFECYCLE_ACTIONS, *MEMBERSHIP_ACTIONS)


def entries_visible_to(user):
    """The account-record entries ``user`` may read (``ModelLogEntry`` queryset).

    The system administrator reads all; an account manager reads the events of the
    applications routed to them and of the accounts of the units routed to them; the account
    auditor reads every account's events and the audits'. Nobody else reads any.
    """
    entries = ModelLogEntry.objects.filter(action__in=account_log_actions())
    if user_can(user, ADMINISTER_SYSTEM):
        return entries
    content_type = ContentType.objects.get_for_model
    user_type = content_type(get_user_model())
    scope = Q(pk__in=[])
    if user_can(user, AUDIT_ACCOUNTS):
        scope |= Q(content_type=user_type) | Q(content_type=content_type(AccountAudit))
    elif user_can(user, MANAGE_ACCOUNTS):
        as_text = Cast("pk", output_field=CharField())  # ModelLogEntry.object_id is text
        app_ids = applications_visible_to(user).annotate(key=as_text).values("key")
        user_ids = accounts_managed_by(user).annotate(key=as_text).values("key")
        scope |= Q(content_type=content_type(AccountApplication), object_id__in=app_ids)
        scope |= Q(content_type=user_type, object_id__in=user_ids)
    else:
        return entries.none()
    return entries.filter(scope)
