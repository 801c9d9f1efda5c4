from wagtail.models import Locale, Page


def site_navigation(request):
    """The home page and main menu of the current language, for the base template."""

    def menu():
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return []
        home = Page.objects.filter(depth=2, locale=locale).first()
        if home is None:
            return []
        return list(home.get_children().live().public().in_menu())

    def home_page():
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return None
        return Page.objects.filter(depth=2, locale=locale).first()

    from django.utils.functional import SimpleLazyObject

    return {"main_menu": SimpleLazyObject(menu), "home_page": SimpleLazyObject(home_page)}
