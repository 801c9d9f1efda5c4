"""Image originals (``MEDIA_URL/original_images/…``) go through this view, not the web server.

Wagtail links an image's original file straight into the media folder (the API's
``download_url``, the admin). That folder would hand any uploaded photo to anyone who has its
name — a draft's, or one nothing uses yet. Here the original is served only to whoever may
fetch the image (``public_media.may_fetch``); anyone else gets a 404, as for a missing file.
Renditions (``MEDIA_URL/images/``) stay plain files the web server or CDN serves: they are
made for the pages that show them (see README, *Running in production*).
"""

import mimetypes

from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from .public_media import is_public, may_fetch

ORIGINALS_FOLDER = "original_images/"


@require_safe
def image_original(request, name):
    image = get_image_model().objects.filter(file=ORIGINALS_FOLDER + name).first()
    if image is None or not may_fetch(request.user, image):
        raise Http404("No image matches the given query.")
    try:
        handle = image.file.open("rb")
    except FileNotFoundError as e:
        raise Http404("No image matches the given query.") from e
    content_type = mimetypes.guess_type(image.file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if is_public(image):
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
