"""Where uploaded media is stored, from the environment; read by the settings.

- ``AWS_STORAGE_BUCKET_NAME`` unset (default): ``MEDIA_ROOT`` on the local disk
  (``FileSystemStorage``) — one server, or a shared volume.
- ``AWS_STORAGE_BUCKET_NAME`` set: an S3-compatible bucket through django-storages
  (``site45.core.media_storage.PublicFoldersS3Storage``), so every app node sees the same files. The
  other variables (all optional): ``AWS_S3_ENDPOINT_URL`` (MinIO, Ceph, a cloud's S3 endpoint;
  unset = AWS), ``AWS_S3_REGION_NAME``, ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``
  (unset: boto3 finds credentials itself, e.g. an instance role), ``AWS_S3_CUSTOM_DOMAIN`` (the
  CDN or public host that serves the bucket's public folders), ``AWS_LOCATION`` (a folder inside
  the bucket).

The bucket is private. Only ``PUBLIC_MEDIA_FOLDERS`` (renditions, avatars) may be readable by
the public (a bucket policy on those prefixes, or the CDN's origin access to them): the storage
links those to the bucket or CDN and everything else (originals, documents, signed application
PDFs) to ``MEDIA_URL``, i.e. to Django's checking views, which read the file from the bucket.
URLs are never signed: a cached page must not carry a link that expires.

This module imports nothing of Django's apps, nor boto3: the settings import it.
"""

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "site45.core.media_storage.PublicFoldersS3Storage"

#: environment variable → django-storages' S3Storage option
S3_OPTIONS_FROM_ENV = {
    "AWS_S3_ENDPOINT_URL": "endpoint_url",
    "AWS_S3_REGION_NAME": "region_name",
    "AWS_ACCESS_KEY_ID": "access_key",
    "AWS_SECRET_ACCESS_KEY": "secret_key",
    "AWS_S3_CUSTOM_DOMAIN": "custom_domain",
    "AWS_LOCATION": "location",
}


def media_storage(environ):
    """``STORAGES["default"]`` for ``environ``: a mapping of the variables above (base.py passes
    them as read through ``site45.settings.environment.env``; unset ones empty)."""
    bucket = (environ.get("AWS_STORAGE_BUCKET_NAME") or "").strip()
    if not bucket:
        return {"BACKEND": FILESYSTEM}
    options = {
        "bucket_name": bucket,
        "querystring_auth": False,  # stable URLs (cached pages); only public folders link here
        "default_acl": None,  # the bucket's policy decides; objects are never made public-read one by one
        "file_overwrite": False,  # a new upload never replaces another file of the same name
    }
    for variable, option in S3_OPTIONS_FROM_ENV.items():
        value = (environ.get(variable) or "").strip()
        if value:
            options[option] = value
    return {"BACKEND": S3, "OPTIONS": options}
