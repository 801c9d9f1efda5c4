"""Chinese full-text search: /search/?q=, the admin's page search and the API's ?search=.

Runs on whichever database DATABASE_URL names (SQLite FTS5 by default, PostgreSQL in CI),
through the real search backend (site45.search.backend) and the real index.
"""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from site45.search.views import MAX_QUERY_LENGTH
from tests.factories import make_page

SENTENCE = "歡迎參加本年度中高齡就業博覽會，現場提供上百個職缺。"


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


@pytest.fixture
def search_template(settings, tmp_path):
    """A stand-in for templates/search/search.html, used only while that template does not exist."""
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search.html").write_text(
        "{% for r in results %}{{ r.title }}\n{% endfor %}{{ error }}", encoding="utf-8"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]},
    ]


@pytest.fixture
def fair(site_tree):
    return make_page("hot_news", title="春季徵才活動", summary="為四十五歲以上求職者舉辦", body=body(SENTENCE))


def found(client, q, path="/search/"):
    response = client.get(path, {"q": q})
    assert response.status_code == 200, (q, response.status_code)
    return {page.pk for page in response.context["results"]}


# --- the public search page -------------------------------------------------------------


@pytest.mark.django_db
def test_a_word_inside_a_sentence_is_found(client, search_template, fair):
    assert fair.pk in found(client, "就業")
    assert fair.pk in found(client, "博覽會")
    assert fair.pk in found(client, "中高齡就業博覽會")
    assert fair.pk not in found(client, "博物館")
    assert fair.pk not in found(client, "就業服務站")


@pytest.mark.django_db
def test_title_summary_and_type_specific_fields_are_searched(client, search_template, site_tree):
    by_title = make_page("hot_news", title="銀髮人才媒合說明會")
    by_summary = make_page("hot_news", summary="這是一場職涯諮詢講座")
    event = make_page("event", venue="高雄展覽館三樓會議室", county="TW-KHH")
    employer = make_page("friendly_employer", practices="提供彈性工時與部分工時職缺")
    case = make_page("success_case", occupation="社區照顧服務員")
    lecture = make_page("lecture", speaker="王大同", speaker_title="退休人力資源專家")

    assert by_title.pk in found(client, "媒合")
    assert by_summary.pk in found(client, "職涯")
    assert event.pk in found(client, "展覽館")
    assert event.pk not in found(client, "博物館")
    assert employer.pk in found(client, "彈性工時")
    assert case.pk in found(client, "照顧服務")
    assert lecture.pk in found(client, "人力資源")


@pytest.mark.django_db
def test_mixed_chinese_and_english_query(client, search_template, site_tree):
    page = make_page("hot_news", body=body("2025 Job Fair：中高齡就業博覽會"))
    assert page.pk in found(client, "Job 就業")
    assert page.pk in found(client, "job fair 博覽會")
    assert page.pk in found(client, "2025就業")
    assert page.pk not in found(client, "Job 博物館")
    assert page.pk not in found(client, "Career 就業")


@pytest.mark.django_db
def test_single_character_query(client, search_template, fair):
    assert fair.pk in found(client, "覽")
    assert fair.pk not in found(client, "館")


