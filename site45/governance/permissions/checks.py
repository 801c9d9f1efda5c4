"""``manage.py check`` reports content pages that break Attachment 2.

The admin refuses to create or move a page of a type into a section whose unit type may not
publish it (``ContentPage.can_create_at`` / ``can_move_to`` ask ``matrix.py``). Pages that got
there another way — an import, a script, a database restore — are found here, so an agency can
correct them after loading data: every content page must sit directly in a unit's section whose
unit type ``matrix.unit_type_allows`` its type.

Duck typing as everywhere in this app: a content type is any page model with a ``matrix_code``,
a section any with ``is_unit_section``. The check costs two queries whatever the size of the
tree (sections; content pages as plain values) and is joined on the tree path in Python.
It is a *warning*: ``manage.py check`` prints it (``--fail-level WARNING`` makes it fail), but it
does not stop other management commands, such as the daily account rules, from running.
"""

import os

from django.core import checks
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page, get_page_models

from ..org.matrix import CONTENT_TYPE_CODES, load_matrix, unit_type_allows

#: Warnings beyond this many are summed up in one line.
MAX_LISTED = 50
CHECK_ID = "governance.W001"


def _content_models():
    """``{(app_label, model_name): model}`` of every content page model: one whose class
    declares its ``matrix_code`` as a string of Attachment 2 (a type index page has a
    ``matrix_code`` *field*, which is not a declaration and is left out)."""
    return {
        (m._meta.app_label, m._meta.model_name): m
        for m in get_page_models()
        if isinstance(getattr(m, "matrix_code", None), str) and m.matrix_code in CONTENT_TYPE_CODES
    }


def _sections():
    """``{path: (unit_type, unit code, unit name)}`` of every unit section (any language)."""
    sections = {}
    for model in get_page_models():
        if getattr(model, "is_unit_section", False):
            rows = model.objects.values_list("path", "unit_type", "unit__code", "unit__name_zh")
            sections.update({path: rest for path, *rest in rows})
    return sections


def misplaced_pages():
    """``[(page id, title, model, section or None)]`` of content pages outside the matrix."""
    models = _content_models()
    if not models:
        return []
    sections = _sections()
    by_type = Q()
    for app_label, model_name in models:
        by_type |= Q(content_type__app_label=app_label, content_type__model=model_name)
    rows = (
        Page.objects.filter(by_type)
        .values_list("pk", "title", "path", "content_type__app_label", "content_type__model")
        .order_by("path")
    )
    found = []
    for pk, title, path, app_label, model_name in rows.iterator(chunk_size=2000):
        model = models[(app_label, model_name)]
        section = sections.get(path[: -Page.steplen])
        if section is None or not unit_type_allows(section[0], model.matrix_code):
            found.append((pk, title, model, section))
    return found


def _message(pk, title, model, section):
    type_name = str(model._meta.verbose_name)
    if section is None:
        return _("頁面「%(title)s」（編號 %(pk)s，%(type)s）不在任何單位專區之下，無法判定發布單位。") % {
            "title": title,
            "pk": pk,
            "type": type_name,
        }
    unit_type, code, name = section
    rules = load_matrix().get(unit_type)
    return _(
        "頁面「%(title)s」（編號 %(pk)s，%(type)s）位於「%(unit)s」（代碼 %(code)s）的單位專區；"
        "依附件 2，單位類型「%(unit_type)s」不能發布%(type)s。"
    ) % {
        "title": title,
        "pk": pk,
        "type": type_name,
        "unit": name,
        "code": code,
        "unit_type": rules.name_zh if rules else unit_type,
    }


def _no_database_yet():
    """A SQLite file that does not exist yet: opening it would create it, so do not."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return False
    return not os.path.exists(connection.settings_dict["NAME"])


@checks.register()
def check_pages_follow_the_matrix(app_configs=None, **kwargs):
    if _no_database_yet():
        return []
    try:
        with transaction.atomic():
            found = misplaced_pages()
    except DatabaseError:
        return []  # no tables yet (before the first migrate): nothing to report
    hint = _("請將頁面移到其單位類型可發布此類型的單位專區，或刪除該頁面。")
    warnings = [
        checks.Warning(_message(*row), hint=hint, obj=f"page {row[0]}", id=CHECK_ID) for row in found[:MAX_LISTED]
    ]
    if len(found) > MAX_LISTED:
        warnings.append(
            checks.Warning(
                _("另有 %(count)d 個頁面違反附件 2 的發布權限，未逐一列出。") % {"count": len(found) - MAX_LISTED},
                hint=hint,
                id=CHECK_ID,
            )
        )
    return warnings
