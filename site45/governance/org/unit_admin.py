"""Admin UI for the organisation tree (單位管理).

The list filters by unit type and by active; the review room adds a filter for the units whose
reviewer seat is empty (``review.unit_filters``: which seats are empty is the review room's
rule, and this room stands below it), put in place where the viewset is registered
(``governance/wagtail_hooks.py``).
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from .models import Unit

#: The viewset's name: its URLs are ``units:index`` and so on.
UNIT_ADMIN_NAME = "units"


def unit_list_url(**filters):
    """The unit admin's list, filtered by ``filters`` (a filterset's field names)."""
    url = reverse(f"{UNIT_ADMIN_NAME}:index")
    if filters:
        url += "?" + urlencode(filters)
    return url


def may_open_unit_list(user):
    """May ``user`` open the unit list? The question Wagtail's menu asks of the viewset."""
    return policy_registry.get_by_type(Unit).user_has_any_permission(user, IndexView.any_permission_required)


class UnitFilterSet(WagtailFilterSet):
    class Meta:
        model = Unit
        fields = ["unit_type", "is_active"]


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
    filterset_class = UnitFilterSet
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
