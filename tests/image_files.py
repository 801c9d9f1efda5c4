"""Images that carry metadata, made with Pillow: GPS in EXIF, XMP, comments, text chunks.

``MARKERS`` are byte strings each builder writes into its file and that must not survive an
upload; ``has_metadata`` says whether a stored or served file still carries any.
"""

import io

from PIL import ExifTags, Image, PngImagePlugin

XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="24,8.4N" exif:GPSLongitude="120,40.5E"/>'
    b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
COMMENT = b"taken at home, Xitun District, Taichung"
MARKERS = (b"Exif", b"GPS", b"xmpmeta", b"Xitun", b"Canon", b"Taichung")


def gps_exif(orientation=None):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "Canon EOS R5"
    exif[ExifTags.Base.DateTime] = "2026:12:01 08:30:00"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (24.0, 8.0, 24.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (120.0, 40.0, 30.0)
    return exif


def _two_tone(size):
    """Left half red, right half blue: which side is which shows whether a photo was turned."""
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (size[0] // 2, 0, size[0], size[1]))
    return image


def jpeg_with_gps(size=(80, 40), orientation=None):
    out = io.BytesIO()
    _two_tone(size).save(out, "JPEG", quality=90, exif=gps_exif(orientation), comment=COMMENT, xmp=XMP)
    return out.getvalue()


def png_with_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Author", "王小明 Taichung")
    out = io.BytesIO()
    _two_tone((64, 48)).save(out, "PNG", pnginfo=info, exif=gps_exif())
    return out.getvalue()


def webp_with_metadata():
    out = io.BytesIO()
    _two_tone((64, 48)).save(out, "WEBP", exif=gps_exif(), xmp=XMP, quality=90)
    return out.getvalue()


def gif_with_comment(frames=2):
    images = [_two_tone((32, 24)).rotate(180 * n).convert("P") for n in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=frames > 1, append_images=images[1:], comment=COMMENT, duration=120, loop=0)
    return out.getvalue()


def has_metadata(data):
    """The markers found in ``data`` and what Pillow still reads as EXIF, XMP, comments or text."""
    found = [marker.decode() for marker in MARKERS if marker in data]
    with Image.open(io.BytesIO(data)) as image:
        if dict(image.getexif()):
            found.append("exif")
        found += [key for key in image.info if key.lower() in {"exif", "xmp", "comment", "xml:com.adobe.xmp", "author"}]
    return found
