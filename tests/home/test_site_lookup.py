"""Which site answers a host (site45/home/site_lookup.py): Wagtail's answer, asked of the
database once per change instead of once per request, forgotten on every change that could
alter it, and never kept for a host ALLOWED_HOSTS refuses."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from site45.governance.models import Unit
from site45.home.site_lookup import CACHE_KEY, MAX_HOSTS
from site45.home.tree import section_for
from tests.factories import make_page


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    settings.PAGECACHE_ENABLED = False


def site_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    return response, [
        q["sql"] for q in ctx.captured_queries if '"wagtailcore_site"' in q["sql"] and 'AS "match"' in q["sql"]
    ]


@pytest.mark.django_db
def test_the_site_is_asked_once_then_read_from_the_cache(client, site_tree):
    page = make_page("hot_news")
    first, asked = site_queries(client, page.url)
    assert first.status_code == 200 and len(asked) == 1
    again, asked_again = site_queries(client, page.url)
    assert again.status_code == 200 and asked_again == []
    assert page.title in again.content.decode()
    assert cache.get(CACHE_KEY)[("testserver", "80")].root_page_id == site_tree.pk


@pytest.mark.django_db
def test_a_new_site_for_a_host_answers_at_once(client, settings, site_tree, wagtails_site_paths_forgotten_after):
    """A host first served by the default site gets its own site as soon as one is saved."""
    settings.ALLOWED_HOSTS = ["testserver", "txg.example.org"]
    section = section_for(Unit.objects.get(code="TW-TXG"))
    before, _asked = site_queries(client, "/", HTTP_HOST="txg.example.org")
    assert site_tree.title in before.content.decode()
    assert f"<h1>{section.title}</h1>" not in before.content.decode()

    Site.objects.create(hostname="txg.example.org", port=80, root_page=section, site_name="臺中")
    after, asked = site_queries(client, "/", HTTP_HOST="txg.example.org")
    assert after.status_code == 200 and len(asked) == 1
    assert f"<h1>{section.title}</h1>" in after.content.decode()

    Site.objects.filter(hostname="txg.example.org").delete()  # a queryset delete still signals per row
    gone, asked = site_queries(client, "/", HTTP_HOST="txg.example.org")
    assert len(asked) == 1 and f"<h1>{section.title}</h1>" not in gone.content.decode()


@pytest.mark.django_db
def test_saving_a_site_root_forgets_the_answers(client, site_tree):
    client.get("/")
    assert cache.get(CACHE_KEY)
    site_tree.save_revision().publish()
    assert cache.get(CACHE_KEY) is None
    make_page("hot_news")  # a page deeper than any site root leaves them
    client.get("/")
    make_page("event")
    assert cache.get(CACHE_KEY)


@pytest.mark.django_db
def test_a_refused_host_is_never_kept(client, settings, site_tree):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert ("evil.example", "80") not in (cache.get(CACHE_KEY) or {})


@pytest.mark.django_db
def test_at_most_max_hosts_are_kept_and_the_next_is_still_answered(client, settings, site_tree):
    settings.ALLOWED_HOSTS = ["*"]
    for n in range(MAX_HOSTS):
        assert client.get("/", HTTP_HOST=f"host{n}.example").status_code == 200
    assert len(cache.get(CACHE_KEY)) == MAX_HOSTS
    response, asked = site_queries(client, "/", HTTP_HOST="one-more.example")
    assert response.status_code == 200 and site_tree.title in response.content.decode()
    assert len(asked) == 1
    assert len(cache.get(CACHE_KEY)) == MAX_HOSTS
    assert ("one-more.example", "80") not in cache.get(CACHE_KEY)
