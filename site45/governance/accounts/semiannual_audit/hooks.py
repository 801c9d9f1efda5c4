"""Wagtail hooks of the semiannual account audit (「帳號清查」, imported by ``wagtail_hooks``).

The viewset brings its own menu item, shown only to those ``audits.may_audit`` admits
(through the permission policy registered in ``semiannual_audit.admin``).
"""

from wagtail import hooks

from .admin import AccountAuditViewSet


@hooks.register("register_admin_viewset")
def register_account_audit_viewset():
    return AccountAuditViewSet("account_audits")
