from django.utils.functional import SimpleLazyObject

from .navigation import navigation


def site_navigation(request):
    """The home page and main menu of the current language, for the base template.

    Both come from the request's :class:`~site45.home.navigation.SiteNavigation` (one query
    for everything around the content), read only if the template uses them.
    """
    return {
        "main_menu": SimpleLazyObject(lambda: navigation(request).main_menu),
        "home_page": SimpleLazyObject(lambda: navigation(request).home_page),
    }
