"""Admin UI for the organisation tree (單位管理)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Unit


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("單位")
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["name_zh", "code", "unit_type", "jurisdiction_branch", "supervising_unit", "is_active"]
    list_filter = ["unit_type", "is_active"]
    search_fields = ["name_zh", "name_en", "code"]
    ordering = ["code"]
    form_fields = [
        "code",
        "name_zh",
        "name_en",
        "unit_type",
        "parent",
        "jurisdiction_branch",
        "supervising_unit",
        "is_active",
    ]
    inspect_view_enabled = True
