"""The XML sitemap: an index (/sitemap.xml) of parts (/sitemap-pages.xml?p=N) of bounded size.

One sitemap of every page grew with the site (about 2 s and 60 queries at 10,000 pages, built
from each page's specific model). Each part now lists at most ``SITEMAP_PART_SIZE`` pages and
costs the same few queries at any size: the pages are read from Wagtail's base page table (URL
path and publication date are all a sitemap entry needs), in tree order, one slice a part, as
rows rather than pages, and each URL is built from its URL path (``SitemapLocations``).
"""

from urllib.parse import quote

from django.conf import settings
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, Site

#: What Django's ``reverse`` leaves unquoted in a path (``django.urls.resolvers``).
PATH_SAFE = "!$&'()*+,;=" + "/~:@"


class SitemapLocations:
    """The full URL of a page from its URL path alone — what ``Page.get_full_url`` answers, asked
    of Wagtail once per site root instead of once per page.

    Wagtail builds a page's URL from the site root path its URL path starts with: that root's
    URL and language prefix, then the rest of the URL path, quoted as ``reverse`` quotes it. So
    the prefix is asked of Wagtail for the root itself and the rest is appended. Where Wagtail
    would choose among several sites by the request, or strip the trailing slash, the page's
    own ``get_full_url`` answers. No page model builds its own URLs
    (``tests/home/test_sitemap_parts.py`` checks), and ``tests/home/test_sitemap_parts.py`` compares every
    location with ``get_full_url``.
    """

    def __init__(self, request):
        self.request = request
        self.roots = Site.get_site_root_paths()
        self._prefixes = {}

    def __call__(self, url_path):
        matching = [root for root in self.roots if url_path.startswith(root.root_path)]
        if not matching:
            return None
        if not WAGTAIL_APPEND_SLASH or len({root.site_id for root in matching}) > 1:
            return Page(url_path=url_path).get_full_url(self.request)
        root = matching[0]
        prefix = self._prefixes.get(root)
        if prefix is None:
            prefix = self._prefixes[root] = Page(url_path=root.root_path).get_full_url(self.request)
        if prefix is None:
            return None
        return prefix + quote(url_path[len(root.root_path) :], safe=PATH_SAFE)


class AllLanguagesSitemap(Sitemap):
    """The site's live, public pages in every language: the site root and each of its translations' subtrees.

    Entries come from Wagtail's ``Page.get_sitemap_urls`` on the base page (no page model
    overrides it; ``tests/home/test_feeds_sitemap.py`` checks), which builds the URL from the URL
    path and the site's root paths, so zh-Hant pages get ``/…`` and English pages ``/en/…``.
    """

    @property
    def limit(self):
        return settings.SITEMAP_PART_SIZE

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        in_any_tree = Q()
        for path in homes:
            in_any_tree |= Q(path__startswith=path)
        return (
            Page.objects.filter(in_any_tree)
            .live()
            .public()
            .order_by("path")
            .only("path", "url_path", "last_published_at", "latest_revision_created_at")
        )

    def _urls(self, page, protocol, domain):
        """The entries of part ``page``, from rows rather than pages, each with its ``<url>`` element.

        Django's sitemap template spends about 100 µs an entry on its tags; ``sitemap_part.xml``
        writes the element made here (escaped) and nothing else.
        """
        locations = SitemapLocations(self.request)
        rows = self.paginator.page(page).object_list.values_list(
            "url_path", "last_published_at", "latest_revision_created_at"
        )
        urls = []
        for url_path, published, revised in rows:
            location = locations(url_path)
            if location is None:
                continue  # not routable: no URL to list
            lastmod = published or revised
            element = f"<url><loc>{escape(location)}</loc>"
            if lastmod:
                element += f"<lastmod>{timezone.localtime(lastmod).date().isoformat()}</lastmod>"
            urls.append({"location": location, "lastmod": lastmod, "xml": mark_safe(element + "</url>")})
        last_mods = {url["lastmod"] for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def get_latest_lastmod(self):
        """The newest publication of any listed page, in one query (Django's default reads every item)."""
        return self.items().aggregate(latest=Max(Coalesce("last_published_at", "latest_revision_created_at")))["latest"]
