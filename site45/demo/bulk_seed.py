"""Many published content pages at once, for measuring costs as content grows (``seed_bulk``).

Adding 10,000 pages one by one through ``add_child`` / ``save_revision`` / ``publish`` takes
most of an hour; this writes the same rows in batches: page rows and their type's rows with
tree paths computed here (treebeard's materialised path, ``numchild`` of each section raised
once), one live revision per page, and the pages' ``latest_revision``/``live_revision`` set by
one ``UPDATE`` per batch. The result behaves like pages published through the admin: live, with
a live revision, in their unit's section (the owning unit is the section's unit, as
``ContentPage.save`` would set it).

Which type goes under which section is asked of ``governance.org.matrix`` (through
``ContentPage.can_create_at``'s rule, ``unit_type_allows``), never spelled out here. Pages are
spread evenly over the content types, and for each type round-robin over the sections allowed
to publish it. Signals (``page_published``) are not sent: run ``update_index`` (or pass
``index=True``) for search, and clear any page cache after seeding.
"""

import datetime
import itertools
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision

from site45.governance.org.matrix import CONTENT_TYPE_CODES, unit_type_allows
from site45.home.models import CONTENT_TYPE_LABELS, UnitPage, content_page_models

BATCH = 500
SLUG_PREFIX = "bulk-"
#: Values for fields whose validators a generated text would not pass.
FIELD_VALUES = {"contact_phone": "02-8995-6000", "registration_url": "", "openings_url": "", "video_url": ""}


@dataclass
class BulkResult:
    pages: int = 0
    sections: int = 0
    per_type: dict = None
    indexed: int = 0


