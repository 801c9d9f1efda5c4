"""Flat costs: a public request asks the database a fixed number of times, whatever the size.

The site is seeded with ``seed_bulk`` to 100 pages and measured, then to 5,000 and measured
again (one module-scoped database state, rolled back at the end). Each public request stays
within its budget at both sizes, and its count does not grow (± 1: a page of a listing may
hold a different mix). Counts are of a warm request (Wagtail's site root paths and Django's
content types cached, as in a running worker).

Also: an anonymous request does no database work in the middleware (no session, lockout,
two-factor or activity table is touched), and the page router reaches a content page in one
lookup.
"""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from site45.demo.bulk_seed import SLUG_PREFIX
from site45.home.models import HomePage, content_page_models
from tests.budgets import BUDGETS

SMALL, LARGE = 100, 5000
#: Tables only the middleware of a signed-in (or signing-in) request may touch.
MIDDLEWARE_TABLES = ("django_session", "axes_", "otp_", "governance_accountactivity", "signin_")


def _seed(pages):
    with open("/dev/null", "w") as devnull:
        call_command("seed_bulk", pages=pages, stdout=devnull)


def _urls():
    event = content_page_models()["event"].objects.filter(slug=f"{SLUG_PREFIX}2").first()
    first_event = (
        event or content_page_models()["event"].objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    )
    return {
        "home": "/",
        "index": "/events/",
        "index_page_50": "/events/?page=50",
        "detail": first_event.url,
        "api_list": "/api/v2/pages/?type=news.EventPage&fields=*",
        "feed": "/events/rss/",
    }


def _count(client, url):
    client.get(url)  # warm: site root paths, content types
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


@pytest.fixture(scope="module", autouse=True)
def uncached():
    """The cost of building each answer: the page cache (tests/pagecache/test_page_cache.py) stays out."""
    with override_settings(PAGECACHE_ENABLED=False):
        yield


@pytest.fixture(scope="module")
def measured(uncached, django_db_setup, django_db_blocker):
    """Counts of every request at 100 and at 5,000 pages; the database state at 5,000 stays."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            client = Client()
            _seed(SMALL)
            urls = _urls()
            small = {name: _count(client, url) for name, url in urls.items()}
            _seed(LARGE - SMALL)
            large = {name: _count(client, url) for name, url in urls.items()}
            print(
                "\nqueries at", SMALL, "/", LARGE, "pages:", {name: (small[name][0], large[name][0]) for name in urls}
            )
            yield {"urls": urls, "small": small, "large": large}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_public_request_stays_within_its_budget_at_any_size(measured, name, client, django_assert_max_num_queries):
    assert Page.objects.filter(slug__startswith=SLUG_PREFIX).count() == LARGE
    small, small_sql = measured["small"][name]
    large, large_sql = measured["large"][name]
    budget = BUDGETS[name]
    assert small <= budget, "\n".join(small_sql)
    assert large <= budget, "\n".join(large_sql)
    assert abs(large - small) <= 1, (small, large)
    client.get(measured["urls"][name])
    with django_assert_max_num_queries(budget):
        assert client.get(measured["urls"][name]).status_code == 200


@pytest.mark.django_db
def test_an_anonymous_request_does_no_database_work_in_the_middleware(measured, client):
    """Only the page's own queries: none on sessions, lockout, two-factor or activity tables."""
    url = measured["urls"]["detail"]
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies.get("sessionid")
    touched = [q["sql"] for q in ctx.captured_queries if any(t in q["sql"] for t in MIDDLEWARE_TABLES)]
    assert touched == []
    assert len(ctx.captured_queries) == measured["large"]["detail"][0]


@pytest.mark.django_db
def test_the_router_reaches_a_content_page_in_one_lookup(measured, client):
    """The page found by its URL path is the one Wagtail's level-by-level walk finds."""
    home = HomePage.objects.get(depth=2, locale__language_code="zh-hant")
    url = measured["urls"]["detail"]
    components = [c for c in url.split("/") if c]
    shortcut = home.route(None, components).page
    walked = Page.route(home, None, components).page
    assert shortcut.pk == walked.pk and type(shortcut) is type(walked)
    with pytest.raises(Exception) as missing:
        home.route(None, [*components[:-1], "no-such-page"])
    assert missing.type.__name__ == "Http404"


def test_no_page_type_with_children_changes_how_routing_walks():
    """The router's shortcut relies on this: only HomePage and leaf types override ``route``."""
    from wagtail.models import get_page_models

    for model in get_page_models():
        if model.route is Page.route or model is HomePage:
            continue
        assert model.subpage_types == [] or not model.allowed_subpage_models(), model
