"""Small files made in the test, for the admin's upload fields (Playwright file payloads)."""

import io
import uuid


def png(label="45+", size=(480, 300)):
    """A PNG that no other test uploads (Wagtail flags duplicate uploads by their content)."""
    from PIL import Image, ImageDraw

    token = uuid.uuid4()
    colour = tuple(40 + b % 160 for b in token.bytes[:3])
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, size[0] - 20, size[1] - 20], outline=(255, 255, 255), width=6)
    draw.text((40, 40), f"{label} {token.hex[:8]}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return {"name": f"event-{token.hex[:8]}.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def pdf(text="45+ browser test"):
    """A minimal valid one-page PDF 1.4 (catalogue, pages, page, font, content, xref)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text} {uuid.uuid4().hex[:8]}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
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
    return {"name": "event-brochure.pdf", "mimeType": "application/pdf", "buffer": out.getvalue()}
