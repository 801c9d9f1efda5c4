"""Wagtail hooks of the account applications (「帳號申請」, imported by ``wagtail_hooks``)."""

from wagtail import hooks

from .applications_admin import AccountApplicationViewSet


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return AccountApplicationViewSet("account_applications")
