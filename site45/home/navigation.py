"""What every public page shows around its content, read in one query per request.

The header and footer need the home page and main menu of the active language, the site map's
address, each language's version of the page (or that language's home) and, on a content page,
its breadcrumbs, owning section and type index. Asked separately these were a dozen queries,
several of them scans of ``wagtailcore_page``; :class:`SiteNavigation` reads them all at once —
the pages at depth 2 and 3 (homes, indexes, 單位專區, 網站導覽), the current page's ancestors and
its translations — and answers from those rows. It lives on the request, so it is never stale.

``public_q()`` is Wagtail's ``PageQuerySet.public()`` as one SQL condition: Wagtail's reads every
view restriction first (a query per listing). The navigation query also reads the restricted
pages themselves (a site has few, usually none), so once it has run a listing excludes those
sections by path — no condition at all on a site without restrictions — instead of asking the
database for each row whether a restriction covers it, which cost a correlated subquery to build
and to run in every listing.
"""

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction

from site45.request_log import current_request

REQUEST_ATTRIBUTE = "_site45_navigation"


def private_q(outer="path"):
    """Pages inside a restricted section (the restricted page or a descendant of it)."""
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef(outer), 1, Length("page__path")))
    return Q(Exists(restricted))


def public_q():
    """Pages outside every restricted section: by path when this request's navigation has been
    read (as before any page is served), else with :func:`private_q`."""
    request = current_request()
    nav = getattr(request, REQUEST_ATTRIBUTE, None) if request is not None else None
    if nav is not None and nav.has_read_rows:
        return nav.public_q()
    return ~private_q()


def navigation(request):
    """The request's :class:`SiteNavigation` (made on first use)."""
    nav = getattr(request, REQUEST_ATTRIBUTE, None) if request is not None else None
    if nav is None:
        nav = SiteNavigation(request)
        if request is not None:
            setattr(request, REQUEST_ATTRIBUTE, nav)
    return nav


class SiteNavigation:
    def __init__(self, request, page=None):
        self.request = request
        self._page = page

    @property
    def page(self):
        """The page Wagtail routed this request to, if any."""
        if self._page is None and self.request is not None:
            route = getattr(self.request, "_wagtail_route_for_request", None)
            self._page = route[0] if route else None
        return self._page

    @cached_property
    def _rows(self):
        page = self.page
        wanted = Q(depth__in=(2, 3))
        if isinstance(page, Page) and page.pk:
            steplen = Page.steplen
            ancestors = [page.path[:n] for n in range(steplen, len(page.path), steplen)]
            wanted |= Q(path__in=ancestors) | Q(translation_key=page.translation_key)
        restrictions = PageViewRestriction.objects.all()
        # The restricted pages (few) joined by UNION: as one more OR they would cost a scan of
        # every page, the subquery keeping PostgreSQL from combining the indexes.
        restricted = Q(pk__in=restrictions.values("page_id"))
        return list(
            self._nav_rows(wanted, restrictions).union(self._nav_rows(restricted, restrictions)).order_by("path")
        )

    @staticmethod
    def _nav_rows(condition, restrictions):
        return (
            Page.objects.filter(condition)
            .select_related("locale")
            .annotate(
                matrix_code=F("contentindexpage__matrix_code"),
                has_restriction=Exists(restrictions.filter(page_id=OuterRef("pk"))),
            )
            .order_by()
        )

    @property
    def has_read_rows(self):
        return "_rows" in self.__dict__

    # --- view restrictions -----------------------------------------------------------------------

    @cached_property
    def restricted_paths(self):
        """The paths of every page with a view restriction (it and its descendants are private)."""
        return [row.path for row in self._rows if row.has_restriction]

    def is_private(self, row):
        return any(row.path.startswith(path) for path in self.restricted_paths)

    def public_q(self):
        condition = Q()
        for path in self.restricted_paths:
            condition &= ~Q(path__startswith=path)
        return condition

    # --- languages -----------------------------------------------------------------------------

    @staticmethod
    def active_language():
        return (translation.get_language() or settings.LANGUAGE_CODE).lower()

    def _homes(self):
        return [row for row in self._rows if row.depth == 2]

    def home_for(self, language_code):
        return next((h for h in self._homes() if h.locale.language_code.lower() == language_code), None)

    @cached_property
    def home_page(self):
        """The home page of the active language (else of the default one), live or not."""
        return self.home_for(self.active_language()) or self.home_for(settings.LANGUAGE_CODE.lower())

    @cached_property
    def main_menu(self):
        home = self.home_page
        if home is None:
            return []
        return [
            row
            for row in self._rows
            if row.depth == 3
            and row.path.startswith(home.path)
            and row.live
            and row.show_in_menus
            and not self.is_private(row)
        ]

    def translations(self):
        """``{language code: live version of the current page}`` (the page itself included)."""
        page = self.page
        if not isinstance(page, Page) or not page.pk:
            return {}
        return {
            row.locale.language_code.lower(): row
            for row in self._rows
            if row.translation_key == page.translation_key and row.live
        }

    def live_home_for(self, language_code):
        home = self.home_for(language_code)
        return home if home is not None and home.live else None

    # --- the site map and the indexes ----------------------------------------------------------

    def _children_of_homes(self, **conditions):
        return [
            row
            for row in self._rows
            if row.depth == 3 and row.live and all(getattr(row, k) == v for k, v in conditions.items())
        ]

    @cached_property
    def site_map_page(self):
        """The live 網站導覽 of the active language, else any live one."""
        maps = [
            row
            for row in self._rows
            if row.depth == 3 and row.live and getattr(row.specific_class, "is_site_map", False)
        ]
        active = self.active_language()
        return next((m for m in maps if m.locale.language_code.lower() == active), None) or (maps[0] if maps else None)

    def type_index(self, page):
        """The live index of ``page``'s content type in ``page``'s language."""
        return self.type_index_for(page.matrix_code, page.locale_id)

    def type_index_for(self, matrix_code, locale_id):
        return next(
            (row for row in self._children_of_homes(matrix_code=matrix_code) if row.locale_id == locale_id),
            None,
        )

    # --- the current page's place ----------------------------------------------------------------

    def ancestors(self, page):
        """``page``'s ancestors, root first (read with the rest when ``page`` is the routed page)."""
        if page is not self.page:
            return list(page.get_ancestors())
        return [row for row in self._rows if page.path.startswith(row.path) and row.depth < page.depth]

    def is_public_without_aliases(self, page):
        """True when ``page`` is the routed page and neither it nor an ancestor is restricted
        or an alias (then Wagtail's view-restriction check has nothing to find)."""
        if self.page is None or page.pk != self.page.pk or page.path != self.page.path:
            return False
        chain = [row for row in self._rows if page.path.startswith(row.path)]
        if len(chain) != page.depth:
            return False
        return not any(self.is_private(row) or row.alias_of_id for row in chain)

    def parent(self, page):
        found = self.ancestors(page)
        return found[-1] if found else None
