"""Wagtail hooks of the working-day calendar (imported by ``wagtail_hooks``)."""

from wagtail import hooks

from .calendar_admin import CalendarExceptionViewSet


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarExceptionViewSet("working_calendar")
