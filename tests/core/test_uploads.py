"""Uploads are judged by content, not name, through the real admin views.

A Taichung editor uploads through 文件 → 新增 (``/admin/documents/add/``), the multiple
uploader (``/admin/documents/multiple/add/``, ``/admin/images/multiple/add/``), 圖片 → 新增 and
the document chooser's upload tab; a contact window uploads the signed PDF with the public
application form. Renamed files (an executable called .pdf, an HTML page or a plain zip
called .odt, a PNG called .pdf), active content (PDF JavaScript, ODF macros), a truncated PNG
and bomb-sized image headers are refused with zh-Hant messages and nothing is stored; real
PDF, ODT, ODS, PNG, JPEG and WebP files are accepted. Every file is made here.
"""

import io
import json
import zipfile
import zlib

import pytest
from PIL import features
from wagtail.documents.models import Document
from wagtail.images.models import Image

from site45.governance.accounts.applications import AccountApplication
from tests.factories import add_document, add_image, image_bytes, odf_bytes, png_with_header, root_collection, upload
from tests.hostile_files import JS_ACTION, pdf_bytes

# --- files made in the test ------------------------------------------------------------------


HIDDEN_JS = b"<< /Type /Action /S /J#61vaScript /JS (app.alert\\(1\\)) >>"  # #61 is "a"
COMPRESSED_JS = zlib.compress(b"<< /S /JavaScript /JS (this.exportDataObject\\(\\)) >>")
COMPRESSED_JS_OBJECT = (
    b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(COMPRESSED_JS) + COMPRESSED_JS + b"\nendstream"
)

#: (file name, bytes, a words of the expected message)
BAD_DOCUMENTS = {
    "exe renamed pdf": (
        "report.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode",
        "內容不是 PDF",
    ),
    "png renamed pdf": ("photo.pdf", image_bytes(), "內容不是 PDF"),
    "truncated pdf": ("cut.pdf", pdf_bytes()[:200], "內容不是 PDF"),
    "pdf javascript": ("script.pdf", pdf_bytes([JS_ACTION]), "含有可執行的內容（/JavaScript）"),
    "pdf javascript in escaped name": ("escaped.pdf", pdf_bytes([HIDDEN_JS]), "含有可執行的內容"),
    "pdf javascript in a compressed stream": ("packed.pdf", pdf_bytes([COMPRESSED_JS_OBJECT]), "含有可執行的內容"),
    "html renamed odt": ("page.odt", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "內容不是 ODF 文件"),
    "zip renamed odt": ("archive.odt", None, "內容不是 ODF 文件"),
    "odt with mimetype not first": ("late.odt", odf_bytes(mimetype_first=False), "內容不是 ODF 文件"),
    "odt with compressed mimetype": ("packed.odt", odf_bytes(compress_mimetype=True), "內容不是 ODF 文件"),
    "spreadsheet renamed odt": ("sheet.odt", odf_bytes("spreadsheet"), "與副檔名 .odt 不符"),
    "odt with a macro": ("macro.odt", odf_bytes(macro=True), "含有巨集"),
    "pdf renamed odt": ("notice.odt", pdf_bytes(), "內容不是 ODF 文件"),
    "docx": ("notice.docx", odf_bytes(), "只接受"),
}


def plain_zip():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    return out.getvalue()


GOOD_DOCUMENTS = {
    "pdf": ("notice.pdf", pdf_bytes()),
    "odt": ("notice.odt", odf_bytes("text")),
    "ods": ("sheet.ods", odf_bytes("spreadsheet")),
    "odp": ("slides.odp", odf_bytes("presentation")),
}


def document_file(case):
    name, data, *_ = BAD_DOCUMENTS.get(case) or GOOD_DOCUMENTS[case]
    return name, (plain_zip() if data is None else data)


BAD_IMAGES = {
    "truncated png": ("broken.png", image_bytes("PNG", (200, 200))[:300], "不是可讀取的圖片"),
    "decompression bomb header": ("bomb.png", png_with_header(100_000, 100_000), "圖片像素過多"),
    "over the pixel limit": (
        "huge.png",
        png_with_header(8_000, 8_000),
        "圖片像素過多（6400 萬像素），上限為 5000 萬像素",
    ),
    "pdf renamed png": ("photo.png", pdf_bytes(), "不是可讀取的圖片"),
    "html renamed jpg": ("photo.jpg", b"<html><script>alert(1)</script></html>", "不是可讀取的圖片"),
    "png renamed jpg": ("photo.jpg", image_bytes("PNG"), "圖片內容是 PNG，與副檔名 .jpg 不符"),
    "svg": ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', ""),
    "bmp": ("old.png", image_bytes("BMP"), "不接受這種圖片格式（BMP）"),
}

GOOD_IMAGES = {
    "png": ("photo.png", lambda: image_bytes("PNG")),
    "jpeg": ("photo.jpg", lambda: image_bytes("JPEG")),
    "webp": ("photo.webp", lambda: image_bytes("WEBP")),
}


