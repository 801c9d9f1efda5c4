"""Admin of the working-day calendar (「工作日行事曆」): list, add, edit and delete exceptions.

Only the system administrator (a superuser, or a membership with ``is_system_admin``) and
account managers (``Membership.is_account_manager``) may see or change it; everyone else gets
no menu item and a refusal on every view, crafted URLs included. A row saved through the admin
becomes ``manual``, so ``seed_calendar`` never overwrites it.
"""

import datetime

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from ..org.capabilities import EDIT_CALENDAR, user_can, users_who_can
from .exceptions import CalendarException
from .working_days import unloaded_years

WEEKDAYS = [_("星期一"), _("星期二"), _("星期三"), _("星期四"), _("星期五"), _("星期六"), _("星期日")]


def may_edit_calendar(user):
    """System administrator or account manager (active)."""
    return user_can(user, EDIT_CALENDAR)


class CalendarPermissionPolicy(BasePermissionPolicy):
    """Every action (view, add, change, delete) for the calendar editors, none for anybody else."""

    def user_has_permission(self, user, action):
        return may_edit_calendar(user)

    def users_with_any_permission(self, actions):
        return users_who_can(EDIT_CALENDAR)


calendar_permission_policy = CalendarPermissionPolicy(CalendarException)
register_permission_policy(CalendarException, calendar_permission_policy, exact_class=True)


def year_choices():
    this_year = datetime.date.today().year
    years = {this_year - 1, this_year, this_year + 1}
    years.update(d.year for d in CalendarException.objects.dates("date", "year"))
    return [(str(y), str(y)) for y in sorted(years)]


class CalendarExceptionFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("年度"), field_name="date", lookup_expr="year", choices=year_choices, empty_label=_("全部年度")
    )

    class Meta:
        model = CalendarException
        fields = ["year", "kind", "source"]


class _SaveAsManual:
    """A row a person saves is theirs: ``seed_calendar`` leaves it alone from then on."""

    def save_instance(self):
        self.form.instance.source = CalendarException.MANUAL
        return super().save_instance()


class CalendarCreateView(_SaveAsManual, generic.CreateView):
    pass


class CalendarEditView(_SaveAsManual, generic.EditView):
    pass


class CalendarExceptionViewSet(ModelViewSet):
    model = CalendarException
    icon = "date"
    menu_label = _("工作日行事曆")
    menu_order = 910
    add_to_settings_menu = True
    permission_policy = calendar_permission_policy
    add_view_class = CalendarCreateView
    edit_view_class = CalendarEditView
    copy_view_enabled = False
    list_display = [
        "date",
        Column("weekday", label=_("星期"), accessor=lambda row: WEEKDAYS[row.date.weekday()]),
        "kind",
        "name",
        "source",
        "updated_at",
    ]
    filterset_class = CalendarExceptionFilterSet
    search_fields = ["name"]
    ordering = ["date"]
    list_per_page = 50
    form_fields = ["date", "kind", "name"]


#: The dashboard warns about the years the coming weeks' deadlines fall in: this year, and the
#: next one once it is this close (a 5-working-day deadline in late December ends in January).
WARN_AHEAD_DAYS = 60


def years_to_warn_about(today=None):
    """The years needed soon whose calendar is not loaded (the holiday law answers for them)."""
    today = today or timezone.localdate()
    return unloaded_years({today.year, (today + datetime.timedelta(days=WARN_AHEAD_DAYS)).year})


class CalendarNotLoadedPanel(Component):
    """Dashboard warning for the calendar's editors: a year needed soon is not loaded.

    Working days of such a year still come out (from the holiday law, see ``working_days``), but
    without the agency's adjusted days off, make-up days and closures until somebody seeds or
    enters it.
    """

    name = "working_calendar_not_loaded"
    template_name = "governance/dashboard_calendar_warning.html"
    order = 90

    def __init__(self, years):
        self.years = years

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["years"] = self.years
        context["calendar_url"] = reverse("working_calendar:index")
        return context


def calendar_panels_for(user, today=None):
    if not may_edit_calendar(user):
        return []
    years = years_to_warn_about(today)
    return [CalendarNotLoadedPanel(years)] if years else []
