from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    """Sessions and lockout of the admin sign-in."""

    name = "site45.signin"
    label = "signin"
    verbose_name = _("登入與工作階段")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401
