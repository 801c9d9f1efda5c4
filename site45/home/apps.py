from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "site45.home"
    label = "home"
    verbose_name = _("網站架構")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers  # noqa: F401
        from .site_lookup import connect_signals

        connect_signals()
