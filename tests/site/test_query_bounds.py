"""Query bounds: the explorer with 2,000 pages in 50 units, the admin page
search and a reviewer's queue with 500 waiting tasks render in a number of queries that does
not grow with the number of rows.

Each view is rendered once with few rows and once with many; the query counts must match
(within a small constant for pagination) and stay under a fixed ceiling.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from site45.demo.bulk_seed import BulkSeeder
from site45.governance.models import Unit
from site45.home.models import UnitPage
from site45.news.models import HotNewsPage
from tests.factories import make_member

UNITS = 50
PAGES = 2000
WAITING = 500
SLACK = 3
CEILING = 120


def add_pages(section, count, start=0, owner=None, live=True):
    pages = []
    for n in range(start, start + count):
        page = HotNewsPage(title=f"量測頁面{section.unit.code}-{n}", slug=f"bench-{n}", live=live, owner=owner)
        section.add_child(instance=page)
        pages.append(page)
    return pages


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def ensure_sections(count):
    """Enough unit sections for the measurement, adding bench units if the tree has fewer."""
    units_index = UnitPage.objects.filter(locale__language_code="zh-hant").first().get_parent()
    sections = list(
        UnitPage.objects.filter(locale__language_code="zh-hant").select_related("unit").order_by("unit__code")
    )
    branch = Unit.objects.get(code="br-ccn")
    n = 0
    while len(sections) < count:
        n += 1
        unit = Unit.objects.create(
            code=f"bench-{n}", name_zh=f"量測單位{n}", unit_type="county", jurisdiction_branch=branch
        )
        section = UnitPage(title=unit.name_zh, slug=unit.code, unit=unit)
        units_index.add_child(instance=section)
        sections.append(section)
    return units_index, sections[:count]


#: A word in the title of every page ``BulkSeeder`` writes (``{type}第{n}則：中高齡就業服務消息``).
BULK_TITLE_WORD = "中高齡就業服務消息"


@pytest.fixture(scope="module")
def big_site(django_db_setup, django_db_blocker):
    """2,000 live pages spread over 50 unit sections, plus one section with 2 pages; rolled back.

    The 2,000 are written in batches (``site45.demo.bulk_seed``: live, with a live revision, as if
    published one by one, and indexed for search); one by one through ``add_child`` they took a
    minute and a half of the suite."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            units_index, sections = ensure_sections(UNITS + 1)
            small, big = sections[0], sections[1:]
            add_pages(small, 2)
            seeder = BulkSeeder(PAGES, locale=small.locale, sections=big, models=[HotNewsPage])
            seeder.run()
            assert seeder.index() == PAGES
            yield {"units_index": units_index, "small": small, "big": big}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def hq_editor(big_site, db):
    return make_member("wda-dsted")


def test_explorer_queries_do_not_grow_with_pages(big_site, hq_editor, client):
    client.force_login(hq_editor)
    assert HotNewsPage.objects.count() >= PAGES
    few = queries(client, f"/admin/pages/{big_site['small'].pk}/")
    many = queries(client, f"/admin/pages/{big_site['big'][0].pk}/")
    index = queries(client, f"/admin/pages/{big_site['units_index'].pk}/")
    assert many <= few + SLACK and many <= CEILING, (few, many)
    assert index <= few + SLACK and index <= CEILING, (few, index)


def test_admin_search_queries_do_not_grow_with_results(big_site, hq_editor, client):
    client.force_login(hq_editor)
    few = queries(client, f"/admin/pages/search/?q=量測頁面{big_site['small'].unit.code}")
    many = queries(client, f"/admin/pages/search/?q={BULK_TITLE_WORD}")
    assert many <= few + SLACK and many <= CEILING, (few, many)


def test_reviewer_queue_queries_do_not_grow_with_waiting_tasks(big_site, db, client):
    reviewer = make_member("TW-TXG", "unit_reviewer")
    editor = make_member("TW-TXG")
    section = UnitPage.objects.get(unit__code="TW-TXG", locale__language_code="zh-hant")

    def submit(count, start):
        for page in add_pages(section, count, start=10_000 + start, owner=editor, live=False):
            page.save_revision(user=editor)
            page.get_workflow().start(page, editor)

    client.force_login(reviewer)
    # The dashboard queue is compared at 3 and 500 waiting tasks. The workflow report lists
    # 50 rows a page (Wagtail's template asks each row for its task statuses), so it is
    # compared from one full page (60 tasks) to 500: the count depends on the page size only.
    submit(3, 0)
    few_dashboard = queries(client, "/admin/")
    submit(57, 3)
    full_page_report = queries(client, "/admin/reports/workflow/")
    submit(WAITING - 60, 60)
    many_dashboard = queries(client, "/admin/")
    many_report = queries(client, "/admin/reports/workflow/")
    assert many_dashboard <= few_dashboard + SLACK and many_dashboard <= CEILING, (few_dashboard, many_dashboard)
    assert many_report <= full_page_report + SLACK, (full_page_report, many_report)
    from site45.governance.review.task import UnitReviewTaskState

    assert UnitReviewTaskState.objects.filter(reviewer=reviewer, status="in_progress").count() == WAITING