# --- fixtures ---------------------------------------------------------------------------------


def multiple(client, kind, name, data):
    response = client.post(
        f"/admin/{kind}/multiple/add/", {"files[]": upload(name, data), "collection": root_collection()}
    )
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


# --- documents ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_bad_documents_are_refused_with_a_message(editor_client, case):
    name, data = document_file(case)
    message = BAD_DOCUMENTS[case][2]
    response = add_document(editor_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_bad_documents_are_refused_by_the_multiple_uploader(editor_client, case):
    name, data = document_file(case)
    result = multiple(editor_client, "documents", name, data)
    assert result["success"] is False and BAD_DOCUMENTS[case][2] in result["error_message"]
    assert not Document.objects.exists()


@pytest.mark.parametrize("case", list(GOOD_DOCUMENTS))
def test_real_odf_and_pdf_documents_are_accepted(editor_client, case):
    name, data = document_file(case)
    response = add_document(editor_client, name, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get().file.read() == data
    result = multiple(editor_client, "documents", name, data)
    assert result["success"] is True and Document.objects.count() == 2


def test_the_document_chooser_upload_checks_content(editor_client):
    response = editor_client.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "改名的執行檔",
            "document-chooser-upload-file": upload("a.pdf", b"MZ" + b"\x00" * 100),
            "document-chooser-upload-collection": root_collection(),
        },
    )
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["step"] == "reshow_creation_form" and "內容不是 PDF" in answer["htmlFragment"]
    assert not Document.objects.exists()


def test_the_document_size_limit_is_a_setting_named_in_mb(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024 * 1024
    data = pdf_bytes(text="x" * (1024 * 1024 + 600 * 1024))
    response = add_document(editor_client, "big.pdf", data)
    page = response.content.decode()
    assert "檔案太大（1.6 MB），上限為 1 MB。" in page and not Document.objects.exists()
    form = editor_client.get("/admin/documents/add/").content.decode()
    assert "檔案大小上限 1 MB" in form


def test_editing_a_document_with_a_renamed_file_keeps_the_old_file(editor_client):
    add_document(editor_client, "notice.pdf", pdf_bytes())
    document = Document.objects.get()
    response = editor_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": document.title, "file": upload("notice.pdf", b"MZ" + b"\x00" * 64), "collection": root_collection()},
    )
    assert response.status_code == 200 and "內容不是 PDF" in response.content.decode()
    document.refresh_from_db()
    assert document.file.read().startswith(b"%PDF-1.4")


# --- images ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(BAD_IMAGES))
def test_bad_images_are_refused_with_a_message(editor_client, case):
    name, data, message = BAD_IMAGES[case]
    response = add_image(editor_client, name, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "error-message" in page
    assert not Image.objects.exists()
    result = multiple(editor_client, "images", name, data)
    assert result["success"] is False and message in result["error_message"]
    assert not Image.objects.exists()


@pytest.mark.parametrize("case", list(GOOD_IMAGES))
def test_real_images_are_accepted(editor_client, case):
    name, make = GOOD_IMAGES[case]
    if case == "webp" and not features.check("webp"):
        pytest.skip("this Pillow has no WebP")
    response = add_image(editor_client, name, make())
    assert response.status_code == 302, response.content.decode()[:2000]
    result = multiple(editor_client, "images", name, make())
    assert result["success"] is True and Image.objects.count() == 2


def test_the_image_size_limit_is_a_setting_named_in_mb(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 512 * 1024
    data = image_bytes("PNG") + b"\x00" * (600 * 1024)  # trailing bytes after IEND: a valid PNG, too big
    response = add_image(editor_client, "big.png", data)
    assert "上限為 0.5 MB" in response.content.decode() and not Image.objects.exists()


# --- the signed application form ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("form.pdf", b"MZ\x90\x00" + b"\x00" * 100, "簽核申請表須為 PDF 檔案。"),
        ("form.pdf", image_bytes(), "簽核申請表須為 PDF 檔案。"),
        ("form.pdf", pdf_bytes([JS_ACTION]), "含有可執行的內容"),
    ],
)
def test_the_signed_application_pdf_is_checked_by_content(filing, name, data, message):
    response = filing(name, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not AccountApplication.objects.exists()


def test_a_real_signed_pdf_is_accepted(filing):
    response = filing("簽核.pdf", pdf_bytes())
    assert response.status_code == 302
    assert AccountApplication.objects.get().signed_form.read() == pdf_bytes()


def test_the_signed_pdf_limit_is_a_setting(settings):
    from django.core.exceptions import ValidationError

    from site45.governance.accounts.applications import validate_pdf

    settings.ACCOUNT_APPLICATION_MAX_UPLOAD_SIZE = 1024 * 1024
    with pytest.raises(ValidationError) as refused:
        validate_pdf(upload("form.pdf", pdf_bytes(text="x" * (2 * 1024 * 1024))))
    assert "超過上限 1 MB" in " ".join(refused.value.messages)
    validate_pdf(upload("form.pdf", pdf_bytes()))  # a small real one passes
