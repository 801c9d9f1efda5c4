"""The public templates render, in zh-Hant and English, with the accessibility furniture
(html lang, 導盲磚 access keys U/C/Z, skip link) and the key content of each page."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.embeds.blocks import EmbedValue
from wagtail.models import Locale
from wagtail.rich_text import RichText

from site45.cases.models import SuccessCasePage
from site45.governance.models import Unit
from site45.home.models import ContentIndexPage, SiteMapPage
from site45.home.tree import INDEX_SLUGS, translate_site_tree
from tests.budgets import BUDGETS
from tests.db_snapshot import built_once
from tests.factories import assert_shell, forget_cached_pages, make_page

CODES = list(INDEX_SLUGS)
PREFIX = {"zh": "", "en": "/en"}
UNIT = "wda-dsted"


@pytest.fixture(scope="module", autouse=True)
def english_site(django_db_setup, django_db_blocker):
    """The English skeleton (home, indexes, ~300 unit sections), copied once for the module.

    Every test here runs on a site with both languages, as production does; what a test adds
    is rolled back. (Copying it for each English test cost more than the rest of the module.)
    """
    with built_once(django_db_blocker, lambda: translate_site_tree("en")) as english_home:
        yield english_home


@pytest.fixture
def en_tree(english_site, site_tree):
    return english_site


@pytest.fixture
def en_locale(en_tree):
    return Locale.objects.get(language_code="en")


def translate(page, en_locale, title):
    """An English, published copy of a zh-Hant content page."""
    copy = page.copy_for_translation(en_locale).specific
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def unit_name(lang):
    unit = Unit.objects.get(code=UNIT)
    return (unit.name_en or unit.name_zh) if lang == "en" else unit.name_zh


def make_in(lang, code, en_locale=None, **fields):
    page = make_page(code, unit_code=UNIT, **fields)
    if lang == "en":
        page = translate(page, en_locale, f"English {code} page")
    return page


# --- home -------------------------------------------------------------------------------


def test_home_zh_shows_latest_of_each_type(site_tree, client):
    pages = {code: make_page(code, unit_code=UNIT, summary=f"{code} 摘要") for code in CODES}
    html = assert_shell(client.get("/"), "zh")
    assert "45+ 就業資源網" in html
    for code, page in pages.items():
        assert page.title in html
        assert f'href="/{INDEX_SLUGS[code]}/"' in html  # the "more" link
    assert "更多" in html
    assert unit_name("zh") in html
    # Footer: the agency and the 網站導覽 link.
    footer = html.split('id="Z"', 1)[1]
    assert "勞動部勞動力發展署" in footer
    assert 'href="/site-map/"' in footer
    # Main menu, language switch, search box, text size control.
    assert 'aria-label="主選單"' in html
    assert 'href="/en/"' in html and 'hreflang="en"' in html
    assert 'action="/search/"' in html and 'name="q"' in html
    for label in ("A−", "A", "A+"):
        assert f">{label}</button>" in html
    assert 'aria-label="放大文字"' in html


def test_home_en(en_tree, en_locale, client):
    page = make_in("en", "hot_news", en_locale)
    html = assert_shell(client.get("/en/"), "en")
    assert "45+ Employment Resource Network" in html
    assert page.title in html
    assert 'action="/en/search/"' in html
    assert 'href="/en/site-map/"' in html
    assert 'href="/"' in html  # back to 繁體中文
    assert 'href="/en/hot-news/"' in html


# --- content indexes ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("code", CODES)
def test_content_index_renders_with_and_without_filters(site_tree, client, code, lang, request):
    en_locale = request.getfixturevalue("en_locale") if lang == "en" else None
    page = make_in(lang, code, en_locale, summary="一段摘要")
    draft = make_page(code, unit_code=UNIT, publish=False, live=False)
    url = f"{PREFIX[lang]}/{INDEX_SLUGS[code]}/"

    html = assert_shell(client.get(url), lang)
    assert page.title in html
    assert draft.title not in html
    assert "一段摘要" in html
    assert unit_name(lang) in html
    assert f'href="{url}rss/"' in html
    assert '<label for="id_unit">' in html and 'id="id_unit"' in html

    filters = f"?unit={UNIT}&date_from=2000-01-01&date_to=2100-12-31"
    if page.has_county:
        filters += f"&county={page.county}"
        assert '<label for="id_county">' in html
    html = assert_shell(client.get(url + filters), lang)
    assert page.title in html

    other = Unit.objects.publishing().exclude(code=UNIT).order_by("code").first()
    html = assert_shell(client.get(url + f"?unit={other.code}"), lang)
    assert page.title not in html
    assert f'<option value="{other.code}" selected>' in html

    for bad in (
        "?county=XX&unit=%00&date_from=not-a-date",
        "?date_from=2020-01-02&date_to=2020-01-01",
        "?page=999999999",
        "?page=-3",
        "?page=abc",
        "?page=0",
        "?page=" + "9" * 60,
    ):
        assert_shell(client.get(url + bad), lang)


def test_pagination_keeps_the_filters(site_tree, client):
    for n in range(12):
        make_page("hot_news", unit_code=UNIT, title=f"分頁測試{n}")
    html = assert_shell(client.get(f"/hot-news/?unit={UNIT}"), "zh")
    assert f'href="?unit={UNIT}&amp;page=2"' in html
    assert 'aria-current="page">1<' in html
    html = assert_shell(client.get(f"/hot-news/?unit={UNIT}&page=2"), "zh")
    assert f'href="?unit={UNIT}&amp;page=1"' in html
    assert "第 2 頁，共 2 頁" in html


@pytest.mark.parametrize(
    "number, shown",
    [
        (1, [1, 2, 3]),
        (2, [1, 2, 3, 4]),
        (3, [1, 2, 3, 4, 5]),
        (500, [498, 499, 500, 501, 502]),
        (999, [997, 998, 999, 1000]),
        (1000, [998, 999, 1000]),
    ],
)
def test_pagination_links_a_few_neighbours_however_long_the_list(number, shown):
    """Flat cost: 1,000 pages of results render five numbered links, not a loop over 1,000."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page_obj = Paginator(range(10_000), 10).page(number)
    with translation.override("zh-hant"):
        html = render_to_string("includes/pagination.html", {"page_obj": page_obj, "filter_query": "q=x"})
    numbered = [int(n) for n in re.findall(r'page=(\d+)" aria-label=', html)]
    assert numbered == [n for n in shown if n != number]
    assert f'aria-current="page">{number}<' in html
    assert f"第 {number} 頁，共 1000 頁" in html
    assert ('href="?q=x&amp;page=1">' in html) == (number > 1)  # 第一頁
    assert ('href="?q=x&amp;page=1000">' in html) == (number < 1000)  # 最後一頁


