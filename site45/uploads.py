"""What an uploaded file *is*, judged by its content, never by its name (issue 5 item 7).

Editors upload documents (ODF and PDF only, SPEC §1) and images; contact windows upload the
signed application form (PDF). A file called ``x.pdf`` may be an executable, ``x.odt`` an HTML
page or any zip, ``x.png`` a truncated or bomb-sized picture. Each check here reads the bytes:

- **PDF** (``check_pdf``): the ``%PDF-x.y`` header at offset 0 and ``%%EOF`` in the last
  kilobyte (a renamed file or a cut-off transfer has not both). Active content is refused: the names
  ``/JavaScript``, ``/JS``, ``/Launch``, ``/EmbeddedFile``, ``/RichMedia`` — looked for in the
  raw bytes (with ``#xx`` name escapes decoded) and inside Flate-compressed streams, inflated
  with a budget so that a compressed bomb costs nothing. A published agency document or a scan
  of a signed form has none of these; a PDF that runs code on the reader's machine is not a
  document we publish.
- **ODF** (``check_odf``): a zip whose first entry is ``mimetype``, stored uncompressed, holding
  ``application/vnd.oasis.opendocument.<kind>`` of the kind the extension names (``.odt`` text,
  ``.ods`` spreadsheet, ``.odp`` presentation, ``.odg`` graphics), with ``content.xml`` and
  ``META-INF/manifest.xml``. **Macros are refused** (entries under ``Basic/`` or ``Scripts/``):
  the public downloads them, and a macro document is an infection route we need not offer.
  The zip's declared sizes must stay within a budget (zip bombs), and entry names may not climb
  out of the archive.
- **Images** (``check_image``): Pillow must recognise the format and it must be on the
  allow-list (JPEG, PNG, GIF, WebP — no SVG, which can carry script); width × height × frames
  within ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` *before* anything is decoded; ``verify()`` and a
  full decode must succeed (a truncated file fails).

Each failure is a ``ValidationError`` with a zh-Hant message a civil servant can act on. The
size limits are settings (``WAGTAILDOCS_MAX_UPLOAD_SIZE``, ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``,
``ACCOUNT_APPLICATION_MAX_UPLOAD_SIZE``); ``check_size`` names the limit in MB.

This module imports nothing from Wagtail or the models, so the governance app can use it for
the signed form without loading the content apps; the admin form classes that call it live in
``upload_forms.py``.
"""

import io
import os
import re
import warnings
import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024

#: Document extensions → what their content must be.
ODF_KINDS = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "odg": "application/vnd.oasis.opendocument.graphics",
}
#: Pillow format name → the file extensions that may carry it.
IMAGE_FORMATS = {"JPEG": {"jpg", "jpeg"}, "PNG": {"png"}, "GIF": {"gif"}, "WEBP": {"webp"}}
DEFAULT_MAX_IMAGE_PIXELS = 50_000_000

#: PDF names that make a document act rather than be read.
PDF_ACTIVE_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")
_PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_ACTIVE = re.compile(rb"(" + rb"|".join(re.escape(n) for n in PDF_ACTIVE_NAMES) + rb")(?![A-Za-z0-9])")
_PDF_FLATE_STREAM = re.compile(rb"/FlateDecode.{0,200}?stream\r?\n", re.S)
#: How much inflated PDF stream data is examined in all (more is not decompressed).
PDF_INFLATE_BUDGET = 64 * MB

#: ODF archives: the uncompressed total and the number of entries we accept.
ODF_MAX_UNCOMPRESSED = 200 * MB
ODF_MAX_ENTRIES = 5_000
ODF_MACRO_FOLDERS = ("Basic/", "Scripts/")


def megabytes(size):
    """``10485760`` → ``"10"``, ``1572864`` → ``"1.5"``: the limit as people write it."""
    value = size / MB
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def read_all(upload, limit=None):
    """The upload's bytes (at most ``limit``), leaving its position where it was."""
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        data = upload.read() if limit is None else upload.read(limit)
    finally:
        if position is not None:
            upload.seek(position)
    if isinstance(data, str):
        data = data.encode("latin-1", "replace")
    return data


def check_size(upload, limit, message=None):
    """Refuse a file larger than ``limit`` bytes, naming the limit (and the file's size) in MB."""
    if limit is None:
        return
    size = getattr(upload, "size", None)
    if size is None:
        size = len(read_all(upload))
    if size > limit:
        raise ValidationError(
            message or _("檔案太大（%(size)s MB），上限為 %(limit)s MB。"),
            code="file_too_large",
            params={"size": megabytes(size), "limit": megabytes(limit)},
        )


# --- PDF ---------------------------------------------------------------------------------------


def is_pdf(data):
    """Structure sanity: the ``%PDF-x.y`` header at offset 0 and ``%%EOF`` in the last kilobyte.

    That is what every PDF reader insists on, and what a renamed executable, image or a file cut
    off in transfer lacks. The cross-reference table is not parsed: readers repair broken ones,
    and a full parser is attack surface of its own.
    """
    return bool(_PDF_HEADER.match(data)) and b"%%EOF" in data[-1024:]


def _inflated_streams(data, budget=PDF_INFLATE_BUDGET):
    """The Flate-compressed streams of a PDF, inflated, until ``budget`` bytes are produced."""
    for match in _PDF_FLATE_STREAM.finditer(data):
        if budget <= 0:
            return
        inflater = zlib.decompressobj()
        try:
            chunk = inflater.decompress(data[match.end():match.end() + 8 * MB], budget)
        except zlib.error:
            continue
        budget -= len(chunk)
        yield chunk


