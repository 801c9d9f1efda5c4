from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "site45.cases"
    label = "cases"
    verbose_name = _("案例與專題")
    default_auto_field = "django.db.models.BigAutoField"
