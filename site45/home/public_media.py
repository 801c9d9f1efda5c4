"""Which images and documents the public may fetch. The one place for it.

A file is public when the live content of a live, public page uses it, or when it sits in the
shared collection 「公開共用」 (``governance/permissions/unit_media.py``). An image a page type withholds
(a success case photo without recorded consent, ``cases``) that no live, public page showing it
uses is never public, whatever else uses it.

"Used by the live content" comes from Wagtail's reference index. Its rows for a page are
rebuilt from the page's database row, which holds the live content of a live page: saving a
newer draft stores a revision and changes only bookkeeping columns of the row, and the draft's
attachments stay in the revision. A never-published page's row holds its draft, but such a
page is not live. So "referenced by a live, public page in the index" is exactly "used by what
the public sees". Each rule below is one subquery: a listing costs the same whatever its size.

Renditions (``MEDIA_URL/images/``) stay plain files a web server or CDN serves to anyone who
has their URL, and a rendition's name is the original's name plus the filter. Wagtail keeps an
upload's own name, transliterated to ASCII ("王小明.jpg" becomes "WangXiaoMing.jpg", a
phone's "IMG_1234.jpg" stays), so :func:`make_image_name_unguessable` puts 64 random bits in front of
every new image's file name: a draft's rendition cannot be found by guessing.

Used by the API's images and documents endpoints (``api.py``), the document serve view
(``before_serve_document`` in ``wagtail_hooks.py``) and the image originals (``media_views.py``).
Members who may choose or change a file in the admin still fetch it (their unit's drafts), and
so does the reviewer assigned to a submission whose draft uses it (a supervising county's
reviewer opens a service point's attachment).
"""

import os
import secrets

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField, Q
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, TaskState
from wagtail.permissions import policy_registry

from site45.governance.permissions.unit_media import public_collection_id
from site45.governance.review.task import UnitReviewTaskState

from .models import content_page_models


def used_by_live_public_pages(model):
    """A subquery of the ids of ``model`` objects the live content of live, public pages uses."""
    live_pages = Page.objects.live().public().order_by().annotate(key=Cast("pk", CharField())).values("key")
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            object_id__in=live_pages,
        )
        .order_by()
        .annotate(target=Cast("to_object_id", BigIntegerField()))
        .values("target")
    )


def unshown_personal_images():
    """Images a page type withholds (a success case photo without consent) that no live, public
    page showing them uses, as one subquery of ids per such field: the type says which of its
    pages show a field (``ContentPage.shown_publicly``)."""
    unshown = []
    for model, field in _withheld_image_fields():
        with_image = model.objects.filter(**{f"{field}__isnull": False})
        shown = with_image.live().public().filter(model.shown_publicly(field)).values(f"{field}_id")
        unshown.append(with_image.exclude(**{f"{field}_id__in": shown}).values(f"{field}_id"))
    return unshown


def _withheld_image_fields():
    """``(page model, image field name)`` for each image field a content type withholds."""
    image_model = get_image_model()
    for model in content_page_models().values():
        for field in model._meta.get_fields():
            related = field.related_model if field.many_to_one else None
            is_image = isinstance(related, type) and issubclass(related, image_model)
            if is_image and model.shown_publicly(field.name):
                yield model, field.name


def _public(model):
    rule = Q(pk__in=used_by_live_public_pages(model))
    shared = public_collection_id()
    if shared is not None:
        rule |= Q(collection_id=shared)
    return model.objects.filter(rule)


def public_images():
    images = _public(get_image_model())
    for unshown in unshown_personal_images():
        images = images.exclude(pk__in=unshown)
    return images


def public_documents():
    return _public(get_document_model())


def is_public(obj):
    queryset = public_documents() if isinstance(obj, get_document_model()) else public_images()
    return queryset.filter(pk=obj.pk).exists()


def may_fetch(user, obj):
    """The public rule, or the admin's: whoever may choose or change ``obj`` there may fetch it."""
    if is_public(obj):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    policy = policy_registry.get_by_type(type(obj))
    if policy.user_has_any_permission_for_instance(user, ["choose", "change"], obj):
        return True
    return _used_by_a_draft_under_review_by(user, obj)


def _used_by_a_draft_under_review_by(user, obj):
    """Does a submission waiting for ``user``'s review use ``obj`` in its draft?

    The draft is the revision under review, not the page row (which holds the live content),
    so its references are read from the revision with the reference index's own extractor.
    A reviewer has a handful of waiting submissions; this runs for one file at a time.
    """
    target = (ReferenceIndex._get_base_content_type(type(obj)).id, str(obj.pk))
    states = UnitReviewTaskState.objects.filter(
        reviewer=user, status=TaskState.STATUS_IN_PROGRESS, revision__isnull=False
    ).select_related("revision")
    for state in states:
        draft = state.revision.as_object()
        if any(reference[:2] == target for reference in ReferenceIndex._extract_references_from_object(draft)):
            return True
    return False


def make_image_name_unguessable(sender, instance, raw=False, **kwargs):
    """``pre_save`` of the image model: a new file's name starts with 16 random hex digits.

    Runs before the file field stores the upload, so the original and every rendition carry it.
    """
    file = instance.file
    if raw or not file or getattr(file, "_committed", True):
        return
    file.name = f"{secrets.token_hex(8)}-{os.path.basename(file.name)}"