def test_a_wrong_filter_leaves_the_valid_ones_working(site_tree, client):
    mine = make_page("hot_news", unit_code=UNIT, title="本單位的消息")
    other_unit = Unit.objects.publishing().exclude(code=UNIT).order_by("code").first()
    theirs = make_page("hot_news", unit_code=other_unit.code, title="別單位的消息")
    html = assert_shell(client.get(f"/hot-news/?unit={UNIT}&date_from=not-a-date"), "zh")
    assert mine.title in html and theirs.title not in html
    assert "輸入有效的日期" in html


def test_invalid_date_range_is_reported(site_tree, client):
    html = assert_shell(client.get("/hot-news/?date_from=2020-01-02&date_to=2020-01-01"), "zh")
    assert "起始日期不可晚於結束日期" in html


# --- detail pages ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("code", CODES)
def test_detail_page_of_every_type(site_tree, client, code, lang, request):
    en_locale = request.getfixturevalue("en_locale") if lang == "en" else None
    page = make_in(lang, code, en_locale, summary="詳細頁摘要")
    html = assert_shell(client.get(page.url), lang)
    assert page.url.startswith(PREFIX[lang] + "/units/")
    assert f"<h1>{page.title}</h1>" in html
    assert "詳細頁摘要" in html
    # The owning unit, linked to its section, and the page's date.
    assert unit_name(lang) in html
    assert f'href="{page.get_parent().url}"' in html
    date = page.listing_date
    if isinstance(date, datetime.datetime):
        date = timezone.localtime(date)
    assert f'datetime="{date.strftime("%Y-%m-%d")}' in html
    if page.has_county:
        with translation.override("en" if lang == "en" else "zh-hant"):
            assert str(page.county_label) in html
    # Breadcrumbs: home › units › unit › page.
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{PREFIX[lang]}/"' in crumbs and f'href="{PREFIX[lang]}/units/"' in crumbs
    assert 'aria-current="page"' in crumbs


