from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    """Password rules, password history and age, and two-factor sign-in (issue 5 items 3–4)."""

    name = "site45.credentials"
    label = "credentials"
    verbose_name = _("密碼與兩步驟驗證")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import history

        history.connect()
