"""The read-only headless API (Wagtail API v2 at /api/v2/): live, public content only."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from site45.home.models import PageAttachment
from tests.factories import REQUIRED_FIELDS, make_page

MODEL_LABELS = {
    code: f"{model._meta.app_label}.{model.__name__}" for code, (model, _defaults) in REQUIRED_FIELDS.items()
}


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def get(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, params, response.status_code, response.content[:300])
    return response.json()


def listed(client, **params):
    return {item["id"] for item in get(client, "/api/v2/pages/", **params)["items"]}


@pytest.fixture
def hidden(site_tree):
    """A live page and four pages that must never leak, all with 博覽會 in the body."""
    live = make_page("event", title="公開的活動", body=body("中高齡就業博覽會"))
    draft = make_page("event", publish=False, live=False, title="草稿活動", body=body("中高齡就業博覽會"))
    unpublished = make_page("event", title="已下架活動", body=body("中高齡就業博覽會"))
    unpublished.unpublish()
    private = make_page("event", title="密碼保護活動", body=body("中高齡就業博覽會"))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    return {"live": live, "draft": draft, "unpublished": unpublished, "private": private}


# --- never drafts, unpublished or private pages ------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"type": "news.EventPage"},
        {"search": "博覽會"},
        {"type": "news.EventPage", "search": "博覽會"},
        {"county": "TW-TXG"},
        {"unit": "wda-dsted"},
        {"type": "news.EventPage", "county": "TW-TXG"},
    ],
)
def test_listing_shows_only_live_public_pages(client, hidden, params):
    ids = listed(client, limit=100, **params)
    assert hidden["live"].pk in ids
    for name in ("draft", "unpublished", "private"):
        assert hidden[name].pk not in ids, name


@pytest.mark.django_db
def test_detail_and_find_show_only_live_public_pages(client, hidden):
    live = hidden["live"]
    assert get(client, f"/api/v2/pages/{live.pk}/")["title"] == "公開的活動"
    found = client.get("/api/v2/pages/find/", {"html_path": live.url})
    assert found.status_code == 302 and f"/api/v2/pages/{live.pk}/" in found["Location"], found["Location"]

    for name in ("draft", "unpublished", "private"):
        page = hidden[name]
        get(client, f"/api/v2/pages/{page.pk}/", status=404)
        path = "/" + "/".join(page.url_path.strip("/").split("/")[1:]) + "/"
        assert client.get("/api/v2/pages/find/", {"html_path": path}).status_code == 404, name
        assert client.get("/api/v2/pages/find/", {"id": page.pk}).status_code == 404, name


@pytest.mark.django_db
def test_a_newer_draft_revision_never_shows(client, site_tree):
    page = make_page("hot_news", title="已發布標題", body=body("已發布的內文"))
    page.title = "草稿標題"
    page.body = body("草稿的內文")
    page.save_revision()
    detail = get(client, f"/api/v2/pages/{page.pk}/")
    assert detail["title"] == "已發布標題"
    assert "已發布的內文" in str(detail["body"]) and "草稿" not in str(detail["body"])
    items = get(client, "/api/v2/pages/", type="news.HotNewsPage", fields="title,body")["items"]
    assert [i["title"] for i in items if i["id"] == page.pk] == ["已發布標題"]
    assert page.pk not in listed(client, search="草稿")
    assert page.pk in listed(client, search="已發布")


# --- fields and the owning unit ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(REQUIRED_FIELDS))
def test_every_type_serves_all_its_fields(client, site_tree, code):
    page = make_page(code, unit_code="TW-TXG" if code in ("hot_news", "event") else "wda-dsted", summary="摘要")
    data = get(client, "/api/v2/pages/", type=MODEL_LABELS[code], fields="*")
    item = next(i for i in data["items"] if i["id"] == page.pk)
    model = type(page)
    for field in model.api_fields:
        assert field.name in item, field.name
    assert item["summary"] == "摘要"
    assert item["unit"]["code"] == page.unit.code
    assert set(item["unit"]) == {"code", "name_zh", "name_en", "type"}
    assert item["meta"]["type"] == MODEL_LABELS[code]

    detail = get(client, f"/api/v2/pages/{page.pk}/")
    assert detail["unit"] == item["unit"]
    for field in model.api_fields:
        assert field.name in detail, field.name


@pytest.mark.django_db
def test_unit_is_serialised_with_its_code_names_and_type(client, site_tree):
    page = make_page("event", unit_code="TW-TXG")
    unit = get(client, f"/api/v2/pages/{page.pk}/")["unit"]
    assert unit == {"code": "TW-TXG", "name_zh": page.unit.name_zh, "name_en": page.unit.name_en, "type": "county"}


# --- filters -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_filter_by_type_county_and_unit(client, site_tree):
    txg_event = make_page("event", unit_code="TW-TXG", county="TW-TXG")
    khh_event = make_page("event", unit_code="TW-TXG", county="TW-KHH")
    txg_news = make_page("hot_news", unit_code="TW-TXG")
    dsted_case = make_page("success_case", county="TW-TXG")

    assert listed(client, type="news.EventPage") >= {txg_event.pk, khh_event.pk}
    assert txg_news.pk not in listed(client, type="news.EventPage")

    assert listed(client, county="TW-TXG") == {txg_event.pk, dsted_case.pk}
    assert listed(client, county="TW-TXG", type="news.EventPage") == {txg_event.pk}
    assert listed(client, county="TW-TXG", type="news.HotNewsPage") == set()

    assert listed(client, unit="TW-TXG") == {txg_event.pk, khh_event.pk, txg_news.pk}
    assert listed(client, unit="TW-TXG", type="news.HotNewsPage") == {txg_news.pk}
    assert listed(client, unit="TW-TXG", county="TW-KHH") == {khh_event.pk}
    assert listed(client, unit="wda-dsted", type="cases.SuccessCasePage") == {dsted_case.pk}

    assert listed(client, unit="no-such-unit") == set()
    assert listed(client, unit="no-such-unit", type="news.EventPage") == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"county": "TW-XXX"},
        {"county": "TW-XXX", "type": "news.EventPage"},
        {"type": "nope.Nope"},
        {"type": "news"},
        {"limit": "-1"},
        {"limit": "abc"},
        {"offset": "abc"},
        {"offset": "-3"},
        {"limit": "100000"},
        {"order": "no_such_field"},
        {"no_such_parameter": "1"},
        {"type": "news.EventPage", "fee": "abc"},
        {"search": "就" * 101},
        {"search": "就業\x00"},
        {"search": "就業", "search_operator": "xor"},
        {"fields": "no_such_field"},
    ],
)
def test_bad_parameters_are_400_not_500(client, site_tree, params):
    make_page("event")
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400, (params, response.status_code, response.content[:300])
    assert "message" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("q", ['"', "'", "*", "(", "a:b", "!x", "&", "|", "\\", "、", "就" * 100])
def test_search_with_syntax_characters_is_not_an_error(client, site_tree, q):
    make_page("hot_news", body=body("中高齡就業博覽會"))
    assert client.get("/api/v2/pages/", {"search": q}).status_code == 200


# --- attachments, images, documents ------------------------------------------------------


@pytest.fixture
def document(db):
    doc = get_document_model()(title="報名簡章")
    doc.file.save("brochure.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return doc


@pytest.fixture
def image(db):
    return get_image_model().objects.create(title="活動照片", file=get_test_image_file())


@pytest.mark.django_db
def test_hot_news_attachments_carry_their_document(client, site_tree, document, image):
    page = make_page("hot_news", cover_image=image, publish=False)
    page.attachments = [PageAttachment(document=document, title="簡章下載")]
    page.save_revision().publish()
    detail = get(client, f"/api/v2/pages/{page.pk}/")
    [attachment] = detail["attachments"]
    assert attachment["title"] == "簡章下載"
    assert attachment["document"]["id"] == document.pk
    assert attachment["document"]["meta"]["download_url"].endswith("brochure.pdf")
    assert detail["cover_image"]["id"] == image.pk
    assert detail["cover_image_thumbnail"]["width"] == 640

    doc = get(client, f"/api/v2/documents/{document.pk}/")
    assert doc["title"] == "報名簡章"
    img = get(client, f"/api/v2/images/{image.pk}/")
    assert img["title"] == "活動照片"


@pytest.mark.django_db
def test_images_and_documents_endpoints_respond(client, document, image):
    from site45.governance.permissions.unit_media import public_collection

    # files nothing uses are public only there (tests/governance/permissions/test_unit_media.py)
    shared = public_collection()
    for item in (document, image):
        item.collection = shared
        item.save()
    assert document.pk in {d["id"] for d in get(client, "/api/v2/documents/")["items"]}
    assert image.pk in {i["id"] for i in get(client, "/api/v2/images/")["items"]}
    get(client, "/api/v2/images/", limit="abc", status=400)
    get(client, "/api/v2/documents/", offset="-1", status=400)


# --- personal data -------------------------------------------------------------------------


@pytest.mark.django_db
def test_success_case_photo_needs_consent(client, site_tree, image):
    import datetime

    consent = {"photo_consent": True, "photo_consent_date": datetime.date(2025, 1, 1)}
    # The editor cannot save a photo without consent (SuccessCasePage.clean); consent withdrawn
    # later, or data imported around the form, must still not leak through the API.
    without = make_page("success_case", photo=image, **consent)
    type(without).objects.filter(pk=without.pk).update(photo_consent=False)
    other_image = get_image_model().objects.create(title="另一張", file=get_test_image_file())
    consented = make_page("success_case", photo=other_image, **consent)

    detail = get(client, f"/api/v2/pages/{without.pk}/")
    assert detail["photo"] is None and detail["photo_thumbnail"] is None
    assert "photo_consent" not in detail and "photo_consent_date" not in detail
    item = next(
        i
        for i in get(client, "/api/v2/pages/", type="cases.SuccessCasePage", fields="*")["items"]
        if i["id"] == without.pk
    )
    assert item["photo"] is None and item["photo_thumbnail"] is None
    assert listed(client, type="cases.SuccessCasePage", photo=image.pk) == set()
    # The image itself is not served either.
    get(client, f"/api/v2/images/{image.pk}/", status=404)
    assert image.pk not in {i["id"] for i in get(client, "/api/v2/images/")["items"]}

    detail = get(client, f"/api/v2/pages/{consented.pk}/")
    assert detail["photo"]["id"] == other_image.pk
    assert detail["photo_thumbnail"]["width"] == 640
    assert listed(client, type="cases.SuccessCasePage", photo=other_image.pk) == {consented.pk}
    get(client, f"/api/v2/images/{other_image.pk}/")


@pytest.mark.django_db
def test_no_owner_or_revision_data_is_exposed(client, site_tree):
    page = make_page("press_release")
    detail = get(client, f"/api/v2/pages/{page.pk}/")
    text = str(detail)
    for key in ("owner", "latest_revision", "locked_by", "password", "has_unpublished_changes"):
        assert f"'{key}'" not in text, key
    full = get(client, "/api/v2/pages/", type="news.PressReleasePage", fields="*")["items"][0]
    assert "owner" not in full and "latest_revision" not in full
