"""Admin UI for the organisation tree (單位管理)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Unit


class UnitInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None else value  # Wagtail writes an empty relation as 「None」

    def get_is_active_display_value(self):
        # Wagtail writes a boolean field's value as it is: 「True」.
        return _("是") if self.object.is_active else _("否")


class UnitViewSet(ModelViewSet):
    model = Unit
    inspect_view_class = UnitInspectView
    icon = "group"
    menu_label = _("單位")
    menu_order = 900
    add_to_settings_menu = True
    list_display = [
        "name_zh",
        "code",
        "unit_type",
        "jurisdiction_branch",
        "supervising_unit",
        # Wagtail writes a boolean field's value as it is: 「True」.
        StatusFlagColumn("is_active", label=_("啟用"), true_label=_("是"), false_label=_("否"), sort_key="is_active"),
    ]
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