@pytest.mark.parametrize("path, budget", [("/en/", "home"), ("/en/hot-news/", "index")])
def test_english_pages_stay_within_the_budgets(en_tree, client, settings, django_assert_max_num_queries, path, budget):
    """A second language costs no more queries than the first (tests/budgets.py)."""
    settings.PAGECACHE_ENABLED = False
    make_page("hot_news", unit_code=UNIT, title="預算測試")
    client.get(path)  # warm: site root paths, content types
    with django_assert_max_num_queries(BUDGETS[budget]):
        assert client.get(path).status_code == 200


def test_language_switch_links_to_translation_or_home(en_tree, en_locale, client):
    zh_page = make_page("hot_news", unit_code=UNIT)
    lonely = make_page("hot_news", unit_code=UNIT)
    en_page = translate(zh_page, en_locale, "Translated news")
    html = assert_shell(client.get(zh_page.url), "zh")
    assert f'<a href="{en_page.url}" hreflang="en" lang="en">English</a>' in html
    html = assert_shell(client.get(en_page.url), "en")
    assert f'<a href="{zh_page.url}" hreflang="zh-Hant-TW" lang="zh-Hant-TW">繁體中文</a>' in html
    html = assert_shell(client.get(lonely.url), "zh")
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html


def test_event_details(site_tree, client):
    page = make_page("event", unit_code="wda-dsted", fee=0, capacity=30, registration_url="https://example.org/reg")
    html = assert_shell(client.get(page.url), "zh")
    for text in ("臺中市政府大樓", "臺中市", "臺中市政府勞工局", "免費", "30 人", "前往報名"):
        assert text in html


@pytest.fixture
def image(db):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    return Image.objects.create(title="陳先生照片", file=get_test_image_file())


def test_success_case_photo_only_with_consent(site_tree, client, image):
    page = make_page("success_case", unit_code=UNIT)
    # A photo without consent cannot be saved through the model; force it in the database.
    SuccessCasePage.objects.filter(pk=page.pk).update(photo=image, photo_consent=False)
    html = assert_shell(client.get(page.url), "zh")
    assert "<img" not in html
    SuccessCasePage.objects.filter(pk=page.pk).update(photo_consent=True, photo_consent_date=datetime.date.today())
    forget_cached_pages()  # the update above sends no signal
    html = assert_shell(client.get(page.url), "zh")
    assert re.search(r'<img [^>]*alt="陳先生"', html)


def test_lecture_video_is_a_plain_link(site_tree, client):
    page = make_page("lecture", unit_code=UNIT, video_url="https://www.youtube.com/watch?v=abc123")
    html = assert_shell(client.get(page.url), "zh")
    assert 'href="https://www.youtube.com/watch?v=abc123"' in html
    assert "觀看講座影片" in html


def test_body_blocks_render_without_network(site_tree, client, image):
    body = [
        ("heading", "小標題文字"),
        ("paragraph", RichText("<p>段落文字</p>")),
        ("image", {"image": image, "alt_text": "就業博覽會現場", "caption": "現場照片"}),
        ("embed", EmbedValue("https://www.youtube.com/watch?v=xyz")),
    ]
    page = make_page("hot_news", unit_code=UNIT, body=body)
    html = assert_shell(client.get(page.url), "zh")
    assert '<h2 class="block-heading">小標題文字</h2>' in html
    assert "段落文字" in html
    assert re.search(r'<img [^>]*alt="就業博覽會現場"', html)
    assert "<figcaption>現場照片</figcaption>" in html
    assert 'href="https://www.youtube.com/watch?v=xyz"' in html


