"""The sitemap as an index of bounded parts (/sitemap.xml → /sitemap-pages.xml?p=N).

Every live, public page of both languages appears exactly once across the parts; nothing
unpublished, draft or private does; a part holds at most SITEMAP_PART_SIZE pages (tested at
the boundary and one past); the index and each part cost the same queries at any size.
"""

import urllib.parse
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from site45.governance.models import Unit
from site45.home.sitemaps import SitemapLocations
from site45.home.tree import section_for, translate_site_tree
from tests.db_snapshot import built_once
from tests.factories import make_page

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
QUERY_CEILING = 8


@pytest.fixture(autouse=True)
def uncached(settings):
    """Measure building the answer: the page cache (tests/pagecache/test_page_cache.py) stays out."""
    settings.PAGECACHE_ENABLED = False


def part_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]


def local(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def part_locs(client, url):
    response = client.get(local(url))
    assert response.status_code == 200, url
    return [loc.text for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", NS)]


def all_parts(client):
    return [part_locs(client, url) for url in part_urls(client)]


def expected_locs():
    """Every live page of the site's trees (not the root), minus the private subtrees, as full URLs."""
    restricted = [r.page.path for r in PageViewRestriction.objects.select_related("page")]
    return {
        page.get_full_url()
        for page in Page.objects.filter(depth__gte=2, live=True)
        if not any(page.path.startswith(path) for path in restricted)
    }


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_index_and_parts_cost_the_same_queries_at_any_size(client, settings, site_tree):
    settings.SITEMAP_PART_SIZE = 5
    translate_site_tree("en")
    make_page("hot_news")
    for url in ("/sitemap.xml", "/sitemap-pages.xml"):
        client.get(url)  # warm the per-process caches (site root paths, content types)
    small = [queries(client, url) for url in ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-pages.xml?p=2")]
    for n in range(25):
        make_page("hot_news" if n % 2 else "event")
    large_parts = part_urls(client)
    large = [queries(client, url) for url in ("/sitemap.xml", "/sitemap-pages.xml", "/sitemap-pages.xml?p=2")]
    large_last = queries(client, local(large_parts[-1]))
    assert small == large
    assert max(large + [large_last]) <= QUERY_CEILING


def test_no_page_model_builds_its_own_sitemap_entries():
    """The parts are read from the base page table; a model with its own entries or URLs would be missed."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, Page):
            assert model.get_sitemap_urls is Page.get_sitemap_urls, model
            assert model.get_url_parts is Page.get_url_parts, model


def build_bilingual_site():
    """Both languages, live pages, an English translation, a draft, an unpublished page and a private section."""
    translate_site_tree("en")
    en = Locale.objects.get(language_code="en")
    live = [make_page("hot_news"), make_page("event"), make_page("lecture")]
    translated = live[0].copy_for_translation(en).specific
    translated.title = "Translated news"
    translated.save_revision().publish()
    draft = make_page("hot_news", publish=False, live=False)
    unpublished = make_page("press_release")
    unpublished.unpublish()
    private_section = section_for(Unit.objects.get(code="br-ccn"))
    PageViewRestriction.objects.create(page=private_section, restriction_type="password", password="secret")
    private = make_page("hot_news", unit_code="br-ccn")
    return {"live": live, "translated": translated, "hidden": [draft, unpublished, private, private_section]}


@pytest.fixture(scope="module")
def bilingual_world(django_db_setup, django_db_blocker):
    """Built once for the module's tests that only read it (each test's own changes roll back);
    the tests above, which build their own pages, run before it exists."""
    with built_once(django_db_blocker, build_bilingual_site) as world:
        yield world


@pytest.fixture
def bilingual_site(bilingual_world, site_tree):
    return bilingual_world


@pytest.mark.django_db
def test_every_live_public_page_appears_once_across_the_parts(client, settings, bilingual_site):
    settings.SITEMAP_PART_SIZE = 7
    parts = all_parts(client)
    assert len(parts) > 2
    locs = [loc for part in parts for loc in part]
    assert len(locs) == len(set(locs))
    assert set(locs) == expected_locs()
    for page in bilingual_site["live"]:
        assert page.get_full_url() in locs and not page.get_full_url().startswith("http://testserver/en/")
    assert bilingual_site["translated"].get_full_url() in locs
    assert "/en/" in bilingual_site["translated"].get_full_url()
    assert any(loc.endswith("/en/") for loc in locs)
    for page in bilingual_site["hidden"]:
        assert page.get_full_url() not in locs, page


@pytest.mark.django_db
def test_part_size_at_the_boundary_and_one_past(client, settings, bilingual_site):
    total = len(expected_locs())

    settings.SITEMAP_PART_SIZE = total
    (only,) = part_urls(client)
    assert len(part_locs(client, only)) == total

    settings.SITEMAP_PART_SIZE = total - 1
    first, second = part_urls(client)
    assert local(second).endswith("?p=2")
    assert len(part_locs(client, first)) == total - 1
    assert len(part_locs(client, second)) == 1
    assert client.get("/sitemap-pages.xml", {"p": 3}).status_code == 404
    assert client.get("/sitemap-pages.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-other.xml").status_code == 404


@pytest.mark.django_db
def test_entries_and_parts_carry_their_last_modification(client, settings, bilingual_site):
    settings.SITEMAP_PART_SIZE = 1000
    page = bilingual_site["live"][-1]
    index = ET.fromstring(client.get("/sitemap.xml").content)
    assert index.find("sm:sitemap/sm:lastmod", NS).text.startswith(
        timezone.localtime(page.last_published_at).date().isoformat()
    )
    part = ET.fromstring(client.get("/sitemap-pages.xml").content)
    entry = next(
        url for url in part.findall("sm:url", NS) if url.findtext("sm:loc", namespaces=NS) == page.get_full_url()
    )
    assert entry.findtext("sm:lastmod", namespaces=NS) == timezone.localtime(page.last_published_at).date().isoformat()


@pytest.mark.django_db
def test_locations_are_wagtails_own_urls_with_unicode_slugs_and_a_second_site(
    client, bilingual_site, wagtails_site_paths_forgotten_after
):
    """``SitemapLocations`` builds each URL from its URL path: the same URL ``get_full_url`` gives,
    for slugs Django's ``reverse`` must quote and where a second site makes Wagtail choose."""
    en = Locale.objects.get(language_code="en")
    chinese = make_page("hot_news", slug="就業博覽會-2026")
    english = chinese.copy_for_translation(en).specific
    english.slug = "job-fair-2026"
    english.save_revision().publish()
    english.refresh_from_db()
    pages = list(Page.objects.filter(depth__gte=2, live=True))

    def located(host):
        request = RequestFactory().get("/sitemap-pages.xml", HTTP_HOST=host)
        locations = SitemapLocations(request)
        return {page.url_path: (locations(page.url_path), page.get_full_url(request)) for page in pages}

    for ours, wagtails in located("testserver").values():
        assert ours == wagtails
    assert "%E5%B0%B1%E6%A5%AD" in located("testserver")[chinese.url_path][0]

    english_home = Page.objects.get(depth=2, locale=en)
    Site.objects.create(hostname="en.example.org", port=80, root_page=english_home, site_name="English")
    for host in ("testserver", "en.example.org"):
        for ours, wagtails in located(host).values():
            assert ours == wagtails
    assert located("en.example.org")[english.url_path][0].startswith("http://en.example.org/")
