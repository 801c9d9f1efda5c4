"""The page cache (site45/pagecache): anonymous public GETs cached, exactly invalidated.

Everything goes through real views with Django's test client and through Wagtail's real
publishing paths: ``Revision.publish``, the admin's edit view with 「發布」 as a superuser, the
reviewer's approval (``governance/review/task.py``), ``publish_scheduled``. The cache is the
suite's own (LocMemCache, alias ``pagecache``); one test runs two Redis clients as two nodes.
"""

import datetime
import os
import pickle
import time
import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date
from wagtail.models import Locale, Page, PageViewRestriction, Site

from site45.governance.models import Unit
from site45.home.models import UnitPage
from site45.home.tree import translate_site_tree
from site45.news.models import EventPage, HotNewsPage
from site45.pagecache import horizon, keys
from tests import factories
from tests.factories import action_url, create_and_submit, make_page, member, open_state, page_form_data

UNIT = "TW-TXG"


def anonymous():
    return Client()


def section(unit_code=UNIT, language="zh-hant"):
    return UnitPage.objects.get(unit__code=unit_code, locale__language_code=language)


def hot_news_urls(page):
    """Every public URL that shows ``page`` (a hot news page in its unit's section)."""
    return [
        page.url,
        "/",
        "/hot-news/",
        section().url,
        "/hot-news/rss/",
        "/api/v2/pages/?type=news.HotNewsPage&fields=title",
        f"/api/v2/pages/{page.pk}/",
    ]


def body(response):
    return response.content.decode()


def get_twice(client, url):
    """The second GET of ``url``: it must come from the cache."""
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == 200, (url, first.status_code)
    assert second["X-Page-Cache"] == "hit", url
    return second


def prime(urls):
    client = anonymous()
    for url in urls:
        get_twice(client, url)


def assert_shown_everywhere(urls, text, absent=()):
    client = anonymous()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert text in body(response), url
        for other in absent:
            assert other not in body(response), (url, other)


def sitemap_locs():
    return factories.sitemap_locs(anonymous())


def stored_bodies(current_only=False):
    """The bodies of the entries in the (LocMem) page cache: all, or those still served."""
    store = caches["pagecache"]._cache
    token = keys.current_generation(keys.page_cache())["token"]
    found = []
    for value in store.values():
        entry = pickle.loads(value)
        if isinstance(entry, dict) and "content" in entry and (not current_only or entry["token"] == token):
            found.append(entry["content"].decode())
    return found


def new_revision(page, **fields):
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    return page.save_revision()


# --- what is cached ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "DETAIL",
        "/",
        "/hot-news/",
        "/hot-news/?page=1",
        "/hot-news/rss/",
        "SECTION",
        "/units/",
        "/site-map/",
        "/sitemap.xml",
        "/api/v2/pages/",
        "/api/v2/pages/?type=news.HotNewsPage&fields=*",
        "API_DETAIL",
        "/search/?q=就業",
    ],
)
def test_the_second_anonymous_get_is_served_from_the_cache_without_a_query(site_tree, django_assert_num_queries, url):
    page = make_page("hot_news", UNIT, title="就業博覽會")
    url = {"DETAIL": page.url, "SECTION": section().url, "API_DETAIL": f"/api/v2/pages/{page.pk}/"}.get(url, url)
    client = anonymous()
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Cache-Control"] == first["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert second["ETag"] == first["ETag"]


