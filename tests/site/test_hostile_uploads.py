"""The hostile-file corpus, through the real views that take uploads.

Every file of ``tests/hostile_files.py`` — the reported bypasses of the old byte-pattern filter
(JavaScript in object streams under ASCIIHex, ASCII85, LZW, ``/Fl``, a padded dictionary, after
a 65 MB stream), every active name, decompression bombs, unreadable PDFs, ODF polyglots, lying
zip headers, macros and listeners wherever they sit — is refused with its zh-Hant message by

- an editor's 文件 → 新增 (``/admin/documents/add/``) and the multiple uploader, and
- the public account-application form's signed PDF (``applications.validate_pdf``, PDFs only),

and nothing is stored; the benign files of the same builders are accepted by both. The limits
(decompression budget, object count, ODF size) are tested at the boundary and one step past.
"""

import functools
import json

import pytest
from wagtail.documents.models import Document

from site45.core import uploads
from site45.governance.accounts.applications import AccountApplication
from tests.factories import add_document, root_collection, upload
from tests.hostile_files import (
    BENIGN_ODFS,
    BENIGN_PDFS,
    HOSTILE_ODFS,
    HOSTILE_PDFS,
    flate_bomb_stream,
    odf_package,
    pdf_with_object_stream,
)


@functools.cache
def built(table, case):
    name, make, *rest = {"pdf": HOSTILE_PDFS, "odf": HOSTILE_ODFS, "good-pdf": BENIGN_PDFS, "good-odf": BENIGN_ODFS}[
        table
    ][case]
    return name, make(), (rest[0] if rest else None)


def refused_on_page(response, message):
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page, page[page.find("error") :][:600]
    assert "error-message" in page or "errorlist" in page or "error" in page


# --- the editors' document library --------------------------------------------------------------


@pytest.mark.parametrize("case", list(HOSTILE_PDFS))
def test_hostile_pdfs_are_refused_by_the_document_upload(editor_client, case):
    name, data, message = built("pdf", case)
    refused_on_page(add_document(editor_client, name, data), message)
    assert not Document.objects.exists()


@pytest.mark.parametrize("case", list(HOSTILE_ODFS))
def test_hostile_odf_files_are_refused_by_the_document_upload(editor_client, case):
    name, data, message = built("odf", case)
    refused_on_page(add_document(editor_client, name, data), message)
    assert not Document.objects.exists()


@pytest.mark.parametrize("table, case", [("pdf", c) for c in HOSTILE_PDFS] + [("odf", c) for c in HOSTILE_ODFS])
def test_hostile_files_are_refused_by_the_multiple_uploader(editor_client, table, case):
    name, data, message = built(table, case)
    response = editor_client.post(
        "/admin/documents/multiple/add/", {"files[]": upload(name, data), "collection": root_collection()}
    )
    result = json.loads(response.content)
    assert result["success"] is False and message in result["error_message"]
    assert not Document.objects.exists()


@pytest.mark.parametrize("table, case", [("good-pdf", c) for c in BENIGN_PDFS] + [("good-odf", c) for c in BENIGN_ODFS])
def test_benign_files_of_the_same_builders_are_accepted(editor_client, table, case):
    name, data, _ = built(table, case)
    response = add_document(editor_client, name, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get().file.read() == data


# --- the public form's signed PDF ----------------------------------------------------------------


@pytest.mark.parametrize("case", list(HOSTILE_PDFS))
def test_hostile_pdfs_are_refused_by_the_application_form(filing, case):
    name, data, message = built("pdf", case)
    refused_on_page(filing(name, data), message)
    assert not AccountApplication.objects.exists()


@pytest.mark.parametrize("case", list(BENIGN_PDFS))
def test_benign_pdfs_are_accepted_by_the_application_form(filing, case):
    name, data, _ = built("good-pdf", case)
    assert filing(name, data).status_code == 302
    assert AccountApplication.objects.get().signed_form.read() == data


# --- limits at the boundary -------------------------------------------------------------------------


def decoded_size(data):
    """What the inspection decodes of ``data`` (it counts as it goes)."""
    inspection = uploads.PdfInspection(data)
    inspection.run()
    return inspection.decoded


def refusal(data):
    try:
        uploads.inspect_pdf(data)
    except uploads.PdfRefused as refused:
        return refused.code
    return None


def test_the_decompression_budget_is_refused_one_byte_past(monkeypatch):
    data = pdf_with_object_stream(
        hidden=(b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>",), streams_before=[flate_bomb_stream(2 * 1024 * 1024)]
    )
    total = decoded_size(data)
    assert total > 2 * 1024 * 1024  # the 2 MB stream was decoded and counted with the rest
    monkeypatch.setattr(uploads, "PDF_DECOMPRESSION_BUDGET", total)
    assert refusal(data) is None
    monkeypatch.setattr(uploads, "PDF_DECOMPRESSION_BUDGET", total - 1)
    assert refusal(data) == "too_large"


def test_the_object_count_is_refused_one_past(monkeypatch):
    data = pdf_with_object_stream(hidden=(b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>",) * 3)
    objects = 5 + 3 + 2  # five plain, three in the object stream, the object and xref streams
    monkeypatch.setattr(uploads, "PDF_MAX_OBJECTS", objects)
    assert refusal(data) is None
    monkeypatch.setattr(uploads, "PDF_MAX_OBJECTS", objects - 1)
    assert refusal(data) == "too_large"


def test_the_odf_size_is_counted_while_inflating_and_refused_one_byte_past(monkeypatch):
    data = odf_package(extra=[("Pictures/blank.bin", b"\x00" * 50_000)])
    inspection = uploads.OdfInspection(data, uploads.ODF_KINDS["odt"])
    inspection.run()
    monkeypatch.setattr(uploads, "ODF_MAX_UNCOMPRESSED", inspection.inflated)
    uploads.OdfInspection(data, uploads.ODF_KINDS["odt"]).run()
    monkeypatch.setattr(uploads, "ODF_MAX_UNCOMPRESSED", inspection.inflated - 1)
    with pytest.raises(uploads.OdfRefused) as refused:
        uploads.OdfInspection(data, uploads.ODF_KINDS["odt"]).run()
    assert refused.value.code == "too_large"


def test_a_1_gb_entry_with_a_false_size_is_refused_without_inflating_it():
    import time

    _name, data, _ = built("odf", "1 GB entry whose header says 1 KB")
    started = time.monotonic()
    with pytest.raises(uploads.OdfRefused):
        uploads.OdfInspection(data, uploads.ODF_KINDS["odt"]).run()
    assert time.monotonic() - started < 1  # inflating 1 GB takes seconds; one step past 1 KB does not


def encrypted_pdf(user_password="", javascript=False):
    """A one-page PDF encrypted with AES-256 by pypdf, opening with ``user_password`` (with a JavaScript open action)."""
    import io

    from pypdf import PdfReader, PdfWriter

    from tests.hostile_files import pdf_bytes

    source = pdf_with_object_stream() if javascript else pdf_bytes()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user_password, owner_password="owner-only", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_that_only_restricts_printing_is_read_and_accepted():
    assert refusal(encrypted_pdf()) is None


def test_a_pdf_with_an_open_password_is_refused_with_a_message(editor_client):
    refused_on_page(add_document(editor_client, "locked.pdf", encrypted_pdf(user_password="secret")), "設有開啟密碼")
    assert not Document.objects.exists()


def test_javascript_in_an_encrypted_pdf_is_refused():
    assert refusal(encrypted_pdf(javascript=True)) == "active"
