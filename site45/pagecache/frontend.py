"""Purging a CDN in front (Wagtail's ``frontend_cache``), when ``WAGTAILFRONTENDCACHE`` is set.

Wagtail's app purges a page's own URLs when it is published or unpublished. A CDN also holds
the pages that *list* it, and a move or a delete changes them too; this purges, after the
commit, the page and: the page's type index and its
RSS feed, the home page, the unit section, the sitemap and the API's page listing (only its
bare URL — listings with a query string live for ``PAGECACHE_CDN_MAX_AGE`` at the CDN).
Without the setting nothing here runs (no query, no request).
"""

from django.conf import settings
from django.db import transaction

from site45.home.models import ContentIndexPage, ContentPage, UnitPage


def enabled():
    return bool(settings.WAGTAILFRONTENDCACHE)


def purge_related(pages):
    if not pages or not enabled():
        return
    page_ids = [page.pk for page in pages]
    transaction.on_commit(lambda: _purge(page_ids))


def related_pages(page):
    found = [page]
    home = page.get_ancestors().filter(depth=2).first()
    if home is not None:
        found.append(home)
    if isinstance(page, ContentPage):
        parent = page.get_parent().specific
        if isinstance(parent, UnitPage):
            found.append(parent)
        index = page.get_type_index()
        if index is not None:
            found.append(index)
    return found


def _purge(page_ids):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    for page in Page.objects.filter(pk__in=page_ids).specific():
        for related in related_pages(page):
            batch.add_page(related)
            if isinstance(related, ContentIndexPage) and related.url:
                batch.add_url(related.full_url + "rss/")
        site = page.get_site()
        if site is not None:
            batch.add_urls([site.root_url + "/sitemap.xml", site.root_url + "/api/v2/pages/"])
    batch.purge()
