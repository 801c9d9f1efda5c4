"""What an uploaded file *is*, judged by its content, never by its name.

Editors upload documents (ODF and PDF only, SPEC §1) and images; contact windows upload the
signed application form (PDF). A file called ``x.pdf`` may be an executable, ``x.odt`` an HTML
page or any zip, ``x.png`` a truncated or bomb-sized picture. Each check here reads the bytes:

- **PDF** (``check_pdf`` → ``PdfInspection``): the ``%PDF-x.y`` header and ``%%EOF``,
  then the whole file read by a real parser (pypdf): every object of the cross-reference tables
  and streams, plain or inside an object stream, under any standard filter (abbreviations
  such as ``/Fl`` included). Active content is refused — ``/JavaScript``, ``/JS``, ``/Launch``,
  ``/SubmitForm``, ``/ImportData``, ``/RichMedia``, ``/EmbeddedFile``, ``/AA``, ``/XFA`` as a key
  or a name value anywhere, names normalised by the parser (``/J#61vaScript``). Decoding is
  bounded: past ``PDF_DECOMPRESSION_BUDGET`` decoded bytes or ``PDF_MAX_OBJECTS`` objects the
  file is refused, never partly checked; a file the parser cannot read is refused. A published
  agency document or a scan of a signed form has none of these.
- **ODF** (``check_odf`` → ``OdfInspection``): a zip starting at byte 0 whose first entry is
  ``mimetype``, stored, naming the kind the extension names (``.odt`` text, ``.ods``
  spreadsheet, ``.odp`` presentation, ``.odg`` graphics), with ``content.xml`` and
  ``META-INF/manifest.xml``. Every entry is inflated here, counting what comes out, and must
  end at its declared size. **Macros, scripts and event listeners are refused** wherever they
  sit and in any letter case: the public downloads these files, and a macro document is an
  infection route we need not offer. Entry names may not climb out of the archive.
- **Images** (``check_image``): Pillow must recognise the format and it must be on the
  allow-list (JPEG, PNG, GIF, WebP — no SVG, which can carry script); width × height × frames
  within ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` *before* anything is decoded; ``verify()`` and a
  full decode must succeed (a truncated file fails). ``strip_image_metadata`` then re-encodes
  the accepted image without EXIF (GPS), XMP, IPTC or comments.

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
import struct
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

#: PDF names that make a document act rather than be read: scripts (/JavaScript, /JS, XFA forms
#: whose XML carries scripts), actions that reach outside the document (/Launch, /SubmitForm,
#: /ImportData), embedded payloads (/EmbeddedFile, /RichMedia) and additional-action triggers
#: (/AA: on open, on close, on page view…). Matched on names the parser has normalised, so
#: ``/J#61vaScript`` is ``/JavaScript``.
PDF_ACTIVE_NAMES = (
    "/JavaScript",
    "/JS",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMedia",
    "/EmbeddedFile",
    "/AA",
    "/XFA",
)
_PDF_HEADER = re.compile(rb"^%PDF-[12]\.\d")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
#: The long names, looked for in the raw bytes and in decoded object streams as a second net
#: (an object outside the cross-reference table, which a lenient reader may still find). The
#: short ones (/JS, /AA, /XFA) are left to the parser: three bytes occur by chance in image data.
_PDF_ACTIVE_RAW = re.compile(rb"/(JavaScript|Launch|SubmitForm|ImportData|RichMedia|EmbeddedFile)(?![A-Za-z0-9#])")
#: Filter abbreviations (PDF 32000 table 94): valid only in inline images, yet PDFium honours
#: them on any stream; the parser is handed the full name so it reads what a reader would.
PDF_FILTER_ABBREVIATIONS = {
    "/AHx": "/ASCIIHexDecode",
    "/A85": "/ASCII85Decode",
    "/LZW": "/LZWDecode",
    "/Fl": "/FlateDecode",
    "/RL": "/RunLengthDecode",
    "/CCF": "/CCITTFaxDecode",
    "/DCT": "/DCTDecode",
}
#: Decompressed bytes of a PDF's streams in all — object and cross-reference streams, page and
#: form contents, metadata, streams of no declared kind — past which the file is refused, never
#: partly checked. Pictures and font programs are not decoded (``PdfInspection._holds_text``).
PDF_DECOMPRESSION_BUDGET = 100 * MB
#: Filters whose output is pixels, not syntax.
PDF_IMAGE_FILTERS = frozenset({"/DCTDecode", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/DCT", "/CCF"})
#: Objects in the cross-reference tables, and names, numbers, arrays and dictionaries inside them
#: all told: past either the file is refused. pypdf parses about a thousand objects a second, so
#: these bound the time a hostile file can cost (a 300-page report has some 10 000 objects).
PDF_MAX_OBJECTS = 100_000
PDF_MAX_ITEMS = 5_000_000

#: ODF archives: the uncompressed total (counted while inflating) and the number of entries.
ODF_MAX_UNCOMPRESSED = 200 * MB
ODF_MAX_ENTRIES = 5_000
#: Folders that hold macros, scripts and the dialogs that call them, wherever they sit
#: (``Basic/``, ``Object 1/Basic/``, ``basic/``): compared lower-cased, component by component.
ODF_MACRO_FOLDERS = frozenset({"basic", "scripts", "dialogs"})
#: Element names that bind code to the document or its controls, in any namespace.
ODF_SCRIPT_ELEMENTS = frozenset({"script", "event-listener"})
#: Their containers: LibreOffice writes an empty ``<office:scripts/>`` in every document, so a
#: container is refused only when something is inside it.
ODF_SCRIPT_CONTAINERS = frozenset({"scripts", "event-listeners"})
ODF_SCRIPT_NAMESPACE = "urn:oasis:names:tc:opendocument:xmlns:script:1.0"
#: Link targets that run code (a hyperlink or a control's href), lower-cased.
ODF_SCRIPT_URLS = ("vnd.sun.star.script:", "vnd.sun.star.basic:", "macro:", "javascript:", "vbscript:")


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
    """The ``%PDF-x.y`` header at offset 0 and ``%%EOF`` in the last kilobyte.

    What every PDF reader insists on, and what a renamed executable, image or a file cut off in
    transfer lacks. The parser (``inspect_pdf``) then reads the whole structure.
    """
    return bool(_PDF_HEADER.match(data)) and b"%%EOF" in data[-1024:]


class PdfRefused(Exception):
    """Why a PDF is refused: ``not_pdf``, ``unreadable``, ``too_large``, ``encrypted`` or ``active`` (with the name)."""

    def __init__(self, code, name=None):
        super().__init__(code, name)
        self.code, self.name = code, name


def _raw_active_name(data):
    decoded = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    found = _PDF_ACTIVE_RAW.search(decoded)
    return "/" + found.group(1).decode("ascii") if found else None


class PdfInspection:
    """One PDF read by pypdf, every object looked at once, within the budgets above.

    Why pypdf (7.x) and not pikepdf: pypdf bounds the output of *every* decoder it has (Flate,
    LZW, RunLength, ASCII85/Hex, Brotli) per call through a context-local ``Configuration``,
    where qpdf has no bound for LZW and its limits are process-wide C state; it exposes the
    cross-reference tables, so every object — reachable from the catalogue or not, plain or
    inside an object stream — is visited in an order we choose (object streams are decoded
    and counted against the budget before their objects are parsed); and it is pure Python, so
    no native library comes with it.

    Order: the plain objects first (streams among them have their filters' abbreviations
    expanded; object streams, cross-reference streams and every stream holding text are
    decoded, counted against the budget and their text scanned), then the objects inside
    object streams. An encrypted file is opened with the empty user password (an owner
    password that only restricts printing is common in agency documents). Each
    object's dictionaries and arrays are walked (not following references: every indirect
    object is visited on its own) and a forbidden name as a key or as a value refuses the file.
    """

    def __init__(self, data):
        self.data = data
        self.decoded = 0
        self.items = 0

    def run(self):
        from pypdf import PdfReader, apply_configuration

        found = _raw_active_name(self.data)
        if found:
            raise PdfRefused("active", found)
        per_stream = PDF_DECOMPRESSION_BUDGET + 1
        limits = dict(
            zlib_maximum_output_length=per_stream,
            lzw_maximum_output_length=per_stream,
            run_length_maximum_output_length=per_stream,
            brotli_maximum_output_length=per_stream,
            jbig2_maximum_output_length=per_stream,
            array_based_stream_maximum_output_length=per_stream,
            stream_decoding_work_maximum_length=4 * per_stream,
            maximum_declared_stream_length=len(self.data) + 1,
            zlib_maximum_recovery_input_length=64 * 1024,
        )
        with apply_configuration(**limits):
            try:
                reader = PdfReader(io.BytesIO(self.data), strict=False)
                self._decrypt(reader)
                return self._walk(reader)
            except PdfRefused:
                raise
            except Exception as error:
                from pypdf.errors import LimitReachedError

                raise PdfRefused(
                    "too_large" if isinstance(error, (LimitReachedError, MemoryError)) else "unreadable"
                ) from None

    @staticmethod
    def _decrypt(reader):
        from pypdf import PasswordType

        if not reader.is_encrypted:
            return
        try:
            opened = reader.decrypt("")
        except Exception:
            raise PdfRefused("encrypted") from None
        if opened == PasswordType.NOT_DECRYPTED:
            raise PdfRefused("encrypted")

    def _walk(self, reader):
        from pypdf.generic import IndirectObject

        plain = [(number, generation) for generation, numbers in reader.xref.items() for number in numbers]
        if len(plain) + len(reader.xref_objStm) > PDF_MAX_OBJECTS:
            raise PdfRefused("too_large")
        self._look_at(reader.trailer)
        for number, generation in plain:
            self._look_at(self._resolve(reader, IndirectObject(number, generation, reader)), structural=True)
        for number in list(reader.xref_objStm):
            self._look_at(self._resolve(reader, IndirectObject(number, 0, reader)))

    @staticmethod
    def _resolve(reader, reference):
        """The object, or a refusal: pypdf (lenient) gives null for an object it could not read."""
        from pypdf.generic import NullObject

        obj = reader.get_object(reference)
        if obj is None or isinstance(obj, NullObject):
            raise PdfRefused("unreadable")
        return obj

    def _look_at(self, obj, structural=False):
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

        if structural and isinstance(obj, StreamObject):
            self._expand_abbreviations(obj)
            kind = obj.get("/Type")
            if isinstance(kind, IndirectObject):
                kind = kind.get_object()
            if kind in ("/ObjStm", "/XRef") or self._holds_text(obj):
                self._decode(obj, keep=kind == "/ObjStm")
        pending = [obj]
        while pending:
            item = pending.pop()
            self.items += 1
            if self.items > PDF_MAX_ITEMS:
                raise PdfRefused("too_large")
            if isinstance(item, NameObject):
                self._check_name(item)
            elif isinstance(item, DictionaryObject):
                for key, value in item.items():
                    self._check_name(key)
                    if not isinstance(value, IndirectObject):
                        pending.append(value)
            elif isinstance(item, ArrayObject):
                pending.extend(value for value in item if not isinstance(value, IndirectObject))

    @staticmethod
    def _check_name(name):
        if str(name) in PDF_ACTIVE_NAMES:
            raise PdfRefused("active", str(name))

    @staticmethod
    def _expand_abbreviations(stream):
        from pypdf.generic import ArrayObject, NameObject

        filters = stream.get("/Filter")
        if isinstance(filters, NameObject) and filters in PDF_FILTER_ABBREVIATIONS:
            stream[NameObject("/Filter")] = NameObject(PDF_FILTER_ABBREVIATIONS[filters])
        elif isinstance(filters, ArrayObject):
            for index, value in enumerate(filters):
                if isinstance(value, NameObject) and value in PDF_FILTER_ABBREVIATIONS:
                    filters[index] = NameObject(PDF_FILTER_ABBREVIATIONS[value])

    @staticmethod
    def _holds_text(stream):
        """Whether a stream's decoded data is PDF syntax or text worth reading for names.

        Page and form contents, metadata and streams of no declared kind are; pictures (an
        ``/Image``, or an image-only filter) and font programs are pixels and glyphs, and large
        ones are common in real documents, so they are neither decoded nor counted.
        """
        from pypdf.generic import ArrayObject

        if stream.get("/Subtype") in ("/Image", "/Type1C", "/CIDFontType0C", "/OpenType"):
            return False
        if any(key in stream for key in ("/Length1", "/Length2", "/Length3")):
            return False
        filters = stream.get("/Filter")
        filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
        return not any(f in PDF_IMAGE_FILTERS for f in filters)

    def _decode(self, stream, keep):
        data = stream.get_data()
        self.decoded += len(data)
        if self.decoded > PDF_DECOMPRESSION_BUDGET:
            raise PdfRefused("too_large")
        found = _raw_active_name(data)  # names in the decoded text: the second net
        if found:
            raise PdfRefused("active", found)
        if not keep and hasattr(stream, "decoded_self"):
            stream.decoded_self = None  # only object streams are needed again; the rest is let go


def inspect_pdf(data):
    """Raise ``PdfRefused`` unless pypdf reads ``data`` whole, within budget, with no active content."""
    if not is_pdf(data):
        raise PdfRefused("not_pdf")
    PdfInspection(data).run()


def check_pdf(upload, not_pdf_message=None):
    data = read_all(upload)
    try:
        inspect_pdf(data)
    except PdfRefused as refused:
        raise _pdf_error(refused, not_pdf_message) from None


def _pdf_error(refused, not_pdf_message=None):
    if refused.code == "active":
        return ValidationError(
            _("這份 PDF 含有可執行的內容（%(name)s），為保護下載者，不接受。請以「列印成 PDF」或重新匯出後再上傳。"),
            code="pdf_active_content",
            params={"name": refused.name},
        )
    if refused.code == "too_large":
        return ValidationError(
            _("這份 PDF 的結構解壓縮後過大或物件過多，不接受。請以「列印成 PDF」或重新匯出後再上傳。"),
            code="pdf_too_large",
        )
    if refused.code == "encrypted":
        return ValidationError(
            _("這份 PDF 設有開啟密碼或無法解密，系統無法檢查其內容，不接受。請移除密碼後再上傳。"), code="pdf_encrypted"
        )
    if refused.code == "unreadable":
        return ValidationError(
            _(
                "無法讀取這份 PDF 的結構（檔案可能損毀或不符合 PDF 規格），不接受。請以「列印成 PDF」或重新匯出後再上傳。"
            ),
            code="pdf_unreadable",
        )
    return ValidationError(
        not_pdf_message or _("這個檔案的內容不是 PDF（可能只是改了副檔名，或檔案不完整）。"), code="not_pdf"
    )


# --- ODF ---------------------------------------------------------------------------------------


class OdfRefused(Exception):
    """Why an ODF file is refused: ``code`` is ``not_odf``, ``too_large``, ``macros`` or ``kind``."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


