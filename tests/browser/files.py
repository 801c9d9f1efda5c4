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
    """A minimal valid one-page PDF (``tests.core.test_uploads.pdf_bytes``) that no other test uploads."""
    from tests.hostile_files import pdf_bytes

    return {
        "name": "event-brochure.pdf",
        "mimeType": "application/pdf",
        "buffer": pdf_bytes(text=f"{text} {uuid.uuid4().hex[:8]}"),
    }
