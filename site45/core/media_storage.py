"""Media in an S3-compatible bucket (``site45/core/storage_config.py`` says when and how).

One rule on top of django-storages' ``S3Storage``: a file's URL points at the bucket (or its
CDN) only inside ``PUBLIC_MEDIA_FOLDERS`` (renditions and avatars, what a web server may serve
as plain files on the disk too). Every other file — an image's original, a document, a signed
application PDF — is linked under ``MEDIA_URL`` as on the disk, so links go to Django's views
that check who may fetch it (``home/media_views.py``, Wagtail's document serve view with
``before_serve_document``), and those read the file from the bucket.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


def is_public_name(name):
    return any(name.startswith(folder) for folder in settings.PUBLIC_MEDIA_FOLDERS)


class PublicFoldersS3Storage(S3Storage):
    def url(self, name, *args, **kwargs):
        if is_public_name(name):
            return super().url(name, *args, **kwargs)
        return settings.MEDIA_URL + filepath_to_uri(name)
