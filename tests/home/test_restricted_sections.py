"""Pages behind a view restriction stay out of every public listing (SPEC: only public content
is shown to visitors).

The navigation query reads the restricted pages, and the listings served after it exclude their
sections by path (``site45/home/navigation.py``); a listing with no navigation at hand asks the
database with a subquery. Both ways are exercised here: the home page, a type index, a unit
section and the menu read the navigation first; the RSS feed and the API do not. Each check
also finds a public neighbour, so an empty listing cannot pass.
"""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from site45.home.models import ContentIndexPage, UnitPage
from tests.factories import make_page

UNIT = "TW-TXG"
OTHER_UNIT = "TW-TPE"


def text_of(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def public_listings(page):
    section = UnitPage.objects.get(unit__code=page.unit.code, locale=page.locale)
    return ["/", "/hot-news/", section.url, "/hot-news/rss/", "/api/v2/pages/?type=news.HotNewsPage&fields=title"]


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_restricted_page_is_in_no_listing(site_tree, restriction_type):
    hidden = make_page("hot_news", UNIT, title="限制閱覽的熱門消息")
    shown = make_page("hot_news", UNIT, title="公開的熱門消息")
    PageViewRestriction.objects.create(page=hidden, restriction_type=restriction_type, password="pass-word-1")

    for path in public_listings(shown):
        text = text_of(path)
        assert "公開的熱門消息" in text, path
        assert "限制閱覽的熱門消息" not in text, path


def test_the_pages_of_a_restricted_unit_section_are_in_no_listing(site_tree):
    hidden = make_page("hot_news", UNIT, title="限制單位的熱門消息")
    make_page("hot_news", OTHER_UNIT, title="他單位公開的熱門消息")
    section = UnitPage.objects.get(unit__code=UNIT, locale=hidden.locale)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)

    for path in ["/", "/hot-news/", "/hot-news/rss/", "/api/v2/pages/?type=news.HotNewsPage&fields=title"]:
        text = text_of(path)
        assert "他單位公開的熱門消息" in text, path
        assert "限制單位的熱門消息" not in text, path
    assert Client().get(hidden.url).status_code in (302, 403)  # the page itself asks for a sign-in


def test_a_restricted_index_leaves_the_menu(site_tree):
    index = ContentIndexPage.objects.live().get(locale__language_code="zh-hant", matrix_code="hot_news")
    before = text_of("/events/")
    assert index.url in before  # in the menu while public
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    after = text_of("/events/")
    assert f'href="{index.url}"' not in after
    assert "/events/" in after  # the rest of the menu is still there