def pdf_active_content(data):
    """The first active-content name found in the PDF (raw or in a compressed stream), or None."""
    for part in (data, *_inflated_streams(data)):
        decoded = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), part)
        found = _PDF_ACTIVE.search(decoded)
        if found:
            return found.group(1).decode("ascii")
    return None


def check_pdf(upload, not_pdf_message=None):
    data = read_all(upload)
    if not is_pdf(data):
        raise ValidationError(not_pdf_message or _("這個檔案的內容不是 PDF（可能只是改了副檔名，或檔案不完整）。"),
                              code="not_pdf")
    active = pdf_active_content(data)
    if active:
        raise ValidationError(
            _("這份 PDF 含有可執行的內容（%(name)s），為保護下載者，不接受。請以「列印成 PDF」或重新匯出後再上傳。"),
            code="pdf_active_content",
            params={"name": active},
        )


# --- ODF ---------------------------------------------------------------------------------------


def check_odf(upload, extension):
    """The upload is an ODF document of the kind ``extension`` names, without macros."""
    expected = ODF_KINDS[extension]
    not_odf = ValidationError(
        _("這個檔案的內容不是 ODF 文件（.%(extension)s），可能只是改了副檔名。請以 LibreOffice 等軟體另存為 ODF 格式後再上傳。"),
        code="not_odf",
        params={"extension": extension},
    )
    data = read_all(upload)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise not_odf from None
    with archive:
        if not entries or entries[0].filename != "mimetype" or entries[0].compress_type != zipfile.ZIP_STORED:
            raise not_odf
        if len(entries) > ODF_MAX_ENTRIES or sum(e.file_size for e in entries) > ODF_MAX_UNCOMPRESSED:
            raise ValidationError(_("這個 ODF 文件解壓縮後過大，不接受。"), code="odf_too_large")
        names = {e.filename for e in entries}
        if any(n.startswith("/") or ".." in n.split("/") or "\\" in n for n in names):
            raise not_odf
        try:
            mimetype = archive.read(entries[0]).strip()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise not_odf from None
        if not {"content.xml", "META-INF/manifest.xml"} <= names:
            raise not_odf
        if mimetype != expected.encode("ascii"):
            if mimetype.startswith(b"application/vnd.oasis.opendocument."):
                raise ValidationError(
                    _("檔案內容的 ODF 類型與副檔名 .%(extension)s 不符，請確認副檔名。"),
                    code="odf_kind_mismatch",
                    params={"extension": extension},
                )
            raise not_odf
        if any(n.startswith(ODF_MACRO_FOLDERS) for n in names):
            raise ValidationError(
                _("這份 ODF 文件含有巨集，為保護下載者，不接受。請移除巨集後再上傳。"), code="odf_macros"
            )


# --- documents (the admin's document library) --------------------------------------------------


def allowed_document_extensions():
    return [e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or ["pdf", *ODF_KINDS]]


def check_document(upload, name=None):
    """A document of the library: PDF or ODF by content, matching its extension."""
    name = name or getattr(upload, "name", "")
    extension = extension_of(name)
    allowed = allowed_document_extensions()
    if extension not in allowed:
        raise ValidationError(
            _("只接受 %(extensions)s 檔案（政府文件採 ODF 或 PDF 格式）。"),
            code="document_extension",
            params={"extensions": pgettext("列表分隔符號", "、").join(f".{e}" for e in allowed)},
        )
    if extension == "pdf":
        check_pdf(upload)
    elif extension in ODF_KINDS:
        check_odf(upload, extension)
    else:  # an extension added to the setting that no check here knows: refuse rather than trust it
        raise ValidationError(_("無法確認這個檔案的內容格式，不接受。"), code="document_unknown")


# --- images ------------------------------------------------------------------------------------


def max_image_pixels():
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS) or DEFAULT_MAX_IMAGE_PIXELS


def _too_many_pixels(pixels, limit):
    if pixels is None:  # Pillow refused even to read the size: far beyond any limit
        return ValidationError(
            _("圖片像素過多，上限為 %(limit)s 萬像素。請縮小圖片後再上傳。"),
            code="file_too_many_pixels",
            params={"limit": limit // 10_000},
        )
    return ValidationError(
        _("圖片像素過多（%(pixels)s 萬像素），上限為 %(limit)s 萬像素。請縮小圖片後再上傳。"),
        code="file_too_many_pixels",
        params={"pixels": pixels // 10_000, "limit": limit // 10_000},
    )


def check_image(upload, name=None):
    """An image Pillow decodes completely, of an allowed format matching its extension, within the pixel limit."""
    name = name or getattr(upload, "name", "")
    extension = extension_of(name)
    limit = max_image_pixels()
    not_image = ValidationError(
        _("這個檔案不是可讀取的圖片，或檔案不完整。請上傳 JPEG、PNG、GIF 或 WebP 圖片。"), code="invalid_image"
    )
    data = read_all(upload)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format
                pixels = image.width * image.height * max(getattr(image, "n_frames", 1), 1)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(None, limit) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise not_image from None
        if image_format not in IMAGE_FORMATS:
            raise ValidationError(
                _("不接受這種圖片格式（%(format)s），請上傳 JPEG、PNG、GIF 或 WebP 圖片。"),
                code="image_format",
                params={"format": image_format or "?"},
            )
        if extension not in IMAGE_FORMATS[image_format]:
            raise ValidationError(
                _("圖片內容是 %(format)s，與副檔名 .%(extension)s 不符，請更正副檔名後再上傳。"),
                code="image_extension_mismatch",
                params={"format": image_format, "extension": extension or "?"},
            )
        if pixels > limit:
            raise _too_many_pixels(pixels, limit)
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # the first frame, decoded: a truncated file fails here
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(pixels, limit) from None
        except Exception:  # noqa: BLE001 — any decoder failure means a broken or hostile file
            raise not_image from None
