from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    """Password rules, password history and age, and two-factor sign-in."""

    name = "site45.credentials"
    label = "credentials"
    verbose_name = _("密碼與兩步驟驗證")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import history, two_factor

        history.connect()
        # A sign-in discards every device still being set up.
        user_logged_in.connect(
            lambda sender, request, user, **kw: two_factor.discard_unconfirmed(user),
            weak=False,
            dispatch_uid="credentials_discard_unconfirmed",
        )
