"""``manage.py seed_bulk``: pages written in batches behave like pages published one by one.

They are live with a live revision, sit in their unit's section with that unit as owner, only
in sections whose unit type may publish their type (asked of governance.org.matrix), are listed on
their type's public index, are found by search after ``--index``, and leave a valid tree.
"""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from site45.demo.bulk_seed import SLUG_PREFIX
from site45.governance.org.matrix import CONTENT_TYPE_CODES, unit_type_allows
from site45.home.models import ContentIndexPage, UnitPage, content_page_models

pytestmark = pytest.mark.django_db


def seeded():
    return [p.specific for p in Page.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk")]


def seed(**options):
    with open("/dev/null", "w") as devnull:
        call_command("seed_bulk", stdout=devnull, **options)


def test_pages_are_published_in_allowed_sections_listed_and_the_tree_is_valid(site_tree, client):
    image = get_image_model().objects.create(title="封面", file=get_test_image_file())
    seed(pages=300, index=True)
    pages = seeded()
    assert len(pages) == 300

    sections = {s.pk: s for s in UnitPage.objects.filter(locale__language_code="zh-hant")}
    for page in pages:
        assert page.live and not page.has_unpublished_changes and not page.expired
        assert page.live_revision_id and page.live_revision_id == page.latest_revision_id
        assert page.live_revision.as_object().title == page.title
        section = sections[page.get_parent().pk]
        assert page.unit_id == section.unit_id
        assert unit_type_allows(section.unit_type, page.matrix_code)
        assert page.url == f"/units/{section.slug}/{page.slug}/"
    # A sample of each type validates like an editor's page.
    for code in {p.matrix_code for p in pages}:
        next(p for p in pages if p.matrix_code == code).full_clean()

    # Every type some section may publish is there, evenly; and every section is used.
    types = Counter(p.matrix_code for p in pages)
    publishable = [c for c in CONTENT_TYPE_CODES if any(unit_type_allows(s.unit_type, c) for s in sections.values())]
    assert set(types) == set(publishable) and set(publishable) <= set(content_page_models())
    assert max(types.values()) - min(types.values()) <= 1
    assert {p.get_parent().pk for p in pages} == set(sections)
    assert any(
        getattr(p, "cover_image_id", None) == image.pk or getattr(p, "photo_id", None) == image.pk for p in pages
    )

    # Listed on the public index of each type, across units.
    for code, count in types.items():
        index = ContentIndexPage.objects.get(matrix_code=code, locale__language_code="zh-hant")
        response = client.get(index.url)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == count, code
    newest = max((p for p in pages if p.matrix_code == "hot_news"), key=lambda p: (p.date, p.pk))
    assert newest.title in client.get("/hot-news/").content.decode()
    assert client.get(pages[0].url).status_code == 200

    # Found by search (indexed through the backend's bulk path).
    hot_news = content_page_models()["hot_news"]
    found = {p.pk for p in hot_news.objects.live().search("中高齡就業服務消息")}
    assert {p.pk for p in pages if p.matrix_code == "hot_news"} <= found

    assert all(not problems for problems in Page.find_problems())
    for section in UnitPage.objects.filter(pk__in=sections):
        assert section.numchild == section.get_children().count()


def test_a_second_run_adds_more_without_clashes(site_tree):
    seed(pages=16)
    seed(pages=16, units=2)
    pages = seeded()
    assert len(pages) == 32 and len({p.slug for p in pages}) == 32
    assert len({p.get_parent().pk for p in pages[16:]}) == 2
    assert all(not problems for problems in Page.find_problems())
    first_sections = UnitPage.objects.filter(locale__language_code="zh-hant").order_by("unit__code")[:2]
    for section in first_sections:
        assert section.numchild == section.get_children().count()


def test_bad_arguments_are_refused(site_tree):
    with pytest.raises(CommandError):
        seed(pages=-1)
    with pytest.raises(CommandError):
        seed(pages=1, units=0)
    seed(pages=0)
    assert seeded() == []


def test_sections_and_models_narrow_where_and_what_but_never_past_attachment_2(site_tree):
    """The measurements of a grown site (tests/site/test_admin_query_budgets.py) add one type to chosen sections."""
    from site45.demo.bulk_seed import BulkSeeder
    from site45.news.models import HotNewsPage

    models = content_page_models()
    chosen = list(UnitPage.objects.filter(locale__language_code="zh-hant").order_by("pk")[:8])
    allowed = [s for s in chosen if unit_type_allows(s.unit_type, "hot_news")]
    refused = [
        s
        for s in UnitPage.objects.filter(locale__language_code="zh-hant")
        if not unit_type_allows(s.unit_type, "hot_news")
    ]
    assert allowed
    result = BulkSeeder(17, sections=chosen, models=[HotNewsPage]).run()
    pages = seeded()
    assert result.pages == len(pages) == 17
    assert {type(p) for p in pages} == {models["hot_news"]}
    assert {p.get_parent().pk for p in pages} == {s.pk for s in allowed}
    assert all(not problems for problems in Page.find_problems())
    if refused:
        assert BulkSeeder(5, sections=refused[:1], models=[HotNewsPage]).run().pages == 0
