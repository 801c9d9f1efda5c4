"""RSS per content type, /sitemap.xml and the 網站導覽 page (SPEC §8)."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from site45.home.models import ContentIndexPage
from site45.home.tree import INDEX_SLUGS, translate_site_tree
from tests.factories import make_page, sitemap_locs

CODES = list(INDEX_SLUGS)


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # valid XML or this raises
    assert root.tag == "rss"
    channel = root.find("channel")
    assert channel is not None and channel.findtext("title")
    return channel, [
        {"title": item.findtext("title"), "link": item.findtext("link"), "description": item.findtext("description")}
        for item in channel.findall("item")
    ]


@pytest.mark.parametrize("code", CODES)
def test_rss_of_each_type_lists_live_pages_not_drafts(site_tree, client, code):
    live = make_page(code, summary="RSS 摘要")
    draft = make_page(code, publish=False, live=False)  # factory: publish=False alone leaves it live
    other_type = make_page("hot_news" if code != "hot_news" else "lecture")

    channel, items = rss_items(client.get(f"/{INDEX_SLUGS[code]}/rss/"))
    titles = [item["title"] for item in items]
    assert live.title in titles
    assert draft.title not in titles
    assert other_type.title not in titles
    entry = items[titles.index(live.title)]
    assert entry["link"].endswith(live.url)
    assert entry["description"] == "RSS 摘要"
    assert channel.findtext("link").endswith(f"/{INDEX_SLUGS[code]}/")


def test_rss_excludes_unpublished_and_other_languages(site_tree, client):
    page = make_page("event")
    page.unpublish()
    translate_site_tree("en")
    en = Locale.objects.get(language_code="en")
    zh_page = make_page("event", title="只有中文的活動")
    en_page = zh_page.copy_for_translation(en).specific
    en_page.title = "An English event"
    en_page.save_revision().publish()

    _channel, items = rss_items(client.get("/events/rss/"))
    titles = [item["title"] for item in items]
    assert page.title not in titles
    assert "只有中文的活動" in titles and "An English event" not in titles

    _channel, items = rss_items(client.get("/en/events/rss/"))
    titles = [item["title"] for item in items]
    assert titles == ["An English event"]
    assert items[0]["link"].endswith("/en" + en_page.url.split("/en", 1)[1])


def test_sitemap_lists_live_pages_and_not_drafts(site_tree, client):
    live = make_page("press_release")
    draft = make_page("press_release", publish=False, live=False)
    locs = sitemap_locs(client)
    assert any(loc.endswith(live.url) for loc in locs)
    assert not any(loc.endswith(f"/{draft.slug}/") for loc in locs)
    for index in ContentIndexPage.objects.filter(locale__language_code="zh-hant"):
        assert any(loc.endswith(index.url) for loc in locs)
    assert any(loc.endswith("/site-map/") for loc in locs)


def test_sitemap_lists_english_pages_too(site_tree, client):
    from site45.home.tree import translate_site_tree

    translate_site_tree("en")
    page = make_page("hot_news", slug="zh-only-news")
    locs = sitemap_locs(client)
    assert any(loc.endswith("/en/") for loc in locs)
    assert any(loc.endswith("/en/hot-news/") for loc in locs)
    assert any(loc.endswith(page.url) for loc in locs)
    assert len(locs) == len(set(locs))


def test_site_map_page_lists_every_content_index(site_tree, client):
    html = client.get("/site-map/").content.decode()
    indexes = ContentIndexPage.objects.live().filter(locale__language_code="zh-hant")
    assert indexes.count() == len(CODES)
    for index in indexes:
        assert f'href="{index.url}"' in html
        assert f'href="{index.url}rss/"' in html
        assert index.title in html
    assert "導盲磚" in html
