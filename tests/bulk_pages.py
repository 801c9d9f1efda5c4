"""Many live pages at once, for measuring costs as content grows (tests only).

``add_child`` per page takes minutes for thousands of pages; this writes the page rows and their
type's rows in batches with treebeard paths computed here, then raises each section's
``numchild`` once. The pages are live, published and have no revisions; nothing is indexed.
"""

import uuid

from django.db.models import F, Max
from django.utils import timezone
from wagtail.models import Page

BATCH = 500


def add_live_pages(model, sections, count, prefix="bulk", **fields):
    """``count`` live pages of ``model``, spread round-robin over ``sections``; returns their pks."""
    now = timezone.now()
    next_step = {}
    for section in sections:
        last = Page.objects.filter(path__startswith=section.path, depth=section.depth + 1).aggregate(m=Max("path"))["m"]
        next_step[section.pk] = (Page._str2int(last[-Page.steplen:]) if last else 0) + 1
    added = dict.fromkeys(next_step, 0)
    pages = []
    for n in range(count):
        section = sections[n % len(sections)]
        step = next_step[section.pk]
        next_step[section.pk] += 1
        added[section.pk] += 1
        slug = f"{prefix}-{section.pk}-{step}"
        pages.append(model(
            title=f"{prefix}{n}", draft_title=f"{prefix}{n}", slug=slug,
            path=Page._get_path(section.path, section.depth + 1, step), depth=section.depth + 1, numchild=0,
            url_path=f"{section.url_path}{slug}/", locale_id=section.locale_id, translation_key=uuid.uuid4(),
            live=True, has_unpublished_changes=False, first_published_at=now, last_published_at=now,
            unit_id=getattr(section, "unit_id", None), **fields,
        ))
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    for start in range(0, len(pages), BATCH):
        batch = pages[start:start + BATCH]
        rows = Page._base_manager._insert(batch, fields=page_fields, returning_fields=[Page._meta.pk])
        for page, (pk,) in zip(batch, rows, strict=True):
            page.pk = page.id = page.page_ptr_id = pk
        for parent in model._meta.get_parent_list():
            if parent is not Page and not parent._meta.abstract:
                parent._base_manager._insert(batch, fields=parent._meta.local_concrete_fields)
        model._base_manager._insert(batch, fields=model._meta.local_concrete_fields)
    for section_pk, n in added.items():
        if n:
            Page.objects.filter(pk=section_pk).update(numchild=F("numchild") + n)
    return [p.pk for p in pages]
