"""The XML sitemap: an index (/sitemap.xml) of parts (/sitemap-pages.xml?p=N) of bounded size.

One sitemap of every page grew with the site (about 2 s and 60 queries at 10,000 pages, built
from each page's specific model). Each part now lists at most ``SITEMAP_PART_SIZE`` pages and
costs the same few queries at any size: the pages are read from Wagtail's base page table (URL
path and publication date are all a sitemap entry needs), in tree order, one slice a part.
"""

from django.conf import settings
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """The site's live, public pages in every language: the site root and each of its translations' subtrees.

    Entries come from Wagtail's ``Page.get_sitemap_urls`` on the base page (no page model
    overrides it; ``tests/test_feeds_sitemap.py`` checks), which builds the URL from the URL
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

    def get_latest_lastmod(self):
        """The newest publication of any listed page, in one query (Django's default reads every item)."""
        return self.items().aggregate(latest=Max(Coalesce("last_published_at", "latest_revision_created_at")))[
            "latest"
        ]