class BulkSeeder:
    """Writes ``count`` live pages under the zh-Hant unit sections of an existing tree.

    ``sections`` and ``models`` narrow where and what (the tests' measurements of a grown
    site): only those unit sections, only those page types — still only where Attachment 2
    allows the section's unit to publish the type.
    """

    def __init__(self, count, units=None, locale=None, now=None, owner=None, sections=None, models=None):
        self.count = count
        self.units = units
        self.only_sections = sections
        self.only_models = models
        self.locale = locale or Locale.objects.get(language_code="zh-hant")
        self.now = now or timezone.now()
        self.owner = owner
        self.page_type = ContentType.objects.get_for_model(Page)
        self.images = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True)[:20])

    # --- planning ----------------------------------------------------------------------------

    def sections(self):
        if self.only_sections is not None:
            return list(self.only_sections)
        qs = UnitPage.objects.filter(locale=self.locale).order_by("unit__code")
        if self.units:
            qs = qs[: self.units]
        return list(qs)

    def plan(self, sections):
        """``[(section, model), …]`` of length ``count``: types in turn, each in the least-filled section allowed it."""
        models_by_code = content_page_models()
        if self.only_models is not None:
            models_by_code = {model.matrix_code: model for model in self.only_models}
        allowed = {
            code: [s for s in sections if unit_type_allows(s.unit_type, code)]
            for code in CONTENT_TYPE_CODES
            if code in models_by_code
        }
        allowed = {code: found for code, found in allowed.items() if found}
        if not allowed:
            return []
        codes = itertools.cycle(list(allowed))
        load = dict.fromkeys((s.pk for s in sections), 0)
        plan = []
        for _n in range(self.count):
            code = next(codes)
            # The least-filled section allowed this type: every section gets pages early on.
            section = min(allowed[code], key=lambda s: load[s.pk])
            load[section.pk] += 1
            plan.append((section, models_by_code[code]))
        return plan

    def _next_positions(self, sections):
        """The last child step of each section (0 for none), from one grouped query."""
        if not sections:
            return {}
        depth = sections[0].depth
        steplen = Page.steplen
        rows = (
            Page.objects.filter(depth=depth + 1, path__startswith=sections[0].path[: (depth - 1) * steplen])
            .annotate(parent_path=models.functions.Substr("path", 1, depth * steplen))
            .filter(parent_path__in=[s.path for s in sections])
            .values("parent_path")
            .annotate(last=models.Max("path"))
            .values_list("parent_path", "last")
        )
        last = {parent: Page._str2int(path[-steplen:]) for parent, path in rows}
        return {s.pk: last.get(s.path, 0) for s in sections}

    def _first_number(self):
        numbers = [
            int(slug[len(SLUG_PREFIX) :])
            for slug in Page.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
            if slug[len(SLUG_PREFIX) :].isdigit()
        ]
        return max(numbers, default=0) + 1

    # --- one page ----------------------------------------------------------------------------

    def _when(self, n, model):
        """Spread dates over two years; events half upcoming, half past."""
        days = (n * 7919) % 730
        when = self.now - datetime.timedelta(days=days, minutes=n % 1440)
        if model.matrix_code == "event" and n % 2:
            when = self.now + datetime.timedelta(days=days % 120 + 1, minutes=n % 1440)
        return when

    def _field_values(self, model, n, when):
        values = {}
        for field in model._meta.local_concrete_fields:
            if field.primary_key or isinstance(field, models.ForeignKey) or field.name in ("summary", "body"):
                continue
            if field.name in FIELD_VALUES:
                values[field.name] = FIELD_VALUES[field.name]
            elif field.name == model.date_field:
                values[field.name] = when if isinstance(field, models.DateTimeField) else when.date()
            elif field.choices:
                choices = [value for value, _label in field.flatchoices if value != ""]
                values[field.name] = choices[n % len(choices)]
            elif field.has_default() or field.null or field.blank:
                continue
            elif isinstance(field, models.DateTimeField):
                values[field.name] = when
            elif isinstance(field, models.DateField):
                values[field.name] = when.date()
            elif isinstance(field, (models.CharField, models.TextField)):
                text = f"{field.verbose_name}{n}"
                values[field.name] = text[: field.max_length] if field.max_length else text
        if "end_at" in values and "start_at" in values:
            values["end_at"] = values["start_at"] + datetime.timedelta(hours=3)
        return values

    def _image_values(self, model, n):
        names = [f.name for f in model._meta.local_concrete_fields if f.name in ("cover_image", "photo")]
        if not names or not self.images or n % 2:
            return {}
        values = {f"{names[0]}_id": self.images[n % len(self.images)]}
        if hasattr(model, "photo_consent") and names[0] == "photo":
            values.update(photo_consent=True, photo_consent_date=self.now.date())
        return values

    def build(self, section, model, n, path, number):
        when = self._when(n, model)
        published = min(when, self.now)
        label = CONTENT_TYPE_LABELS[model.matrix_code]
        title = f"{label}第{number}則：中高齡就業服務消息"
        page = model(
            title=title,
            draft_title=title,
            slug=f"{SLUG_PREFIX}{number}",
            path=path,
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}{SLUG_PREFIX}{number}/",
            locale_id=section.locale_id,
            translation_key=uuid.uuid4(),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            owner=self.owner,
            unit_id=section.unit_id,
            summary=f"{section.title}的{label}，量測用第{number}頁。",
            body=[
                {
                    "type": "paragraph",
                    "value": f"<p>{label}內文第{number}則，提供中高齡者就業資訊。</p>",
                    "id": str(uuid.uuid4()),
                }
            ],
            **self._field_values(model, n, when),
            **self._image_values(model, n),
        )
        # No attachments, comments…: set the in-memory lists so serialising asks no query.
        for relation in get_all_child_relations(page):
            setattr(page, relation.get_accessor_name(), [])
        return page

    # --- writing -----------------------------------------------------------------------------

    @transaction.atomic
    def run(self):
        sections = self.sections()
        plan = self.plan(sections)
        result = BulkResult(sections=len({s.pk for s, _m in plan}), per_type={})
        if not plan:
            return result
        positions = self._next_positions(sections)
        added = dict.fromkeys(positions, 0)
        number = self._first_number()
        pages = []
        for n, (section, model) in enumerate(plan):
            positions[section.pk] += 1
            added[section.pk] += 1
            path = Page._get_path(section.path, section.depth + 1, positions[section.pk])
            pages.append(self.build(section, model, n, path, number + n))
            result.per_type[model.matrix_code] = result.per_type.get(model.matrix_code, 0) + 1

        by_model = {}
        for page in pages:
            by_model.setdefault(type(page), []).append(page)
        for model, group in by_model.items():
            for start in range(0, len(group), BATCH):
                self._insert(model, group[start : start + BATCH])

        for section_pk, count in added.items():
            if count:
                Page.objects.filter(pk=section_pk).update(numchild=models.F("numchild") + count)
        result.pages = len(pages)
        self.pages = pages
        return result

    def _insert(self, model, batch):
        page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
        rows = Page._base_manager._insert(batch, fields=page_fields, returning_fields=[Page._meta.pk])
        for page, (pk,) in zip(batch, rows, strict=True):
            page.pk = page.id = pk
            page.page_ptr_id = pk
            page._state.adding = False
        own_fields = model._meta.local_concrete_fields
        model._base_manager._insert(batch, fields=own_fields)

        revisions = [
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=self.page_type,
                object_id=str(page.pk),
                created_at=page.latest_revision_created_at,
                user=self.owner,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in batch
        ]
        Revision.objects.bulk_create(revisions)
        newest = (
            Revision.objects.filter(base_content_type=self.page_type, object_id=Cast(OuterRef("pk"), CharField()))
            .order_by("-pk")
            .values("pk")[:1]
        )
        Page.objects.filter(pk__in=[p.pk for p in batch]).update(
            latest_revision=Subquery(newest), live_revision=Subquery(newest)
        )

    # --- search ------------------------------------------------------------------------------

    def index(self):
        """Index the new pages through each search backend's own bulk path (as ``update_index``)."""
        from modelsearch.backends import get_search_backends

        by_model = {}
        for page in getattr(self, "pages", []):
            by_model.setdefault(type(page), []).append(page.pk)
        total = 0
        for backend in get_search_backends(with_auto_update=True):
            for model, pks in by_model.items():
                for start in range(0, len(pks), BATCH):
                    chunk = list(model.get_indexed_objects().filter(pk__in=pks[start : start + BATCH]).order_by("pk"))
                    backend.add_bulk(model, chunk)
                    total += len(chunk)
        return total
