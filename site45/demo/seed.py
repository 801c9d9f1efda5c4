"""Idempotent demo seeding behind ``manage.py seed_demo``.

Every object is looked up before it is made: units by code (``load_units``), the site tree by
slug (``build_site_tree`` / ``translate_site_tree``), images and documents by title, content
pages by slug inside their unit's section, English pages through their translation key, and
the admin by username. A second run therefore changes nothing.
"""

import datetime
import os
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from site45.governance.calendar.seed import seed_calendar
from site45.governance.models import Unit
from site45.governance.org.loaders import load_units
from site45.governance.permissions.unit_media import public_collection
from site45.home.models import PageAttachment, content_page_models
from site45.home.tree import build_site_tree, section_for, translate_site_tree

from .content import DEMO_NOTE_EN, DEMO_NOTE_ZH, DOCUMENTS, IMAGES, PAGES, At, Days
from .files import make_image, make_odt, make_pdf
from .team import ensure_demo_applications, ensure_team, ensure_waiting_submissions

ADMIN_USERNAME = "admin"
ADMIN_EMAIL = "admin@example.com"
DEFAULT_ADMIN_PASSWORD = "demo-45plus-admin"
TAIPEI = ZoneInfo("Asia/Taipei")
_ID_NAMESPACE = uuid.UUID("6f2d0c4e-45a0-4c1d-9d3e-5e1d0a45f001")


class DemoDataError(ImproperlyConfigured):
    """The demo data does not fit the rules (e.g. a type placed in a unit that may not publish it)."""


@dataclass
class SeedResult:
    units_created: int = 0
    images_created: int = 0
    documents_created: int = 0
    pages_created: int = 0
    pages_existing: int = 0
    translations_created: int = 0
    translations_existing: int = 0
    admin_created: bool = False
    admin_password: str | None = None  # None: an existing admin kept a password we do not know
    team_created: list = field(default_factory=list)
    submissions_created: list = field(default_factory=list)
    search_hits: int = 0
    pages: dict = field(default_factory=dict)  # slug -> zh-Hant page


def admin_password():
    return os.environ.get("DEMO_ADMIN_PASSWORD") or DEFAULT_ADMIN_PASSWORD


# --- values ----------------------------------------------------------------------------------


def resolve(value, today):
    if isinstance(value, Days):
        return today + datetime.timedelta(days=value.n)
    if isinstance(value, At):
        hour, minute = (int(x) for x in value.time.split(":"))
        day = today + datetime.timedelta(days=value.n)
        return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TAIPEI)
    return value


def build_body(blocks, images, key, note):
    """StreamField raw data from the tuples of content.py, with stable block ids."""
    raw = []
    for n, block in enumerate([*blocks, ("p", note)]):
        kind = block[0]
        if kind == "h":
            item = {"type": "heading", "value": block[1]}
        elif kind == "p":
            item = {"type": "paragraph", "value": f"<p>{escape(block[1])}</p>"}
        elif kind == "ul":
            items = "".join(f"<li>{escape(text)}</li>" for text in block[1])
            item = {"type": "paragraph", "value": f"<ul>{items}</ul>"}
        elif kind == "img":
            _kind, image_key, alt, caption = block
            item = {"type": "image", "value": {"image": images[image_key].pk, "alt_text": alt, "caption": caption}}
        else:
            raise DemoDataError(f"unknown body block {kind!r} in {key}")
        item["id"] = str(uuid.uuid5(_ID_NAMESPACE, f"{key}/{n}"))
        raw.append(item)
    return raw


# --- files -----------------------------------------------------------------------------------


def _in_shared_collection(obj, shared):
    """Demo files go to 「公開共用」 so every demo unit may choose them (a demo seeded before
    collections existed has them in the root: moved once)."""
    if obj.collection_id != shared.pk and obj.collection.is_root():
        obj.collection = shared
        obj.save(update_fields=["collection"])


def ensure_images():
    Image = get_image_model()
    shared = public_collection()
    found, created = {}, 0
    for key, spec in IMAGES.items():
        image = Image.objects.filter(title=spec["title"]).order_by("pk").first()
        if image is None:
            data = make_image(spec["label"], spec["colours"], spec["motif"])
            image = Image(
                title=spec["title"], file=ContentFile(data, name=f"demo-{key.replace('_', '-')}.png"), collection=shared
            )
            image._set_image_file_metadata()
            image.save()
            created += 1
        _in_shared_collection(image, shared)
        found[key] = image
    return found, created


def ensure_documents():
    Document = get_document_model()
    shared = public_collection()
    found, created = {}, 0
    for key, spec in DOCUMENTS.items():
        document = Document.objects.filter(title=spec["title"]).order_by("pk").first()
        if document is None:
            if spec["kind"] == "pdf":
                data = make_pdf(spec["title"], spec["lines"])
            else:
                data = make_odt(spec["title"], spec["paragraphs"])
            document = Document(title=spec["title"], file=ContentFile(data, name=spec["filename"]), collection=shared)
            document._set_document_file_metadata()
            document.save()
            created += 1
        _in_shared_collection(document, shared)
        found[key] = document
    return found, created


# --- admin -----------------------------------------------------------------------------------


