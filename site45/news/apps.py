from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "site45.news"
    label = "news"
    verbose_name = _("消息與公告")
    default_auto_field = "django.db.models.BigAutoField"
