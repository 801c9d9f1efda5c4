"""From a public URL to its page: by URL path, in one lookup, without reading the pages between.

Wagtail routes a request by walking the tree from the site's root: it reads the root page's
translation in the active language and its specific row, then each level's child and its
specific row — six queries for a content page. Here the page whose ``url_path`` is the longest
prefix of the requested path is found in one query and read in one more; the walk would reach
the same page (the pages between — 單位專區 and its sections — route like any page). The page
found answers the rest of the path (an index's ``rss/``) with its own ``route``.

:func:`serve` is Wagtail's ``serve`` view with this routing put in front (``site45/urls.py``
routes page URLs to it); it stores the result where Wagtail's ``Page.route_for_request`` keeps
its own, so everything after it — Wagtail's view, hooks, ``Page.find_for_request`` — sees one
routing. ``HomePage.route`` asks :func:`find_by_path` too, for routing started elsewhere.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Locale, Page, Site

#: Where ``Page.route_for_request`` caches a request's route (Wagtail 8, ``wagtail/models/pages.py``).
ROUTE_ATTRIBUTE = "_wagtail_route_for_request"


def find_by_path(home, path_components):
    """``(page, remaining path components)`` for the deepest page on the path below ``home``,
    or None. ``home`` may be a plain ``Page``: only its ``url_path`` and ``path`` are read."""
    if not path_components:
        return None
    prefixes = {f"{home.url_path}{'/'.join(path_components[:n])}/": n for n in range(1, len(path_components) + 1)}
    found = (
        Page.objects.filter(slug__in=set(path_components), url_path__in=prefixes, path__startswith=home.path)
        .order_by("-depth")
        .values_list("pk", "content_type_id", "url_path")
        .first()
    )
    if found is None:
        return None
    model = ContentType.objects.get_for_id(found[1]).model_class()
    if model is None:
        return None
    related = ["locale", "unit"] if any(f.name == "unit" for f in model._meta.concrete_fields) else ["locale"]
    page = model._default_manager.select_related(*related).get(pk=found[0])
    return page, path_components[prefixes[found[2]] :]


def route_for_request(request, path):
    """Wagtail's ``Page.route_for_request`` (the same result, or None), routed by path."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    if not components:
        return localized_home(site.root_page, specific=True).route(request, components)
    home = localized_home(site.root_page, specific=False)  # below home only its path is read
    found = find_by_path(home, components)
    if found is not None:
        page, rest = found
        return page.route(request, rest)
    return home.specific.route(request, components)


def localized_home(root, specific):
    """Wagtail's ``root.localized`` (its live translation in the active language, else itself),
    read as the specific page in the same query when ``specific``."""
    model = root.specific_class if specific else Page
    if model is None:
        model = Page
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        locale = None
    if locale is not None and locale.pk != root.locale_id and settings.WAGTAIL_I18N_ENABLED:
        translation = model.objects.filter(translation_key=root.translation_key, locale=locale, live=True).first()
        if translation is not None:
            return translation
    return root.specific if specific else root


def serve(request, path):
    if not hasattr(request, ROUTE_ATTRIBUTE):
        try:
            setattr(request, ROUTE_ATTRIBUTE, route_for_request(request, path))
        except Http404:
            setattr(request, ROUTE_ATTRIBUTE, None)
    from wagtail import views as wagtail_views  # it loads the page model at import: not while models load

    return wagtail_views.serve(request, path)
