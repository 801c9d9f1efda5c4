"""Images lose their metadata on upload, originals included.

A Taichung editor uploads a phone photo carrying GPS coordinates, camera and date in EXIF, an XMP
packet and a comment, through 圖片 → 新增 (``/admin/images/add/``) and the multiple uploader
(``/admin/images/multiple/add/``). What Wagtail stores as the original — the file served from
``MEDIA_ROOT`` to the public — and every rendition made from it carry none of it; a photo
taken sideways (EXIF orientation 6) is stored upright, since the tag that turned it is gone.
PNG text and XMP chunks, WebP EXIF/XMP and GIF comments go the same way.
"""

import io
import json

import pytest
from django.core.cache import caches
from PIL import Image as PILImage
from PIL import features
from wagtail.images.models import Image

from site45.core import uploads
from tests.factories import add_image, root_collection, upload
from tests.image_files import gif_with_comment, has_metadata, jpeg_with_gps, png_with_text, webp_with_metadata

FILES = {
    "jpeg with gps": ("photo.jpg", jpeg_with_gps),
    "png with text and xmp": ("chart.png", png_with_text),
    "webp with exif and xmp": ("photo.webp", webp_with_metadata),
    "animated gif with a comment": ("moving.gif", gif_with_comment),
}


@pytest.fixture(autouse=True)
def fresh_rendition_cache():
    """Wagtail caches renditions by image id and file hash: a record from an earlier test's MEDIA_ROOT must not answer."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


def stored_and_served(image):
    """The stored original and two renditions made from it, as bytes."""
    with image.file.open("rb") as f:
        files = {"original": f.read()}
    for spec in ("width-40", "fill-20x20"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as f:
            files[spec] = f.read()
    return files


def assert_clean(image):
    for what, data in stored_and_served(image).items():
        assert has_metadata(data) == [], f"{what} still carries {has_metadata(data)}"


@pytest.mark.parametrize("case", list(FILES))
def test_the_admin_upload_stores_no_metadata(editor_client, case):
    name, make = FILES[case]
    if name.endswith("webp") and not features.check("webp"):
        pytest.skip("this Pillow has no WebP")
    data = make()
    assert has_metadata(data)  # the file as uploaded does carry it
    response = add_image(editor_client, name, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert_clean(image)
    assert image.file_size == image.file.size and image.file_hash  # Wagtail's record is of the stored file


@pytest.mark.parametrize("case", list(FILES))
def test_the_multiple_uploader_stores_no_metadata(editor_client, case):
    name, make = FILES[case]
    if name.endswith("webp") and not features.check("webp"):
        pytest.skip("this Pillow has no WebP")
    response = editor_client.post(
        "/admin/images/multiple/add/", {"files[]": upload(name, make()), "collection": root_collection()}
    )
    assert json.loads(response.content)["success"] is True
    assert_clean(Image.objects.get())


def test_a_sideways_photo_is_stored_upright_and_keeps_its_format(editor_client):
    data = jpeg_with_gps(size=(80, 40), orientation=6)  # stored 80×40, shown turned a quarter clockwise
    assert add_image(editor_client, "sideways.jpg", data).status_code == 302
    image = Image.objects.get()
    with image.file.open("rb") as f, PILImage.open(io.BytesIO(f.read())) as stored:
        assert stored.format == "JPEG" and stored.size == (40, 80)
        assert (image.width, image.height) == (40, 80)
        top, bottom = stored.convert("RGB").getpixel((20, 10)), stored.convert("RGB").getpixel((20, 70))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]  # red half on top, blue below, as a viewer shows it
    assert_clean(image)


def test_an_upright_jpeg_keeps_its_quantisation_tables():
    data = jpeg_with_gps()
    stripped, image_format = uploads.strip_image_metadata(data)
    with PILImage.open(io.BytesIO(data)) as before, PILImage.open(io.BytesIO(stripped)) as after:
        assert image_format == "JPEG" and after.quantization == before.quantization


def test_animation_and_colour_profile_survive():
    stripped, image_format = uploads.strip_image_metadata(gif_with_comment(frames=2))
    with PILImage.open(io.BytesIO(stripped)) as after:
        assert image_format == "GIF" and after.n_frames == 2 and after.info.get("duration") == 120
    profiled = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(profiled, "PNG", icc_profile=b"\x00" * 128)
    with PILImage.open(io.BytesIO(uploads.strip_image_metadata(profiled.getvalue())[0])) as after:
        assert after.info.get("icc_profile") == b"\x00" * 128


def test_the_multiple_uploader_keeps_no_raw_file_when_another_field_is_wrong(editor_client):
    """Wagtail would keep the upload as is in an UploadedFile (a title past 255 characters) and make the image from it."""
    from wagtail.models import UploadedFile

    response = editor_client.post(
        "/admin/images/multiple/add/",
        {"files[]": upload("photo.jpg", jpeg_with_gps()), "collection": root_collection(), "title": "長" * 300},
    )
    result = json.loads(response.content)
    assert result["success"] is False and "這張圖片沒有上傳" in result["error_message"]
    assert not UploadedFile.objects.exists() and not Image.objects.exists()
