"""Hostile input on the read-only API (/api/v2/pages/, images, documents).

Every documented parameter, every field filter of every content type (read from the
endpoints, not typed by hand) and unknown parameters get hostile values: each answer is a
JSON 200, or a 400/404 with a ``message``, never a 500.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site45.home.api import MAX_OFFSET, PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet
from site45.home.models import content_page_models
from tests.factories import REQUIRED_FIELDS, make_page
from tests.hostile import ATTACKS, HYPOTHESIS, assert_handled, hostile_values, huge_ints, send

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v2/pages/": PublicPagesAPIViewSet,
    "/api/v2/images/": PublicImagesAPIViewSet,
    "/api/v2/documents/": PublicDocumentsAPIViewSet,
}


def type_name(model):
    return f"{model._meta.app_label}.{model.__name__}"


def parameter_cases():
    """(endpoint, fixed params, hostile param) for every parameter each endpoint knows."""
    cases = []
    for url, viewset in ENDPOINTS.items():
        for name in sorted(viewset.known_query_parameters) + ["no_such_param"]:
            cases.append((url, {}, name))
        for name in sorted(viewset.find_query_parameters):
            cases.append((url + "find/", {}, name))
        if viewset is not PublicPagesAPIViewSet:
            for name in viewset.get_available_fields(viewset.model, db_fields_only=True):
                cases.append((url, {}, name))
    seen = set()
    for model in content_page_models().values():
        for name in PublicPagesAPIViewSet.get_available_fields(model, db_fields_only=True):
            if name not in seen:
                seen.add(name)
                cases.append(("/api/v2/pages/", {"type": type_name(model)}, name))
    return cases


CASES = parameter_cases()


@pytest.fixture
def api_site(site_tree):
    return {code: make_page(code) for code in REQUIRED_FIELDS}


def assert_api_answer(response):
    assert_handled(response, allowed=(200, 302, 400, 404))
    if response.status_code in (400, 404):
        assert response.json()["message"], (response.request["PATH_INFO"], response.request["QUERY_STRING"][:200])


def test_cases_cover_the_documented_parameters_and_our_filters():
    names = {name for _url, _fixed, name in CASES}
    assert {
        "limit",
        "offset",
        "fields",
        "order",
        "search",
        "type",
        "child_of",
        "descendant_of",
        "locale",
        "unit",
        "county",
        "id",
        "html_path",
        "start_at",
        "fee",
        "date",
        "no_such_param",
    } <= names


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_every_api_parameter_answers_every_attack(client, api_site, attack):
    for url, fixed, name in CASES:
        response = send(client, "get", url, {**fixed, name: ATTACKS[attack]})
        assert_api_answer(response)


@pytest.mark.parametrize("url", list(ENDPOINTS))
def test_unknown_parameter_is_a_400_with_a_message(client, api_site, url):
    response = client.get(url, {"no_such_param": "1"})
    assert response.status_code == 400
    assert "no_such_param" in response.json()["message"]


@pytest.mark.parametrize(
    "name,value,message",
    [
        ("unit", "a\x00b", "invalid character"),
        ("locale", "\x00", "invalid character"),
        ("search", "就業\x00", "invalid character"),
        ("offset", str(MAX_OFFSET + 1), "offset must be at most"),
        ("offset", "9" * 30, "offset must be at most"),
        ("offset", "-1", "offset must be a positive integer"),
        ("limit", "9" * 30, "limit cannot be higher than"),
        ("county", "<script>", "county must be one of"),
        ("first_published_at", "2026-02-30", "not a valid value for first_published_at"),
        ("format", "xml", "format must be one of"),
        ("child_of", "9" * 30, "parent page doesn't exist"),
        ("images:width", "9" * 30, "width is out of range"),
        ("documents:id", "abc", "not a valid value for id"),
    ],
)
def test_bad_values_get_a_400_that_says_why(client, api_site, name, value, message):
    endpoint, _sep, name = name.rpartition(":")
    response = client.get(f"/api/v2/{endpoint or 'pages'}/", {name: value})
    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.parametrize(
    "type_name_,field,value",
    [
        ("news.EventPage", "start_at", "2026-13-01"),
        ("news.HotNewsPage", "attachments", "abc"),
        ("news.EventPage", "capacity", "9" * 30),
        ("news.HotNewsPage", "date", "2026-02-30"),
        ("news.AnnouncementPage", "valid_until", "not a date"),
        ("news.EventPage", "fee", "abc"),
    ],
)
def test_field_filter_of_the_wrong_type_is_a_400(client, api_site, type_name_, field, value):
    response = client.get("/api/v2/pages/", {"type": type_name_, field: value})
    assert response.status_code == 400
    assert field in response.json()["message"]


def test_valid_filters_still_work(client, api_site):
    event = api_site["event"]
    response = client.get("/api/v2/pages/", {"type": "news.EventPage", "fee": "0", "offset": "0"})
    assert response.status_code == 200
    assert event.pk in [item["id"] for item in response.json()["items"]]
    response = client.get("/api/v2/pages/find/", {"id": str(event.pk)})
    assert response.status_code == 302


@pytest.mark.parametrize("value", ["abc", "-1", "0", "9" * 30, "1.5", "a\x00b"])
def test_find_with_a_bad_id_is_a_400_or_404(client, api_site, value):
    for url in ("/api/v2/pages/find/", "/api/v2/images/find/", "/api/v2/documents/find/"):
        response = client.get(url, {"id": value})
        assert response.status_code in (400, 404)
        assert response.json()["message"], (response.request["PATH_INFO"], response.request["QUERY_STRING"][:200])


@pytest.mark.parametrize("pk", ["0", "9" * 25, "-1", "abc"])
def test_detail_with_a_bad_id_is_a_404(client, api_site, pk):
    for url in ENDPOINTS:
        response = client.get(f"{url}{pk}/")
        assert response.status_code == 404


@HYPOTHESIS
@given(
    params=st.dictionaries(
        st.sampled_from(sorted({name for _u, _f, name in CASES})), st.one_of(hostile_values, huge_ints), max_size=4
    ),
    type_=st.sampled_from([None] + [type_name(m) for m in content_page_models().values()] + ["x.Y", "<b>"]),
)
def test_api_never_fails(client, api_site, params, type_):
    if type_ is not None:
        params = {**params, "type": type_}
    response = send(client, "get", "/api/v2/pages/", params)
    assert_api_answer(response)
