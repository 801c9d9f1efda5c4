from wagtail import hooks

from .views import UnitViewSet


@hooks.register("register_admin_viewset")
def register_unit_viewset():
    return UnitViewSet("units")