def ensure_admin():
    """The demo superuser. An existing admin keeps its password (never silently reset)."""
    User = get_user_model()
    password = admin_password()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    created = user is None
    if created:
        user = User.objects.create_superuser(ADMIN_USERNAME, ADMIN_EMAIL, password)
    else:
        missing = [f for f in ("is_superuser", "is_staff", "is_active") if not getattr(user, f)]
        if missing:
            for name in missing:
                setattr(user, name, True)
            user.save(update_fields=missing)
    known = created or user.check_password(password)

    try:
        from wagtail.users.models import UserProfile
    except ImportError:  # pragma: no cover - wagtail.users is installed in this project
        UserProfile = None
    if UserProfile is not None:
        profile = UserProfile.get_for_user(user)
        if profile.preferred_language != "zh-hant":
            profile.preferred_language = "zh-hant"
            profile.save(update_fields=["preferred_language"])
    return user, created, (password if known else None)


# --- pages -----------------------------------------------------------------------------------


def _attachments(pairs, documents):
    return [PageAttachment(document=documents[key], title=title, sort_order=n) for n, (key, title) in enumerate(pairs)]


def ensure_page(spec, index, zh, images, documents, owner, today):
    """The zh-Hant page of ``spec``, created and published if it is not there yet."""
    models = content_page_models()
    model = models[spec["type"]]
    unit = Unit.objects.get(code=spec["unit"])
    section = section_for(unit, locale=zh)
    if section is None:
        raise DemoDataError(f"unit {unit.code} has no section; run build_site_tree first")
    if not model.can_create_at(section):
        raise DemoDataError(f"{spec['type']} may not be published by {unit.code} ({unit.unit_type})")

    existing = Page.objects.child_of(section).filter(slug=spec["slug"]).first()
    if existing is not None:
        if existing.specific_class is not model:
            raise DemoDataError(
                f"{section.url_path}{spec['slug']}/ exists but is a {existing.specific_class.__name__}, "
                f"not a {model.__name__}; rename or move it and run seed_demo again"
            )
        return existing.specific, False

    fields = {name: resolve(value, today) for name, value in spec.get("fields", {}).items()}
    page = model(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        body=build_body(spec["body"], images, f"{spec['slug']}/zh-hant", DEMO_NOTE_ZH),
        owner=owner,
        **fields,
    )
    if model.date_field == "first_published_at":
        # Types dated by publication: spread them over the past weeks so listings look lived-in.
        page.first_published_at = datetime.datetime.combine(
            today - datetime.timedelta(days=5 + 9 * index), datetime.time(10, 0), tzinfo=TAIPEI
        )
    for image_field in ("cover_image", "photo"):
        if spec.get(image_field):
            setattr(page, image_field, images[spec[image_field]])
    if spec.get("attachments"):
        page.attachments = _attachments(spec["attachments"], documents)

    section.add_child(instance=page)
    page.save_revision(user=owner).publish(user=owner)
    if spec.get("expired"):
        # What `publish_scheduled` does once the validity period has ended.
        page = model.objects.get(pk=page.pk)
        page.unpublish(set_expired=True, user=owner)
    return model.objects.get(pk=page.pk), True


def ensure_translation(page, spec_en, en, images, documents, owner, today):
    """The English copy of ``page`` (same translation key), created and published once."""
    existing = page.get_translations().filter(locale=en).first()
    if existing is not None:
        return existing.specific, False
    with translation.override("en"):
        copy = page.copy_for_translation(en).specific
        copy.title = spec_en["title"]
        copy.summary = spec_en["summary"]
        copy.body = build_body(spec_en["body"], images, f"{page.slug}/en", DEMO_NOTE_EN)
        for name, value in spec_en.get("fields", {}).items():
            setattr(copy, name, resolve(value, today))
        if "attachments" in spec_en:
            copy.attachments = _attachments(spec_en["attachments"], documents)
        copy.owner = owner
        copy.first_published_at = page.first_published_at
        copy.save_revision(user=owner).publish(user=owner)
    return type(copy).objects.get(pk=copy.pk), True


# --- everything ------------------------------------------------------------------------------


@transaction.atomic
def seed(today=None):
    """Load units, build the tree, and add the demo content, files, translations and admin."""
    today = today or timezone.localdate()
    result = SeedResult()
    with translation.override("zh-hant"):
        created, _updated = load_units()
        result.units_created = created
        build_site_tree()
        translate_site_tree("en")
        zh = Locale.objects.get(language_code="zh-hant")
        en = Locale.objects.get(language_code="en")

        owner, result.admin_created, result.admin_password = ensure_admin()
        images, result.images_created = ensure_images()
        documents, result.documents_created = ensure_documents()

        per_type = {}
        for spec in PAGES:
            index = per_type[spec["type"]] = per_type.get(spec["type"], -1) + 1
            page, made = ensure_page(spec, index, zh, images, documents, owner, today)
            result.pages[spec["slug"]] = page
            if made:
                result.pages_created += 1
            else:
                result.pages_existing += 1
            if spec.get("en"):
                _copy, made = ensure_translation(page, spec["en"], en, images, documents, owner, today)
                if made:
                    result.translations_created += 1
                else:
                    result.translations_existing += 1

        seed_calendar([today.year - 1, today.year, today.year + 1])
        result.team_created = ensure_team(owner)
        result.submissions_created = ensure_waiting_submissions()
        ensure_demo_applications(today)

    result.search_hits = Page.objects.live().search("就業").count()
    return result
