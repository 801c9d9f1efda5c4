"""Wagtail's users app with the membership-aware user admin (Wagtail 8: ``user_viewset``).

Listed in ``INSTALLED_APPS`` instead of ``"wagtail.users"``. Kept apart from ``user_admin`` so that
loading the app registry imports no models.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "site45.governance.accounts.user_admin.UserViewSet"
