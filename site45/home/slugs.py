"""The slug (網址代稱) of a new content page: the editor's ASCII slug, or a short dated one.

Wagtail fills a slug from the title, in the browser (the ``w-slug`` controller) and in
``Page.full_clean``. With Unicode slugs allowed (Wagtail's default, kept here so that the
Chinese slugs of existing pages stay valid and unchanged), a Chinese title gives a Chinese
slug, which every link carries percent-encoded (``/units/tw-txg/%E8%87%BA%E4%B8%AD…/``). A new
content page gets ``<date>-<type>`` instead (``2026-12-07-event``), with ``-2``, ``-3``… when a
sibling already holds it: when the slug is left empty, or when it holds anything but ASCII.
An ASCII slug the editor typed is kept, and no existing page's slug is ever rewritten.
"""

import re

from django.utils import timezone

#: A title that the browser should turn into the dated slug: one with any non-ASCII character.
NON_ASCII_TITLE = re.compile(r"^.*[^\x00-\x7f].*$", re.DOTALL)

#: The longest dated slug: ``2026-12-07-generation-cooperation-999`` has 37 characters.
MAX_DATED_SLUG_LENGTH = 40

_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-(?P<type>[a-z-]+?)(?:-\d+)?$")


def dated_base(matrix_code, day=None):
    """``2026-12-07-event``: the day (Taipei's today unless given) and the content type."""
    day = day or timezone.localdate()
    return f"{day:%Y-%m-%d}-{matrix_code.replace('_', '-')}"


def dated_slug(parent, matrix_code, day=None):
    """The first free dated slug among ``parent``'s children, in one query."""
    base = dated_base(matrix_code, day)
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


def is_dated(slug, matrix_code):
    """Whether ``slug`` has the dated shape of ``matrix_code`` (as the browser or the server made it)."""
    found = _DATED.match(slug or "")
    return bool(found) and found.group("type") == matrix_code.replace("_", "-")


def needs_dated_slug(slug):
    """An empty slug, or one that is not all ASCII (the browser's slug of a Chinese title)."""
    return not slug or not slug.isascii()
