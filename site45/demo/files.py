"""Small, valid demo files made locally: PDF (written by hand), ODT (zipfile) and PNG (Pillow).

Everything here is deterministic: the same arguments give the same bytes, so re-seeding never
produces a different file.
"""

import io
import zipfile
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

# --- PDF ------------------------------------------------------------------------------------


def _pdf_literal(text):
    """A PDF literal string for ASCII text (Helvetica has no CJK glyphs)."""
    text = text.encode("ascii", "replace").decode("ascii")
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def _pdf_text_string(text):
    """A PDF text string for document metadata: UTF-16BE with BOM, so Chinese titles survive."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def make_pdf(title, lines):
    """A one-page A4 PDF 1.4 with ``lines`` (ASCII) in Helvetica and ``title`` in its metadata.

    The cross-reference table holds the exact byte offset of every object, as the PDF
    specification requires, so strict readers open it without repair.
    """
    text_ops = ["BT", "/F1 20 Tf", "72 770 Td", "26 TL", _pdf_literal(lines[0]) + " Tj", "/F1 12 Tf", "18 TL"]
    text_ops += [_pdf_literal(line) + " '" for line in lines[1:]]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("ascii")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ("<< /Title " + _pdf_text_string(title) + " /Producer (site45 seed_demo) >>").encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n".encode()
    out += f"startxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


# --- ODT ------------------------------------------------------------------------------------

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"
_ZIP_DATE = (2025, 1, 1, 0, 0, 0)

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""

_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">
 <office:meta><dc:title>{title}</dc:title><dc:language>zh-TW</dc:language><meta:generator>site45 seed_demo</meta:generator></office:meta>
</office:document-meta>
"""

_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body><office:text>
  <text:h text:outline-level="1">{title}</text:h>
{paragraphs}
 </office:text></office:body>
</office:document-content>
"""


def make_odt(title, paragraphs):
    """An OpenDocument text file: ``mimetype`` first and stored uncompressed, then the rest."""
    body = "\n".join(f"  <text:p>{escape(p)}</text:p>" for p in paragraphs)
    members = [
        ("mimetype", ODT_MIMETYPE, zipfile.ZIP_STORED),
        ("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED),
        ("meta.xml", _META.format(title=escape(title)), zipfile.ZIP_DEFLATED),
        ("content.xml", _CONTENT.format(title=escape(title), paragraphs=body), zipfile.ZIP_DEFLATED),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compression in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = compression
            archive.writestr(info, data.encode("utf-8"))
    return buffer.getvalue()


# --- Images ---------------------------------------------------------------------------------


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def make_image(label, colours, motif="circles", size=(960, 600)):
    """A PNG: a two-colour gradient, a simple motif and a Latin label (no CJK font needed)."""
    top, bottom, accent = colours
    width, height = size
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / (height - 1)))

    light = _mix(accent, (255, 255, 255), 0.35)
    if motif == "people":  # two figures side by side, one taller (the generations)
        for cx, scale in ((width * 0.38, 1.0), (width * 0.62, 0.82)):
            r = 55 * scale
            base = height * 0.78
            draw.ellipse([cx - r, base - 330 * scale, cx + r, base - 330 * scale + 2 * r], fill=light)
            draw.rounded_rectangle([cx - 90 * scale, base - 190 * scale, cx + 90 * scale, base], 40, fill=accent)
    elif motif == "portrait":
        cx, base = width / 2, height * 0.86
        draw.ellipse([cx - 70, base - 380, cx + 70, base - 240], fill=light)
        draw.rounded_rectangle([cx - 150, base - 215, cx + 150, base], 70, fill=accent)
    elif motif == "bars":
        for n, h in enumerate((0.35, 0.5, 0.62, 0.8)):
            x = width * (0.2 + n * 0.16)
            draw.rectangle([x, height * (0.85 - h * 0.7), x + width * 0.1, height * 0.85], fill=accent)
    elif motif == "house":
        draw.polygon(
            [(width * 0.3, height * 0.45), (width * 0.5, height * 0.2), (width * 0.7, height * 0.45)], fill=accent
        )
        draw.rectangle([width * 0.34, height * 0.45, width * 0.66, height * 0.82], fill=light)
        draw.rectangle([width * 0.46, height * 0.6, width * 0.54, height * 0.82], fill=accent)
    else:  # circles
        for n in range(7):
            r = 40 + 22 * n
            x = width * (0.12 + 0.13 * n)
            y = height * (0.55 + 0.12 * ((-1) ** n))
            draw.ellipse([x - r / 2, y - r / 2, x + r / 2, y + r / 2], fill=_mix(accent, light, n / 7))

    font, small = _font(64), _font(28)
    draw.rectangle([0, 0, width, 96], fill=_mix(top, (0, 0, 0), 0.35))
    draw.text((32, 14), "45+", font=font, fill=(255, 255, 255))
    draw.text((170, 40), label, font=small, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
