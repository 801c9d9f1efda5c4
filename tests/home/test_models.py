import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from site45.cases.models import SuccessCasePage
from site45.governance.models import Unit
from site45.home.models import ContentIndexPage, UnitPage
from site45.home.tree import section_for
from site45.news.models import AnnouncementPage, EventPage, HotNewsPage
from tests.factories import REQUIRED_FIELDS, make_page


@pytest.mark.parametrize("code", list(REQUIRED_FIELDS))
def test_owning_unit_is_the_sections_unit(site_tree, code):
    page = make_page(code, unit_code="wda-dsted")
    assert page.unit.code == "wda-dsted"
    assert page.get_parent().specific.unit == page.unit
    assert page.matrix_code == code


def test_owning_unit_follows_a_move_to_another_section(site_tree):
    page = make_page("hot_news", unit_code="TW-TXG")
    target = section_for(Unit.objects.get(code="TW-KHH"))
    page.move(target, pos="last-child")
    page.refresh_from_db()
    assert page.unit.code == "TW-KHH"


def test_owning_unit_cannot_be_typed_in(site_tree):
    field = HotNewsPage._meta.get_field("unit")
    assert field.editable is False


def test_event_end_before_start_is_refused(site_tree):
    now = timezone.now()
    page = EventPage(
        title="活動",
        slug="bad-event",
        start_at=now,
        end_at=now - datetime.timedelta(hours=1),
        venue="x",
        county="TW-TPE",
        organiser="x",
    )
    section = section_for(Unit.objects.get(code="TW-TPE"))
    with pytest.raises(ValidationError) as excinfo:
        section.add_child(instance=page)
    assert "end_at" in excinfo.value.message_dict
    assert not EventPage.objects.filter(slug="bad-event").exists()


def test_events_list_upcoming_first_then_past(site_tree):
    now = timezone.now()
    past = make_page(
        "event",
        unit_code="TW-TXG",
        start_at=now - datetime.timedelta(days=10),
        end_at=now - datetime.timedelta(days=9),
        registration_deadline=None,
    )
    later = make_page(
        "event",
        unit_code="TW-TXG",
        start_at=now + datetime.timedelta(days=20),
        end_at=now + datetime.timedelta(days=20, hours=2),
    )
    soon = make_page(
        "event",
        unit_code="TW-TXG",
        start_at=now + datetime.timedelta(days=2),
        end_at=now + datetime.timedelta(days=2, hours=2),
    )
    older = make_page(
        "event",
        unit_code="TW-TXG",
        start_at=now - datetime.timedelta(days=30),
        end_at=now - datetime.timedelta(days=29),
    )
    assert list(EventPage.listing()) == [soon, later, past, older]


def test_expired_announcement_leaves_listings_and_expires(site_tree):
    today = timezone.localdate()
    current = make_page(
        "announcement",
        announcement_date=today - datetime.timedelta(days=5),
        valid_until=today + datetime.timedelta(days=5),
    )
    open_ended = make_page("announcement", announcement_date=today)
    expired = make_page(
        "announcement",
        announcement_date=today - datetime.timedelta(days=30),
        valid_until=today - datetime.timedelta(days=1),
    )
    listed = list(AnnouncementPage.listing())
    assert current in listed and open_ended in listed
    assert expired not in listed
    assert current.expire_at is not None and timezone.localtime(current.expire_at).date() == today + datetime.timedelta(
        days=6
    )
    assert open_ended.expire_at is None
    current.valid_until = None
    current.save()
    assert current.expire_at is None


def test_announcement_validity_before_its_date_is_refused(site_tree):
    today = timezone.localdate()
    page = AnnouncementPage(
        title="公告", slug="bad-ann", announcement_date=today, valid_until=today - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        section_for(Unit.objects.get(code="wda-dsted")).add_child(instance=page)


def test_success_case_photo_needs_recorded_consent(site_tree):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="photo", file=get_test_image_file())
    fields = dict(REQUIRED_FIELDS["success_case"][1])
    page = SuccessCasePage(title="案例", slug="case-photo", photo=image, **fields)
    with pytest.raises(ValidationError) as excinfo:
        section_for(Unit.objects.get(code="wda-dsted")).add_child(instance=page)
    assert "photo_consent" in excinfo.value.message_dict
    ok = make_page("success_case", photo=image, photo_consent=True, photo_consent_date=timezone.localdate())
    assert ok.photo == image
    assert ok.public_photo == image
    ok.photo_consent = False
    assert ok.public_photo is None


def test_one_section_per_unit_and_language(site_tree):
    unit = Unit.objects.get(code="TW-TXG")
    units_index = UnitPage.objects.get(unit=unit, locale__language_code="zh-hant").get_parent()
    with pytest.raises(ValidationError):
        units_index.add_child(instance=UnitPage(title="重複", slug="dup", unit=unit))


def test_one_index_per_content_type_and_language(site_tree):
    with pytest.raises(ValidationError):
        site_tree.add_child(instance=ContentIndexPage(title="重複", slug="dup", matrix_code="event"))


@pytest.mark.parametrize(
    "name,accepted",
    [
        ("notice.pdf", True),
        ("notice.odt", True),
        ("sheet.ods", True),
        ("notice.docx", False),
        ("sheet.xlsx", False),
        ("run.exe", False),
    ],
)
def test_documents_accept_only_odf_and_pdf(site_tree, admin_client, name, accepted):
    """By name here; by content (a PDF named .odt is refused) in tests/core/test_uploads.py."""
    from wagtail.documents.models import Document

    from tests.factories import odf_bytes
    from tests.hostile_files import pdf_bytes

    content = {"odt": odf_bytes("text"), "ods": odf_bytes("spreadsheet")}.get(name.rsplit(".", 1)[1], pdf_bytes())
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    from wagtail.models import Collection

    # With a collection per unit (tests/governance/permissions/test_unit_media.py) a superuser picks one.
    root = Collection.get_first_root_node().pk
    response = admin_client.post("/admin/documents/add/", {"title": name, "file": upload, "collection": root})
    assert Document.objects.filter(title=name).exists() is accepted
    if not accepted:
        assert response.status_code == 200  # the form is shown again with the error


def test_deleting_an_attached_document_is_refused_without_an_error(site_tree, admin_client):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from site45.home.models import PageAttachment

    document = Document.objects.create(title="附件", file=ContentFile(b"%PDF-1.4", name="a.pdf"))
    PageAttachment.objects.create(page=make_page("hot_news"), document=document)
    assert admin_client.get(f"/admin/documents/delete/{document.pk}/").status_code == 200
    response = admin_client.post(f"/admin/documents/delete/{document.pk}/")
    assert response.status_code == 302
    assert Document.objects.filter(pk=document.pk).exists()