class OdfInspection:
    """One ODF package read entry by entry, inflated with a running count, never trusting headers.

    - The zip starts at byte 0 with a local file header (``PK\\3\\4``) and its first entry sits
      there: a file with an HTML page or anything else before the zip is a polyglot, not a
      document. ``mimetype`` is that first entry, stored, naming the kind.
    - Every entry is inflated in 64 KB steps and the bytes actually produced are counted
      against ``ODF_MAX_UNCOMPRESSED``; a declared size is only a first, cheap refusal, and an
      entry whose inflated length or CRC differs from its header is refused (``zipfile``
      stops at the declared size and checks the CRC).
    - Macros and scripts are refused wherever they sit: a path component ``basic``,
      ``scripts`` or ``dialogs`` in any case, a manifest entry of such a path or a script or
      Basic media type, and in every XML entry (parsed with expat, streamed, no DTD allowed)
      any ``script`` or ``event-listener`` element and anything inside an ``office:scripts``
      or ``event-listeners`` container (empty ones are what LibreOffice always writes), any element or attribute of
      the script namespace, and any link to ``vnd.sun.star.script:``, ``macro:`` or
      ``javascript:``.
    """

    CHUNK = 64 * 1024

    def __init__(self, data, expected_mimetype):
        self.data = data
        self.expected = expected_mimetype.encode("ascii")
        self.inflated = 0

    def run(self):
        if not self.data.startswith(b"PK\x03\x04"):
            raise OdfRefused("not_odf")
        try:
            archive = zipfile.ZipFile(io.BytesIO(self.data))
            entries = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise OdfRefused("not_odf") from None
        with archive:
            self._check_directory(entries)
            for entry in entries:
                self._read(archive, entry)

    def _check_directory(self, entries):
        if not entries or entries[0].filename != "mimetype" or entries[0].compress_type != zipfile.ZIP_STORED:
            raise OdfRefused("not_odf")
        if entries[0].header_offset != 0 or entries[0].file_size > 200:
            raise OdfRefused("not_odf")
        if len(entries) > ODF_MAX_ENTRIES or sum(e.file_size for e in entries) > ODF_MAX_UNCOMPRESSED:
            raise OdfRefused("too_large")
        names = [e.filename for e in entries]
        if len(set(names)) != len(names):
            raise OdfRefused("not_odf")  # two entries of one name: readers disagree on which counts
        if any(n.startswith("/") or ".." in n.split("/") or "\\" in n for n in names):
            raise OdfRefused("not_odf")
        if not {"content.xml", "META-INF/manifest.xml"} <= set(names):
            raise OdfRefused("not_odf")
        if any(macro_path(n) for n in names):
            raise OdfRefused("macros")

    def _read(self, archive, entry):
        parser = _OdfXmlScanner() if entry.filename.lower().endswith((".xml", ".rdf")) else None
        first = b""
        try:
            for chunk in self._inflate(entry):
                self.inflated += len(chunk)
                if self.inflated > ODF_MAX_UNCOMPRESSED:
                    raise OdfRefused("too_large")
                if entry.filename == "mimetype":
                    first += chunk
                if parser:
                    parser.feed(chunk)
            if parser:
                parser.close()
        except OdfRefused:
            raise
        except Exception:
            raise OdfRefused("not_odf") from None
        if entry.filename == "mimetype" and first.strip() != self.expected:
            raise OdfRefused("kind" if first.startswith(b"application/vnd.oasis.opendocument.") else "not_odf")
        if entry.filename == "META-INF/manifest.xml" and parser and parser.macro_manifest:
            raise OdfRefused("macros")

    def _inflate(self, entry):
        """The entry's bytes, inflated here from its local header on, never past its declared size.

        ``zipfile`` would stop quietly at the declared size (and a CRC of the truncated data
        passes), while a reader inflates to the end of the deflate stream: an entry whose data
        goes on past its size, stops short of it, or leaves compressed bytes over is refused
        after at most one step beyond the declared size.
        """
        if entry.flag_bits & 0x1:
            raise OdfRefused("not_odf")  # encrypted entries cannot be checked
        start = entry.header_offset
        header = self.data[start : start + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise OdfRefused("not_odf")
        name_length, extra_length = struct.unpack("<HH", header[26:30])
        begin = start + 30 + name_length + extra_length
        raw = memoryview(self.data)[begin : begin + entry.compress_size]
        if len(raw) != entry.compress_size:
            raise OdfRefused("not_odf")
        produced, crc = 0, 0
        if entry.compress_type == zipfile.ZIP_STORED:
            if entry.compress_size != entry.file_size:
                raise OdfRefused("not_odf")
            for offset in range(0, len(raw), self.CHUNK):
                chunk = bytes(raw[offset : offset + self.CHUNK])
                crc = zlib.crc32(chunk, crc)
                yield chunk
        elif entry.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            for offset in range(0, len(raw), self.CHUNK):
                pending = bytes(raw[offset : offset + self.CHUNK])
                while pending:
                    chunk = inflater.decompress(pending, self.CHUNK)
                    pending = inflater.unconsumed_tail
                    produced += len(chunk)
                    if produced > entry.file_size:
                        raise OdfRefused("not_odf")  # more than the header says: stop here
                    crc = zlib.crc32(chunk, crc)
                    yield chunk
                    if inflater.eof:
                        break
            if not inflater.eof or inflater.unused_data or inflater.unconsumed_tail or produced != entry.file_size:
                raise OdfRefused("not_odf")
        else:
            raise OdfRefused("not_odf")
        if crc != entry.CRC:
            raise OdfRefused("not_odf")


def macro_path(name):
    """A package path through a macro, script or dialog folder, in any case and at any depth."""
    return any(part.lower() in ODF_MACRO_FOLDERS for part in name.split("/")[:-1])


class _OdfXmlScanner:
    """Streams one XML entry through expat, raising ``OdfRefused("macros")`` at the first script."""

    MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

    def __init__(self):
        from xml.parsers import expat

        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.open_containers = 0
        self.parser.StartDoctypeDeclHandler = self._refuse_doctype
        self.parser.EntityDeclHandler = self._refuse_doctype
        self.macro_manifest = False

    @staticmethod
    def _refuse_doctype(*args):
        raise OdfRefused("not_odf")  # ODF has no DTD; entities are how XML bombs are made

    def _start(self, name, attributes):
        namespace, _sep, local = name.rpartition("}")
        if self.open_containers or namespace == ODF_SCRIPT_NAMESPACE or local.lower() in ODF_SCRIPT_ELEMENTS:
            raise OdfRefused("macros")
        if local.lower() in ODF_SCRIPT_CONTAINERS:
            self.open_containers += 1
        for key, value in attributes.items():
            if key.rpartition("}")[0] == ODF_SCRIPT_NAMESPACE:
                raise OdfRefused("macros")
            if value.strip().lower().startswith(ODF_SCRIPT_URLS):
                raise OdfRefused("macros")
        if namespace == self.MANIFEST and local == "file-entry":
            path = attributes.get(f"{self.MANIFEST}}}full-path", "")
            media = attributes.get(f"{self.MANIFEST}}}media-type", "").lower()
            if macro_path(path if path.endswith("/") else path + "/x") or "script" in media or "basic" in media:
                self.macro_manifest = True

    def _end(self, name):
        if name.rpartition("}")[2].lower() in ODF_SCRIPT_CONTAINERS:
            self.open_containers -= 1

    def feed(self, chunk):
        self.parser.Parse(chunk, False)

    def close(self):
        self.parser.Parse(b"", True)


def check_odf(upload, extension):
    """The upload is an ODF document of the kind ``extension`` names, without macros or scripts."""
    try:
        OdfInspection(read_all(upload), ODF_KINDS[extension]).run()
    except OdfRefused as refused:
        if refused.code == "too_large":
            raise ValidationError(_("這個 ODF 文件解壓縮後過大，不接受。"), code="odf_too_large") from None
        if refused.code == "macros":
            raise ValidationError(
                _("這份 ODF 文件含有巨集、指令碼或事件處理，為保護下載者，不接受。請移除巨集後再上傳。"),
                code="odf_macros",
            ) from None
        if refused.code == "kind":
            raise ValidationError(
                _("檔案內容的 ODF 類型與副檔名 .%(extension)s 不符，請確認副檔名。"),
                code="odf_kind_mismatch",
                params={"extension": extension},
            ) from None
        raise ValidationError(
            _(
                "這個檔案的內容不是 ODF 文件（.%(extension)s），可能只是改了副檔名。請以 LibreOffice 等軟體另存為 ODF 格式後再上傳。"
            ),
            code="not_odf",
            params={"extension": extension},
        ) from None


# --- documents (the admin's document library) --------------------------------------------------


def allowed_document_extensions():
    return [e.lower() for e in settings.WAGTAILDOCS_EXTENSIONS or ["pdf", *ODF_KINDS]]


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
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS or DEFAULT_MAX_IMAGE_PIXELS


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
        except Exception:
            raise not_image from None


# --- image metadata ----------------------------------------------------------------------------

#: What survives of an image's ``info`` when it is re-encoded: how it looks and moves (colour
#: profile, transparency, animation), nothing about who took it, where, when or with what.
IMAGE_KEPT_INFO = frozenset({"icc_profile", "transparency", "duration", "loop", "background", "disposal", "dpi"})


def _without_metadata(image):
    image.info = {key: value for key, value in image.info.items() if key in IMAGE_KEPT_INFO}
    return image


def strip_image_metadata(data):
    """``data`` re-encoded in its own format without EXIF (GPS), XMP, IPTC, comments or text chunks.

    The EXIF orientation is applied to the pixels first (a portrait photo stays upright once its
    EXIF is gone). A JPEG that needs no turning keeps its quantisation tables
    (``quality="keep"``), so it loses no visible quality; animated GIF and WebP keep every frame
    and its timing. The colour profile is kept: it is about colours, not people. Called on a
    file ``check_image`` accepted; returns ``(bytes, format)``.
    """
    from PIL import ImageOps, ImageSequence

    with Image.open(io.BytesIO(data)) as image:
        image_format = image.format
        params = {}
        if getattr(image, "n_frames", 1) > 1:
            frames = [_without_metadata(frame.copy()) for frame in ImageSequence.Iterator(image)]
            first = frames[0]
            params.update(
                save_all=True,
                append_images=frames[1:],
                duration=[frame.info.get("duration", 100) for frame in frames],
                loop=image.info.get("loop", 0),
            )
        elif image_format == "JPEG" and image.getexif().get(0x0112, 1) in (0, 1):
            image.load()
            first = _without_metadata(image)
            params.update(quality="keep", subsampling="keep")
        else:
            first = _without_metadata(ImageOps.exif_transpose(image))
            if image_format == "JPEG":
                params.update(quality=92)
            elif image_format == "WEBP":
                params.update(lossless=bool(image.info.get("lossless")), quality=90)
        if first.info.get("icc_profile"):
            params["icc_profile"] = first.info["icc_profile"]
        out = io.BytesIO()
        first.save(out, image_format, exif=b"", **params)
        return out.getvalue(), image_format
