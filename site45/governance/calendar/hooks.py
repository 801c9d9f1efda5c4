"""Wagtail hooks of the working-day calendar (imported by ``wagtail_hooks``): its admin, and the
dashboard warning to its editors when a year needed soon is not loaded."""

from wagtail import hooks

from .admin import CalendarExceptionViewSet, calendar_panels_for


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarExceptionViewSet("working_calendar")


@hooks.register("construct_homepage_panels")
def add_calendar_warning(request, panels):
    if request.user.is_authenticated:
        panels.extend(calendar_panels_for(request.user))
