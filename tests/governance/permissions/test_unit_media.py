"""Media belong to a unit, through the real admin views and public URLs.

- Each unit has its own collection; a county editor's uploads (add form, multiple uploader,
  chooser upload) land there whatever collection the form is sent.
- Another unit's editor sees none of the county's files in the image and document choosers and
  listings (a marker in the title), but does see the shared collection 「公開共用」.
- Anonymously, the API's images and documents endpoints (list and detail), the document serve
  view and the image original answer only for a file a live, public page uses or a shared
  one: a file used by a never-published draft, by nothing, by the newer draft of a live page,
  or by a page behind a view restriction is a 404 / absent. The owning unit's members still
  fetch their own draft's files; another unit's editor does not.
- The API listings cost the same number of queries for 2 and for 20 files.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, PageViewRestriction

from site45.governance.models import Unit
from site45.governance.permissions.grants import sync_unit_group, unit_group_name
from site45.governance.permissions.unit_media import PUBLIC_COLLECTION_NAME, public_collection, unit_collection
from site45.home.models import PageAttachment
from tests.factories import image_bytes, make_member, make_page, upload
from tests.hostile_files import pdf_bytes

Image = get_image_model()
Document = get_document_model()

COUNTY = "TW-TXG"
OTHER = "TW-TPE"
MARKER = "MARKERTXG7F3A 機密名冊"
SHARED = "共用素材SHARED-91c2"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def county_client(client, code=COUNTY, *roles):
    client.force_login(make_member(code, *roles))
    return client


def body_of(response):
    """The page, or the HTML a chooser sends inside JSON (with its Chinese unescaped)."""
    if response["Content-Type"].startswith("application/json"):
        return str(response.json())
    return response.content.decode()


def make_document(title, collection=None):
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save(f"{title[:6]}.pdf", ContentFile(pdf_bytes()), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def make_image(title, collection=None):
    return Image.objects.create(
        title=title, file=get_test_image_file(), collection=collection or Collection.get_first_root_node()
    )


# --- collections and uploads ----------------------------------------------------------------


@pytest.mark.django_db
def test_every_unit_has_its_collection_and_a_new_unit_gets_one(site_tree):
    for unit in Unit.objects.all():
        assert unit.media_collection is not None and unit.code in unit.media_collection.name
    unit = Unit.objects.create(
        code="new-county", name_zh="新設縣市", unit_type="county", jurisdiction_branch=Unit.objects.get(code="br-north")
    )
    unit.refresh_from_db()
    assert unit.media_collection.name == "新設縣市（new-county）"
    assert unit.media_collection.get_parent().is_root()


@pytest.mark.django_db
def test_unit_groups_hold_rights_on_their_collection_and_the_shared_one_only(site_tree):
    make_member(COUNTY)
    group = Group.objects.get(name=unit_group_name(Unit.objects.get(code=COUNTY)))
    root = Collection.get_first_root_node()
    GroupCollectionPermission.objects.create(  # the root grant of earlier versions
        group=group, collection=root, permission=GroupCollectionPermission.objects.first().permission
    )
    sync_unit_group(Unit.objects.get(code=COUNTY))
    rights = set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection_id", "permission__codename")
    )
    own = Unit.objects.get(code=COUNTY).media_collection_id
    shared = public_collection().pk
    assert rights == {(own, f"{a}_{m}") for a in ("add", "change", "choose") for m in ("image", "document")} | {
        (shared, f"choose_{m}") for m in ("image", "document")
    }

    make_member("wda-dsted")
    hq = Unit.objects.get(code="wda-dsted")
    hq_rights = set(
        GroupCollectionPermission.objects.filter(group__name=unit_group_name(hq)).values_list(
            "collection_id", "permission__codename"
        )
    )
    assert {(root.pk, "change_image"), (root.pk, "choose_document"), (hq.media_collection_id, "add_image")} <= hq_rights
    assert not {(root.pk, "add_image"), (shared, "add_image"), (shared, "add_document")} & hq_rights


@pytest.mark.django_db
def test_uploads_land_in_the_uploaders_unit_collection(client, site_tree):
    county_client(client)
    own = Unit.objects.get(code=COUNTY).media_collection
    root = Collection.get_first_root_node().pk
    response = client.post(
        "/admin/images/add/", {"title": "上傳圖", "file": upload("a.png", image_bytes()), "collection": root}
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/documents/add/", {"title": "上傳文件", "file": upload("a.pdf", pdf_bytes()), "collection": root}
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/images/multiple/add/", {"files[]": upload("b.png", image_bytes()), "collection": root}
    )
    assert response.json()["success"] is True
    response = client.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "選擇器上傳",
            "document-chooser-upload-file": upload("c.pdf", pdf_bytes()),
            "document-chooser-upload-collection": root,
        },
    )
    assert response.status_code == 200
    assert Image.objects.count() == 2 and Document.objects.count() == 2
    assert set(Image.objects.values_list("collection", flat=True)) == {own.pk}
    assert set(Document.objects.values_list("collection", flat=True)) == {own.pk}


@pytest.mark.django_db
def test_hq_special_uploads_land_in_its_own_collection_never_the_shared_one(client, site_tree):
    county_client(client, "wda-dsted")
    shared = public_collection()
    response = client.post(
        "/admin/documents/add/", {"title": "署內文件", "file": upload("a.pdf", pdf_bytes()), "collection": shared.pk}
    )
    assert response.status_code == 302
    assert Document.objects.get().collection == Unit.objects.get(code="wda-dsted").media_collection


@pytest.mark.django_db
def test_the_system_administrator_adds_to_the_shared_collection(client, site_tree):
    client.force_login(make_member("wda-dsted", "system_admin", account_role="wda_officer"))
    shared = public_collection()
    response = client.post(
        "/admin/documents/add/", {"title": "共用文件", "file": upload("a.pdf", pdf_bytes()), "collection": shared.pk}
    )
    assert response.status_code == 302
    assert Document.objects.get().collection == shared


@pytest.mark.django_db
def test_an_uploaded_images_file_name_and_renditions_cannot_be_guessed(client, site_tree):
    county_client(client)
    client.post("/admin/images/add/", {"title": "個案照片", "file": upload("王小明.png", image_bytes())})
    image = Image.objects.get()
    assert re.fullmatch(r"original_images/[0-9a-f]{16}-WangXiaoMing\.png", image.file.name), image.file.name
    rendition = image.get_rendition("width-50")
    assert re.fullmatch(r"images/[0-9a-f]{16}-WangXiaoMing\.width-50\.png", rendition.file.name), rendition.file.name
    assert image.file.name.split("/")[1][:16] != make_image("另一張").file.name.split("/")[1][:16]


# --- choosers and listings ------------------------------------------------------------------

ADMIN_VIEWS = [
    "/admin/images/",
    "/admin/images/?layout=list",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/",
    "/admin/images/chooser/results/?q=MARKERTXG7F3A",
    "/admin/documents/",
    "/admin/documents/chooser/",
    "/admin/documents/chooser/results/",
    "/admin/documents/chooser/results/?q=MARKERTXG7F3A",
]


@pytest.fixture
def county_and_shared_files(site_tree):
    own = unit_collection(Unit.objects.get(code=COUNTY))
    shared = public_collection()
    return {
        "county": [make_image(f"{MARKER} 圖", own), make_document(f"{MARKER} 文件", own)],
        "shared": [make_image(f"{SHARED} 圖", shared), make_document(f"{SHARED} 文件", shared)],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_VIEWS)
def test_another_units_editor_sees_shared_files_but_none_of_the_countys(client, county_and_shared_files, url):
    county_client(client, OTHER)
    response = client.get(url)
    assert response.status_code == 200
    body = body_of(response)
    assert MARKER not in body
    if "?q=" not in url:
        assert SHARED in body


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_VIEWS)
def test_the_countys_editor_sees_its_own_files(client, county_and_shared_files, url):
    county_client(client, COUNTY)
    assert MARKER in body_of(client.get(url))


@pytest.mark.django_db
def test_another_units_editor_cannot_open_the_countys_or_change_shared_files(client, county_and_shared_files):
    county_client(client, OTHER)
    image, document = county_and_shared_files["county"]
    shared_image, shared_document = county_and_shared_files["shared"]
    for url in (
        f"/admin/images/{image.pk}/",
        f"/admin/documents/edit/{document.pk}/",
        f"/admin/images/{shared_image.pk}/",
        f"/admin/documents/edit/{shared_document.pk}/",
        f"/admin/images/{image.pk}/delete/",
        f"/admin/documents/delete/{document.pk}/",
        f"/admin/images/usage/{image.pk}/",
        f"/admin/documents/usage/{document.pk}/",
        f"/admin/images/chooser/chosen/{image.pk}/",
        f"/admin/documents/chooser/chosen/{document.pk}/",
        f"/admin/images/chooser/chosen-multiple/?id={image.pk}",
        f"/admin/documents/chooser/chosen-multiple/?id={document.pk}",
        f"/admin/images/{image.pk}/preview/width-100/",
        image.file.url,
        document.url,
    ):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        assert MARKER not in body_of(response), url
        if "chosen-multiple" not in url:
            assert response.status_code != 200, url


@pytest.mark.django_db
def test_a_colleague_manages_the_units_files(client, county_and_shared_files):
    county_client(client, COUNTY)
    image, document = county_and_shared_files["county"]
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200
    assert client.get(f"/admin/documents/edit/{document.pk}/").status_code == 200


# --- the public side ------------------------------------------------------------------------


def attach(page, document):
    page.attachments = [PageAttachment(document=document, title="附件")]


@pytest.fixture
def files(site_tree):
    """One image and one document per case, each used (or not) as the case says."""
    own = unit_collection(Unit.objects.get(code=COUNTY))
    made = {
        case: (make_image(f"{case} 圖", own), make_document(f"{case} 文件", own))
        for case in (
            "unused",
            "never_published_draft",
            "draft_of_live_page",
            "restricted_page",
            "live_page",
            "live_body",
            "shared",
        )
    }

    image, document = made["never_published_draft"]
    draft = make_page("hot_news", unit_code=COUNTY, publish=False, cover_image=image)
    attach(draft, document)
    draft.save_revision()
    draft.save()

    live = make_page("hot_news", unit_code=COUNTY)
    image, document = made["draft_of_live_page"]
    live.cover_image = image  # what the editor's "save draft" does: a revision, the row unchanged
    attach(live, document)
    live.save_revision()

    image, document = made["restricted_page"]
    restricted = make_page("hot_news", unit_code=COUNTY, publish=False, cover_image=image)
    attach(restricted, document)
    restricted.save_revision().publish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    image, document = made["live_page"]
    page = make_page("hot_news", unit_code=COUNTY, publish=False, cover_image=image)
    attach(page, document)
    page.save_revision().publish()

    image, document = made["live_body"]
    make_page(
        "hot_news",
        unit_code=COUNTY,
        body=[
            ("image", {"image": image, "alt_text": "說明", "caption": ""}),
            ("document", {"document": document, "title": "下載"}),
        ],
    )

    shared = public_collection()
    for item in made["shared"]:
        item.collection = shared
        item.save()
    return made


HIDDEN = ["unused", "never_published_draft", "draft_of_live_page", "restricted_page"]
SERVED = ["live_page", "live_body", "shared"]


def api_ids(client, kind):
    response = client.get(f"/api/v2/{kind}/", {"limit": 50})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.django_db
def test_the_api_lists_and_serves_only_public_files(client, files):
    images, documents = api_ids(client, "images"), api_ids(client, "documents")
    for case in HIDDEN:
        image, document = files[case]
        assert image.pk not in images and document.pk not in documents, case
        assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404, case
        assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404, case
        assert client.get("/api/v2/images/find/", {"id": image.pk}).status_code == 404, case
    for case in SERVED:
        image, document = files[case]
        assert image.pk in images and document.pk in documents, case
        assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200, case
        assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 200, case


@pytest.mark.django_db
@pytest.mark.parametrize("case", HIDDEN + SERVED)
def test_documents_and_image_originals_are_served_only_when_public(client, files, case):
    image, document = files[case]
    expected = 200 if case in SERVED else 404
    response = client.get(document.url)
    assert document.url.startswith("/documents/") and response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    response = client.get(image.file.url)
    assert image.file.url.startswith("/media/original_images/") and response.status_code == expected
    if expected == 200:
        assert response["X-Content-Type-Options"] == "nosniff"
        image.file.open("rb")
        assert b"".join(response.streaming_content) == image.file.read()


@pytest.mark.django_db
def test_the_owning_unit_fetches_its_drafts_files_and_another_unit_does_not(client, files):
    image, document = files["never_published_draft"]
    county_client(client, COUNTY)
    assert client.get(document.url).status_code == 200
    assert client.get(image.file.url).status_code == 200
    client.logout()
    county_client(client, OTHER)
    assert client.get(document.url).status_code == 404
    assert client.get(image.file.url).status_code == 404
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_supervising_countys_reviewer_fetches_a_submitted_drafts_files(client, site_tree):
    point = "TW-TXG-silver-1"  # its drafts are reviewed by the Taichung county unit's reviewer
    editor = make_member(point)
    reviewer = make_member(COUNTY, "unit_reviewer", "editor")
    own = unit_collection(Unit.objects.get(code=point))
    document, image = make_document("據點附件", own), make_image("據點照片", own)
    page = make_page("hot_news", unit_code=point, publish=False)
    page.cover_image = image
    attach(page, document)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    client.force_login(reviewer)
    assert client.get(document.url).status_code == 200
    assert client.get(image.file.url).status_code == 200
    client.force_login(make_member(OTHER, "unit_reviewer", "editor"))
    assert client.get(document.url).status_code == 404
    assert client.get(image.file.url).status_code == 404


@pytest.mark.django_db
def test_unpublishing_takes_a_file_off_the_public_side(client, files):
    image, document = files["live_page"]
    from site45.news.models import HotNewsPage

    page = HotNewsPage.objects.get(cover_image=image)
    page.unpublish()
    assert client.get(document.url).status_code == 404
    assert client.get(image.file.url).status_code == 404
    assert image.pk not in api_ids(client, "images")


@pytest.mark.django_db
def test_a_success_case_photo_without_consent_is_not_public_even_when_shared(client, site_tree):
    import datetime

    photo = make_image("個案照片", public_collection())
    page = make_page(
        "success_case",
        unit_code="wda-dsted",
        photo=photo,
        photo_consent=True,
        photo_consent_date=datetime.date(2025, 1, 1),
    )
    type(page).objects.filter(pk=page.pk).update(photo_consent=False)  # consent withdrawn later
    assert photo.pk not in api_ids(client, "images")
    assert client.get(photo.file.url).status_code == 404


@pytest.mark.django_db
def test_a_shared_collection_renamed_in_the_admin_fails_closed(client, site_tree):
    shared = public_collection()
    document = make_document("曾經共用", shared)
    shared.name = "改名"
    shared.save()
    assert client.get(document.url).status_code == 404
    assert public_collection().name == PUBLIC_COLLECTION_NAME


# --- query bounds ---------------------------------------------------------------------------


def api_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"limit": 50})
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.json()["items"])


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["images", "documents"])
def test_the_api_listing_costs_the_same_for_2_and_20_files(client, site_tree, kind):
    own = unit_collection(Unit.objects.get(code=COUNTY))
    make = make_image if kind == "images" else make_document

    def add(count, start):
        for n in range(start, start + count):
            item = make(f"量測{n}", own)
            if kind == "images":
                make_page("hot_news", unit_code=COUNTY, cover_image=item)
            else:
                page = make_page("hot_news", unit_code=COUNTY, publish=False)
                attach(page, item)
                page.save_revision().publish()

    add(2, 0)
    client.get(f"/api/v2/{kind}/")  # warm caches (content types, site root)
    few, listed_few = api_queries(client, f"/api/v2/{kind}/")
    add(18, 2)
    client.get(f"/api/v2/{kind}/")  # the same warm-up (the page cache's once-per-publish horizon)
    many, listed_many = api_queries(client, f"/api/v2/{kind}/")
    assert (listed_few, listed_many) == (2, 20)
    assert many == few


# --- the admin API and deleting an attached file (found by the canary sweep) ---------------


def test_the_admin_api_lists_and_shows_only_files_the_user_may_choose(site_tree, client):
    """``/admin/api/main/images|documents/`` listed every unit's files to any admin user."""
    county = unit_collection(Unit.objects.get(code=COUNTY))
    other = unit_collection(Unit.objects.get(code="TW-KHH"))
    own_image, own_document = make_image("本單位圖 OWNIMG", county), make_document("本單位文件 OWNDOC", county)
    foreign_image, foreign_document = make_image(f"{MARKER} 圖", other), make_document(f"{MARKER} 文件", other)
    shared_image = make_image(f"{SHARED} 圖", public_collection())
    county_client(client, COUNTY)
    for kind, own, foreign in (("images", own_image, foreign_image), ("documents", own_document, foreign_document)):
        listing = client.get(f"/admin/api/main/{kind}/?limit=100")
        assert listing.status_code == 200
        text = body_of(listing)
        assert MARKER not in text and "本單位" in text
        assert client.get(f"/admin/api/main/{kind}/{foreign.pk}/").status_code == 404
        detail = client.get(f"/admin/api/main/{kind}/{own.pk}/")
        assert detail.status_code == 200 and MARKER not in body_of(detail)
    assert SHARED in body_of(client.get("/admin/api/main/images/?limit=100"))
    assert client.get(f"/admin/api/main/images/{shared_image.pk}/").status_code == 200


def test_deleting_a_file_a_page_attaches_is_refused_not_a_500(site_tree, client):
    """Wagtail's multiple-upload delete view let PageAttachment's protection become a 500."""
    county = unit_collection(Unit.objects.get(code=COUNTY))
    document = make_document("附件仍使用中", county)
    page = make_page("hot_news", unit_code=COUNTY, publish=False)
    attach(page, document)
    page.save()
    client.raise_request_exception = False
    county_client(client, COUNTY)
    response = client.post(f"/admin/documents/multiple/{document.pk}/delete/")
    assert response.status_code == 409
    assert "仍被頁面使用" in response.json()["error_message"]
    assert Document.objects.filter(pk=document.pk).exists()