@pytest.mark.django_db
def test_punctuation_and_spaces_in_the_query(client, search_template, fair):
    assert fair.pk in found(client, "中高齡、就業")
    assert fair.pk in found(client, "中高齡 就業")
    assert fair.pk in found(client, "「就業」")
    assert fair.pk in found(client, "  就業！ ")
    assert fair.pk not in found(client, "中高齡、博物館")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q", ['"', "'", "*", "(", ")", "a:b", "!x", "&", "|", "\\", "NEAR(", '就業"', "-就業", "、，。"]
)
def test_search_syntax_characters_never_break_the_query(client, search_template, fair, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200


@pytest.mark.django_db
def test_empty_query_lists_nothing(client, search_template, fair):
    for q in ("", "   "):
        response = client.get("/search/", {"q": q})
        assert response.status_code == 200
        assert list(response.context["results"]) == []
        assert response.context["error"] == ""
    assert client.get("/search/").status_code == 200


@pytest.mark.django_db
def test_a_too_long_query_is_refused_with_a_message(client, search_template, fair):
    assert MAX_QUERY_LENGTH == 100
    ok = client.get("/search/", {"q": "就" * 100})
    assert ok.status_code == 200
    response = client.get("/search/", {"q": "就" * 101})
    assert response.status_code == 400
    assert "100" in response.context["error"]
    assert list(response.context["results"]) == []


@pytest.mark.django_db
def test_a_nul_character_is_refused(client, search_template, fair):
    response = client.get("/search/", {"q": "就業\x00"})
    assert response.status_code == 400
    assert response.context["error"]
    assert list(response.context["results"]) == []


@pytest.mark.django_db
def test_drafts_and_unpublished_pages_are_never_found(client, search_template, site_tree):
    draft = make_page("hot_news", publish=False, live=False, body=body(SENTENCE))
    unpublished = make_page("hot_news", body=body(SENTENCE))
    unpublished.unpublish()
    live = make_page("hot_news", body=body(SENTENCE))
    results = found(client, "博覽會")
    assert live.pk in results
    assert draft.pk not in results
    assert unpublished.pk not in results


@pytest.mark.django_db
def test_a_private_page_is_not_found(client, search_template, site_tree):
    from wagtail.models import PageViewRestriction

    private = make_page("hot_news", body=body(SENTENCE))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    assert private.pk not in found(client, "博覽會")


@pytest.mark.django_db
def test_a_newer_draft_revision_is_not_searchable_but_publishing_it_is(client, search_template, fair):
    fair.body = body("銀髮族職場體驗營")
    fair.save_revision()  # a draft revision: the live page still says 博覽會
    assert fair.pk in found(client, "博覽會")
    assert fair.pk not in found(client, "體驗營")

    fair.get_latest_revision().publish()
    assert fair.pk not in found(client, "博覽會")
    assert fair.pk in found(client, "體驗營")


@pytest.mark.django_db
def test_each_language_searches_its_own_pages(client, search_template, site_tree):
    from site45.home.tree import translate_site_tree

    translate_site_tree("en")
    en = Locale.objects.get(language_code="en")
    zh_page = make_page("hot_news", title="Job fair 中文版", body=body(SENTENCE))
    en_page = make_page("hot_news", locale=en, title="Job fair for 45+", body=body("Meet employers 博覽會"))
    assert en_page.locale == en

    zh_results = found(client, "job")
    assert zh_page.pk in zh_results and en_page.pk not in zh_results

    en_results = found(client, "job", path="/en/search/")
    assert en_page.pk in en_results and zh_page.pk not in en_results
    # One request (a second identical one is answered by the page cache, without a context).
    en_cjk = found(client, "博覽會", path="/en/search/")
    assert en_page.pk in en_cjk and zh_page.pk not in en_cjk


@pytest.mark.django_db
def test_results_are_paginated(client, search_template, site_tree):
    pages = [make_page("hot_news", body=body(SENTENCE)) for _ in range(12)]
    first = client.get("/search/", {"q": "就業"})
    second = client.get("/search/", {"q": "就業", "page": 2})
    ids = {p.pk for p in first.context["results"]} | {p.pk for p in second.context["results"]}
    assert len(first.context["results"]) == 10
    assert ids == {p.pk for p in pages}
    assert client.get("/search/", {"q": "就業", "page": "abc"}).status_code == 200


# --- the queryset API, the admin and the headless API --------------------------------------


@pytest.mark.django_db
def test_queryset_search_and_autocomplete_use_bigrams(fair):
    live = Page.objects.live()
    assert fair.pk in {p.pk for p in live.search("就業")}
    assert fair.pk not in {p.pk for p in live.search("博物館")}
    assert fair.pk in {p.pk for p in live.autocomplete("博覽會")}
    assert fair.pk not in {p.pk for p in live.autocomplete("博物館")}
    assert fair.pk in {p.pk for p in live.search("就業 博物館", operator="or")}


@pytest.mark.django_db
def test_admin_page_search_finds_a_word_inside_a_sentence(client, fair):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(admin)
    with translation.override("zh-hant"):
        response = client.get("/admin/pages/search/", {"q": "就業"})
        assert response.status_code == 200
        assert "春季徵才活動" in response.content.decode()
        response = client.get("/admin/pages/search/", {"q": "博物館"})
        assert response.status_code == 200
        assert "春季徵才活動" not in response.content.decode()
        # Phrase syntax from the admin's search box works too.
        response = client.get("/admin/pages/search/", {"q": '"博覽會"'})
        assert "春季徵才活動" in response.content.decode()


@pytest.mark.django_db
def test_api_search_finds_a_word_inside_a_sentence(client, fair):
    def ids(**params):
        response = client.get("/api/v2/pages/", params)
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert fair.pk in ids(search="就業")
    assert fair.pk in ids(search="博覽會", type="news.HotNewsPage")
    assert fair.pk in ids(search="中高齡、就業")
    assert fair.pk not in ids(search="博物館")
    assert fair.pk not in ids(search="博覽會", type="news.EventPage")
    assert fair.pk in ids(search="就業", order="title")
    assert fair.pk in ids(search="博物館 博覽會", search_operator="or")