def test_the_key_holds_host_path_query_and_language(site_tree, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    translate_site_tree("en")
    client = anonymous()
    assert client.get("/hot-news/")["X-Page-Cache"] == "miss"
    assert client.get("/hot-news/?page=1")["X-Page-Cache"] == "miss"
    assert client.get("/hot-news/", HTTP_HOST="other.example")["X-Page-Cache"] == "miss"
    assert client.get("/en/hot-news/")["X-Page-Cache"] == "miss"
    # Outside the language prefix LocaleMiddleware answers in zh-Hant whatever the browser
    # asks (prefix_default_language=False): the key holds that language, so one entry serves both.
    zh = client.get("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="zh-hant")
    en = client.get("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="en")
    assert (zh["X-Page-Cache"], en["X-Page-Cache"]) == ("miss", "hit")
    assert zh["Content-Language"] == en["Content-Language"] == "zh-hant"
    assert client.get("/hot-news/")["X-Page-Cache"] == "hit"


# --- invalidation --------------------------------------------------------------------------


def test_a_published_revision_shows_everywhere_at_once(site_tree):
    """Wagtail's own publish path (``Revision.publish``): the page, its type index, home, the
    unit section, the feed, the API list and detail, and the sitemap (new slug)."""
    page = make_page("hot_news", UNIT, title="第一版活動消息", slug="first-version")
    urls = hot_news_urls(page)
    prime(urls)
    assert any(loc.endswith("/first-version/") for loc in sitemap_locs())
    old_url = page.url

    new_revision(page, title="第二版活動消息", slug="second-version").publish()
    page.refresh_from_db()

    assert_shown_everywhere(hot_news_urls(page), "第二版活動消息", absent=["第一版活動消息"])
    assert anonymous().get(old_url).status_code == 404
    locs = sitemap_locs()
    assert any(loc.endswith("/second-version/") for loc in locs)
    assert not any(loc.endswith("/first-version/") for loc in locs)


def test_publishing_from_the_admin_edit_view_shows_the_new_version(site_tree, client, django_user_model):
    page = make_page("hot_news", UNIT, title="管理介面第一版", slug="admin-edit")
    prime(hot_news_urls(page))
    admin = django_user_model.objects.create_superuser("pc-admin", "pc-admin@example.test", "x" * 16)
    client.force_login(admin)
    data = page_form_data("管理介面第二版", "admin-edit")
    data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "管理介面第二版"
    assert_shown_everywhere(hot_news_urls(page), "管理介面第二版", absent=["管理介面第一版"])


def test_the_reviewers_approval_publishes_to_the_cached_site(review_site, client):
    editor = member(UNIT, "editor")
    reviewer = member(UNIT, "unit_reviewer")
    page = create_and_submit(editor, UNIT, title="審核後上線的消息")
    prime(["/", "/hot-news/", section().url, "/hot-news/rss/", "/api/v2/pages/?type=news.HotNewsPage"])
    assert anonymous().get(page.url if page.url else f"/{page.slug}/").status_code == 404
    for text in stored_bodies():
        assert "審核後上線的消息" not in text  # a submitted draft is nowhere in the cache

    client.force_login(reviewer)
    assert client.post(action_url(page, "approve", open_state(page)), {}).status_code == 302
    page.refresh_from_db()
    assert page.live
    assert_shown_everywhere(hot_news_urls(page), "審核後上線的消息")

    # A newer draft of the live page, submitted: the site keeps showing the live version.
    editor_client = Client()
    editor_client.force_login(editor)
    data = page_form_data("審核後的第二版", page.slug)
    data["action-submit"] = "1"
    assert editor_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    prime(hot_news_urls(page))
    assert_shown_everywhere(hot_news_urls(page), "審核後上線的消息", absent=["審核後的第二版"])
    assert client.post(action_url(page, "approve", open_state(page)), {"comment": "同意"}).status_code == 302
    assert_shown_everywhere(hot_news_urls(page), "審核後的第二版", absent=["審核後上線的消息"])


def test_unpublish_removes_the_page_everywhere(site_tree):
    page = make_page("hot_news", UNIT, title="即將下架的消息")
    urls = hot_news_urls(page)
    prime(urls)
    page.specific.unpublish()
    client = anonymous()
    assert client.get(urls[0]).status_code == 404
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    for url in urls[1:-1]:
        assert "即將下架的消息" not in body(client.get(url)), url
    assert not any(loc.endswith(page.url_path.split("/", 2)[-1]) for loc in sitemap_locs() if page.slug in loc)


def test_a_move_shows_the_page_in_its_new_section_only(site_tree):
    page = make_page("hot_news", UNIT, title="搬家的消息")
    old_url, old_section = page.url, section()
    new_section = section("TW-KHH")
    prime([old_url, old_section.url, new_section.url, "/hot-news/", f"/api/v2/pages/{page.pk}/"])

    page.move(new_section, pos="last-child")
    page = HotNewsPage.objects.get(pk=page.pk)
    client = anonymous()
    moved = client.get(old_url)  # Wagtail's automatic redirect to the new place
    assert moved.status_code == 301 and moved.url == page.url and "X-Page-Cache" not in moved
    assert "搬家的消息" not in body(client.get(old_section.url))
    assert "搬家的消息" in body(client.get(new_section.url))
    detail = client.get(page.url)
    assert detail.status_code == 200 and "高雄市政府" in body(detail)
    assert "高雄市政府" in body(client.get("/hot-news/"))
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["unit"]["code"] == "TW-KHH"


def test_a_deleted_page_is_gone_everywhere(site_tree):
    page = make_page("hot_news", UNIT, title="將被刪除的消息")
    urls = hot_news_urls(page)
    prime(urls)
    Page.objects.get(pk=page.pk).delete()
    client = anonymous()
    assert client.get(urls[0]).status_code == 404
    for url in urls[1:-1]:
        assert "將被刪除的消息" not in body(client.get(url)), url


def test_a_translations_publish_shows_on_the_english_site(site_tree):
    translate_site_tree("en")
    en = Locale.objects.get(language_code="en")
    page = make_page("hot_news", UNIT, title="中文消息")
    prime(["/en/", "/en/hot-news/", "/en/hot-news/rss/"])
    copy = page.copy_for_translation(en).specific
    copy.title = "Taichung job fair"
    revision = copy.save_revision()
    for url in ("/en/", "/en/hot-news/"):
        assert "Taichung job fair" not in body(anonymous().get(url))  # a draft translation
    revision.publish()
    assert_shown_everywhere(["/en/", "/en/hot-news/", "/en/hot-news/rss/"], "Taichung job fair")


def test_scheduled_publishing_and_expiry_reach_the_cache(site_tree):
    """``publish_scheduled`` publishes through ``Revision.publish`` (``page_published``) and
    unpublishes expired pages (``page_unpublished``)."""
    page = make_page("hot_news", UNIT, title="排程上線前", slug="scheduled")
    page = page.specific
    page.title = "排程上線後"
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled, not live yet
    page.refresh_from_db()
    assert page.title == "排程上線前"
    prime([page.url, "/hot-news/"])
    # The hour has passed (moved back rather than waited for).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=revision.content)
    call_command("publish_scheduled", verbosity=0)
    assert_shown_everywhere([page.url, "/hot-news/"], "排程上線後", absent=["排程上線前"])

    HotNewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    prime([page.url])  # the update above sent no signal: still cached, as it should be
    call_command("publish_scheduled", verbosity=0)
    assert anonymous().get(page.url).status_code == 404


def test_a_unit_rename_and_a_document_or_site_change_start_a_new_generation(site_tree):
    page = make_page("hot_news", UNIT, title="單位改名")
    prime([page.url, "/hot-news/"])
    unit = Unit.objects.get(code=UNIT)
    unit.name_zh = "臺中市政府（改名後）"
    unit.save()
    assert_shown_everywhere([page.url, "/hot-news/"], "臺中市政府（改名後）")

    cache = keys.page_cache()
    for change in (
        lambda: Site.objects.get(is_default_site=True).save(),
        lambda: PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN),
    ):
        before = keys.current_generation(cache)["token"]
        change()
        assert keys.current_generation(cache)["token"] != before


def test_document_and_image_changes_start_a_new_generation(site_tree):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from tests.image_files import png_with_text

    cache = keys.page_cache()
    before = keys.current_generation(cache)["token"]
    document = get_document_model().objects.create(title="辦法", file=ContentFile(b"%PDF-1.4\n%%EOF\n", "rule.pdf"))
    assert keys.current_generation(cache)["token"] != before
    before = keys.current_generation(cache)["token"]
    document.title = "辦法（修正）"
    document.save()
    assert keys.current_generation(cache)["token"] != before
    before = keys.current_generation(cache)["token"]
    image = get_image_model().objects.create(title="照片", file=ContentFile(png_with_text(), "photo.png"))
    assert keys.current_generation(cache)["token"] != before
    before = keys.current_generation(cache)["token"]
    image.delete()
    assert keys.current_generation(cache)["token"] != before


def test_a_private_page_is_never_cached(site_tree):
    page = make_page("hot_news", UNIT, title="只給密碼的人看", summary="密碼保護的摘要")
    prime([page.url, "/hot-news/"])
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret-pass-1"
    )
    client = anonymous()
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert "密碼保護的摘要" not in body(response) and "csrfmiddlewaretoken" in body(response)
        assert "private" in response["Cache-Control"]
        assert "密碼保護的摘要" not in body(client.get("/hot-news/"))
    assert not any("密碼保護的摘要" in text for text in stored_bodies(current_only=True))


# --- drafts, people, previews, forms --------------------------------------------------------


def test_a_draft_never_enters_the_cache_nor_shows(site_tree, client, django_user_model):
    page = make_page("hot_news", UNIT, title="上線中的版本")
    draft_only = make_page("hot_news", UNIT, title="從未發布的草稿", live=False, publish=False)
    prime(hot_news_urls(page))
    new_revision(page, title="尚未發布的草稿版本")
    assert_shown_everywhere(hot_news_urls(page), "上線中的版本", absent=["尚未發布的草稿版本", "從未發布的草稿"])
    assert anonymous().get(f"/units/{UNIT.lower()}/{draft_only.slug}/").status_code == 404

    # The editor's view of the draft and the preview: never stored, never served to others.
    admin = django_user_model.objects.create_superuser("pc-preview", "pc-preview@example.test", "x" * 16)
    client.force_login(admin)
    draft_view = client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert draft_view.status_code == 200 and "尚未發布的草稿版本" in body(draft_view)
    assert "X-Page-Cache" not in draft_view
    assert "no-store" in draft_view["Cache-Control"] and "private" in draft_view["Cache-Control"]
    assert client.get(page.url).get("X-Page-Cache") is None
    assert_shown_everywhere([page.url], "上線中的版本", absent=["尚未發布的草稿版本"])
    for text in stored_bodies():
        assert "尚未發布的草稿版本" not in text and "從未發布的草稿" not in text


def test_a_signed_in_user_neither_gets_nor_fills_the_cache(site_tree, client, django_user_model):
    page = make_page("hot_news", UNIT, title="給大家看的消息")
    user = django_user_model.objects.create_superuser("pc-user", "pc-user@example.test", "x" * 16)
    client.force_login(user)
    signed_in = client.get(page.url)
    assert signed_in.status_code == 200 and "X-Page-Cache" not in signed_in
    assert "private" in signed_in["Cache-Control"] and "no-store" in signed_in["Cache-Control"]
    assert stored_bodies() == []
    assert anonymous().get(page.url)["X-Page-Cache"] == "miss"  # the signed-in GET filled nothing

    get_twice(anonymous(), page.url)  # now cached for anonymous visitors …
    again = client.get(page.url)  # … but the signed-in user still gets a fresh page
    assert "X-Page-Cache" not in again and "private" in again["Cache-Control"]


@pytest.mark.parametrize("cookie", [django_settings.SESSION_COOKIE_NAME, "messages"])
def test_a_request_with_a_session_or_messages_cookie_bypasses_the_cache(site_tree, cookie):
    page = make_page("hot_news", UNIT)
    get_twice(anonymous(), page.url)
    client = anonymous()
    client.cookies[cookie] = "anything"
    response = client.get(page.url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    client.cookies.clear()
    client.cookies[cookie] = "anything"
    caches["pagecache"].clear()
    client.get(page.url)
    assert stored_bodies() == []


def test_the_public_application_form_is_never_cached_and_keeps_its_csrf_token(site_tree):
    client = anonymous()
    tokens = []
    for url in ("/account-application/", "/en/account-application/", "/account-application/"):
        response = client.get(url)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert "csrfmiddlewaretoken" in body(response)
        assert "private" in response["Cache-Control"]
        tokens.append(response.cookies.get(django_settings.CSRF_COOKIE_NAME))
    assert stored_bodies() == []
    # A fresh visitor gets a cookie of its own (never another visitor's token).
    fresh = anonymous().get("/account-application/")
    assert fresh.cookies[django_settings.CSRF_COOKIE_NAME].value


def test_admin_and_posts_are_never_cached(site_tree):
    client = anonymous()
    login = client.get("/admin/login/")
    assert "X-Page-Cache" not in login and "no-store" in login["Cache-Control"]
    page = make_page("hot_news", UNIT)
    assert "X-Page-Cache" not in client.post(page.url, {})
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_redirects_and_not_found_are_not_cached(site_tree):
    client = anonymous()
    for url in ("/no-such-page/", "/hot-news"):
        first = client.get(url)
        assert first.status_code in (301, 404) and "X-Page-Cache" not in first
    assert stored_bodies() == []


# --- conditional GET and HEAD -----------------------------------------------------------------


def test_if_none_match_answers_304_until_the_page_changes(site_tree):
    page = make_page("hot_news", UNIT, title="條件式請求")
    client = anonymous()
    first = client.get(page.url)
    etag = first["ETag"]
    assert etag.startswith('"') and first["Last-Modified"]
    not_modified = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag and "public" in not_modified["Cache-Control"]
    assert client.get(page.url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200

    new_revision(page, title="條件式請求（改）").publish()
    changed = client.get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "條件式請求（改）" in body(changed)
    assert changed["ETag"] != etag


def test_if_modified_since_answers_304_only_for_the_current_generation(site_tree):
    page = make_page("hot_news", UNIT, title="依時間的條件式請求")
    cache = keys.page_cache()
    # The content was published a while ago (a generation begun ten seconds back).
    cache.set(keys.GENERATION_KEY, {"token": uuid.uuid4().hex, "at": time.time() - 10}, timeout=None)
    client = anonymous()
    first = client.get(page.url)
    last_modified = first["Last-Modified"]
    assert client.get(page.url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(page.url, HTTP_IF_MODIFIED_SINCE=http_date(time.time() - 3600)).status_code == 200

    new_revision(page, title="依時間的條件式請求（改）").publish()
    after = client.get(page.url, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert after.status_code == 200 and "依時間的條件式請求（改）" in body(after)


def test_head_is_answered_from_a_get_entry_and_never_fills_one(site_tree):
    page = make_page("hot_news", UNIT)
    client = anonymous()
    head = client.head(page.url)
    assert head.status_code == 200 and head.content == b""
    assert client.get(page.url)["X-Page-Cache"] == "miss"  # the HEAD stored nothing
    head = client.head(page.url)
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit" and head.content == b""
    assert int(head["Content-Length"]) == len(client.get(page.url).content)


# --- the clock --------------------------------------------------------------------------------


def test_an_entry_lives_no_longer_than_the_next_change_by_the_clock(site_tree):
    soon = timezone.now() + datetime.timedelta(seconds=2)
    event = make_page("event", UNIT, title="即將結束的活動", start_at=soon - datetime.timedelta(hours=1), end_at=soon)
    assert horizon.next_public_change(time.time()) <= soon.timestamp()
    client = anonymous()
    get_twice(client, "/events/")
    get_twice(client, event.url)
    time.sleep(max(0.0, soon.timestamp() - time.time()) + 0.2)
    assert client.get("/events/")["X-Page-Cache"] == "miss"
    assert client.get(event.url)["X-Page-Cache"] == "miss"
    assert EventPage.listing().filter(pk=event.pk, is_past=1).exists()


def test_announcements_listing_changes_at_taipei_midnight():
    from site45.news.models import AnnouncementPage

    now = timezone.make_aware(datetime.datetime(2026, 3, 1, 23, 59, 59))
    midnight = AnnouncementPage.next_public_change(now)
    assert timezone.localtime(midnight) == timezone.make_aware(datetime.datetime(2026, 3, 2, 0, 0))
    assert AnnouncementPage.next_public_change(midnight) == midnight + datetime.timedelta(days=1)


# --- several nodes on one Redis ---------------------------------------------------------------

REDIS_URL = os.environ.get("TEST_PAGECACHE_REDIS_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture
def redis_page_cache(settings):
    """The page cache on Redis (db 3) under a prefix of this test's own, deleted afterwards."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except Exception as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is needed in CI: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    prefix = f"test-pagecache-{uuid.uuid4().hex[:12]}"
    config = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    settings.CACHES = {**settings.CACHES, "pagecache": config}
    yield config
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def other_node(config):
    """A second, independent cache client on the same Redis: another app node."""
    from django_redis.cache import RedisCache

    return RedisCache(config["LOCATION"], {"KEY_PREFIX": config["KEY_PREFIX"]})


def test_two_nodes_on_one_redis_see_each_others_invalidation(site_tree, redis_page_cache):
    page = make_page("hot_news", UNIT, title="兩個節點")
    node_b = other_node(redis_page_cache)
    client = anonymous()
    get_twice(client, page.url)  # cached by this node in Redis
    token = keys.current_generation(node_b)["token"]
    assert keys.current_generation(keys.page_cache())["token"] == token

    # A publish on this node: node B's next read finds the entry stale.
    new_revision(page, title="兩個節點（第二版）").publish()
    assert keys.current_generation(node_b)["token"] != token
    assert "兩個節點（第二版）" in body(client.get(page.url))
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    # A change made on node B (its own cache client): this node serves the new rows at once.
    HotNewsPage.objects.filter(pk=page.pk).update(title="兩個節點（第三版）")
    keys.bump(cache=node_b, reason="published on node B")
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss" and "兩個節點（第三版）" in body(response)
    for key in (keys.GENERATION_KEY,):
        assert node_b.get(key) == keys.page_cache().get(key)


# --- a CDN in front ---------------------------------------------------------------------------

PURGED = []


class RecordingBackend:
    """A frontend cache backend that records what it is asked to purge (stands in for a CDN)."""

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge(self, url):
        PURGED.append(url)

    def purge_batch(self, urls):
        PURGED.extend(urls)


def test_a_publish_purges_the_page_and_the_pages_listing_it_from_a_cdn(
    site_tree, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.pagecache.test_page_cache.RecordingBackend"}}
    page = make_page("hot_news", UNIT, title="給 CDN 的消息")
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new_revision(page, title="給 CDN 的消息（改）").publish()
    paths = {urlsplit(url).path for url in PURGED}
    for expected in (page.url, "/", "/hot-news/", "/hot-news/rss/", section().url, "/sitemap.xml", "/api/v2/pages/"):
        assert expected in paths, (expected, sorted(paths))


def test_frontend_cache_and_page_cache_settings_from_the_environment():
    from django.core.exceptions import ImproperlyConfigured

    from site45.core.cache_config import (
        LOCMEM,
        REDIS,
        cache_settings,
        frontend_cache_settings,
    )

    assert frontend_cache_settings("") == {}
    assert frontend_cache_settings("http://purge.internal:8080")["default"]["LOCATION"] == "http://purge.internal:8080"
    cloudflare = '{"cf": {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend", "ZONEID": "z"}}'
    assert frontend_cache_settings(cloudflare)["cf"]["ZONEID"] == "z"
    for bad in ("not json", "[1, 2]", '{"cf": {"ZONEID": "z"}}'):
        with pytest.raises(ImproperlyConfigured):
            frontend_cache_settings(bad)

    assert cache_settings("")["pagecache"]["BACKEND"] == LOCMEM
    shared = cache_settings("redis://cache:6379/0")
    assert shared["pagecache"]["BACKEND"] == shared["default"]["BACKEND"] == REDIS
    assert shared["pagecache"]["KEY_PREFIX"] != shared["default"]["KEY_PREFIX"]
    own = cache_settings("redis://cache:6379/0", "redis://pages:6379/1")
    assert own["pagecache"]["LOCATION"] == "redis://pages:6379/1"
    only_pages = cache_settings("", "redis://pages:6379/1")
    assert only_pages["default"]["BACKEND"] == LOCMEM and only_pages["pagecache"]["BACKEND"] == REDIS
    with pytest.raises(ImproperlyConfigured):
        cache_settings("", "memcached://x")
