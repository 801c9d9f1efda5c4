from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Organisation units, roles, permissions, review and account rules, one sub-package
    ("room") per concern: ``org``, ``calendar``, ``privacy``, ``review``, ``permissions`` and
    ``accounts`` (with ``accounts.semiannual_audit``), each importing only the rooms before it.

    This app knows content only by the ``matrix_code`` each page class declares; it never
    imports ``home``, ``news`` or ``cases``.
    """

    name = "site45.governance"
    label = "governance"
    verbose_name = _("組織與權限")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from site45.core import rate_limit  # noqa: F401  (the shared-cache deploy check)

        from . import signal_handlers  # noqa: F401
        from .org.permission_names import name_permissions_in_zh_hant
        from .permissions import checks  # noqa: F401  (pages that break Attachment 2)
        from .permissions.unit_media import register_permission_policies
        from .privacy import exports  # noqa: F401
        from .review import notifications, reassignment

        register_permission_policies()
        # After auth's own handler has written the permissions of every app (it runs for each).
        post_migrate.connect(name_permissions_in_zh_hant, dispatch_uid="governance_permission_names")
        notifications.connect()
        reassignment.connect()
