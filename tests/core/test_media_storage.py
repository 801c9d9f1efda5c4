"""Media in an S3-compatible bucket, against a real S3 server on loopback (moto's server, no
network): ``site45/core/storage_config.py`` and ``site45/core/media_storage.py``.

With ``AWS_STORAGE_BUCKET_NAME`` set every node reads and writes the same bucket. What the
public may fetch does not change: renditions are linked to the bucket (or its CDN), originals
and documents to Django's checking views, which stream them from the bucket — a public one to
anybody, a unit's unused one to nobody anonymous.
"""

import boto3
import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from site45.core.storage_config import FILESYSTEM, S3, media_storage
from site45.governance.models import Unit
from site45.governance.permissions.unit_media import public_collection, unit_collection
from tests.hostile_files import pdf_bytes

BUCKET = "site45-media"


@pytest.fixture
def bucket(settings):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    env = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "site45-test",
        "AWS_SECRET_ACCESS_KEY": "site45-test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="site45-test",
        aws_secret_access_key="site45-test-secret",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(env)}
    try:
        yield client, endpoint
    finally:
        server.stop()


def stored(client, name):
    return client.get_object(Bucket=BUCKET, Key=name)["Body"].read()


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_filesystem_is_the_default_and_the_bucket_is_chosen_by_its_name():
    assert media_storage({}) == {"BACKEND": FILESYSTEM}
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "  "}) == {"BACKEND": FILESYSTEM}
    config = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "b",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.gov.tw",
            "AWS_SECRET_ACCESS_KEY": "",
            "UNRELATED": "x",
        }
    )
    assert config["BACKEND"] == S3
    assert config["OPTIONS"] == {
        "bucket_name": "b",
        "custom_domain": "media.example.gov.tw",
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
    }


def test_a_public_image_is_stored_in_the_bucket_and_served_through_the_checking_view(bucket, client, site_tree):
    s3, endpoint = bucket
    image = get_image_model().objects.create(
        title="共用圖片", file=get_test_image_file(), collection=public_collection()
    )
    original = stored(s3, image.file.name)
    assert image.file.name.startswith("original_images/") and original[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.file.url == "/media/" + image.file.name  # the checking view, not the bucket

    response = client.get(image.file.url)
    assert response.status_code == 200 and body(response) == original

    rendition = image.get_rendition("fill-40x40")
    assert rendition.url == f"{endpoint}/{BUCKET}/{rendition.file.name}"
    assert rendition.file.name.startswith("images/") and stored(s3, rendition.file.name)[:4] == b"\x89PNG"


def test_a_units_unused_image_in_the_bucket_is_refused_to_the_public(bucket, client, site_tree):
    s3, _endpoint = bucket
    image = get_image_model().objects.create(
        title="未使用", file=get_test_image_file(), collection=unit_collection(Unit.objects.get(code="TW-TXG"))
    )
    assert stored(s3, image.file.name)
    assert client.get(image.file.url).status_code == 404


def test_a_public_document_is_streamed_from_the_bucket_by_wagtails_serve_view(bucket, client, site_tree):
    s3, _endpoint = bucket
    Document = get_document_model()
    document = Document(title="共用文件", collection=public_collection())
    document.file.save("shared.pdf", ContentFile(pdf_bytes()), save=False)
    document._set_document_file_metadata()
    document.save()
    assert stored(s3, document.file.name) == pdf_bytes()
    assert document.file.url == "/media/" + document.file.name  # never a link into the bucket

    response = client.get(document.url)
    assert response.status_code == 200 and body(response) == pdf_bytes()

    private = Document(title="單位文件", collection=Collection.get_first_root_node())
    private.file.save("private.pdf", ContentFile(pdf_bytes()), save=False)
    private._set_document_file_metadata()
    private.save()
    assert client.get(private.url).status_code in (403, 404)