def test_attachments_are_listed(site_tree, client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from site45.home.models import PageAttachment

    page = make_page("announcement", unit_code=UNIT)
    doc = Document.objects.create(title="申請表", file=ContentFile(b"%PDF-1.4 test", name="form.pdf"))
    PageAttachment.objects.create(page=page, document=doc, title="申請表下載")
    html = assert_shell(client.get(page.url), "zh")
    assert "附件下載" in html and "申請表下載" in html and "PDF" in html


# --- units, site map, search, errors ----------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_units_index_and_unit_section(site_tree, client, lang, request):
    en_locale = request.getfixturevalue("en_locale") if lang == "en" else None
    page = make_in(lang, "event", en_locale)
    html = assert_shell(client.get(f"{PREFIX[lang]}/units/"), lang)
    assert unit_name(lang) in html
    assert f'href="{PREFIX[lang]}/units/{UNIT}/"' in html
    html = assert_shell(client.get(f"{PREFIX[lang]}/units/{UNIT}/"), lang)
    assert unit_name(lang) in html
    assert page.title in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_site_map_page(site_tree, client, lang, request):
    if lang == "en":
        request.getfixturevalue("en_tree")
    html = assert_shell(client.get(f"{PREFIX[lang]}/site-map/"), lang)
    assert "Alt+U" in html and "Alt+C" in html and "Alt+Z" in html
    for slug in INDEX_SLUGS.values():
        assert f'href="{PREFIX[lang]}/{slug}/"' in html
        assert f'href="{PREFIX[lang]}/{slug}/rss/"' in html
    assert f'href="{PREFIX[lang]}/units/"' in html


def test_search_zh(site_tree, client):
    page = make_page("hot_news", unit_code=UNIT, title="中高齡就業博覽會", summary="歡迎參加")
    html = assert_shell(client.get("/search/", {"q": "就業"}), "zh")
    assert page.title in html
    assert 'value="就業"' in html
    assert unit_name("zh") in html
    html = assert_shell(client.get("/search/"), "zh")
    assert 'id="search-page-q"' in html


def test_search_en(en_tree, en_locale, client):
    page = make_in("en", "hot_news", en_locale)
    html = assert_shell(client.get("/en/search/", {"q": "English"}), "en")
    assert page.title in html
    assert 'href="/search/?q=English"' in html  # the language switch keeps the query


def test_search_error_and_paging(site_tree, client):
    assert_shell(client.get("/search/", {"q": "長" * 101}), "zh", status=400)
    assert_shell(client.get("/search/", {"q": "就業", "page": "-1"}), "zh")
    assert_shell(client.get("/search/", {"q": "就業", "page": "99999"}), "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_404(site_tree, client, lang, request):
    if lang == "en":
        request.getfixturevalue("en_tree")
    html = assert_shell(client.get(f"{PREFIX[lang]}/no-such-page/"), lang, status=404)
    assert "找不到網頁" in html or "Page not found" in html
    # The language switch leads to the other language's home, not to another 404.
    other = {"zh": '<a href="/en/" hreflang="en"', "en": '<a href="/" hreflang="zh-Hant-TW"'}[lang]
    assert other in html


def test_500_needs_no_request_context_or_database():
    """No ``db`` fixture: any query would raise, so this also proves the page needs no database."""
    from django.views.defaults import server_error

    with translation.override("zh-hant"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="zh-Hant-TW">' in html
    for key in "UCZ":
        assert f'accesskey="{key}"' in html
    assert "勞動部勞動力發展署" in html


# --- static files -----------------------------------------------------------------------


def test_static_css_and_js():
    static = Path(settings.PROJECT_DIR) / "static"
    css = (static / "css" / "site.css").read_text()
    js = (static / "js" / "site.js").read_text()
    # Base size 20px, never below 18px; a visible focus ring; no imports or web fonts.
    assert "html { font-size: 125%" in css and "112.5%" in css
    assert ":focus-visible" in css
    assert "@import" not in css and "@font-face" not in css and "url(" not in css
    assert "localStorage" in js and "http" not in js


def test_every_page_type_has_a_template():
    from django.template.loader import get_template

    from site45.home.models import content_page_models

    for model in [*content_page_models().values(), ContentIndexPage, SiteMapPage]:
        get_template(model().get_template(RequestFactory().get("/")))
