"""How long submissions have waited for their 單位審核, for the dashboards.

- ``waited_for``: 「3 天 5 小時」 from a time span (the reviewer's queue, the system
  administrator's needs-action panel);
- ``in_review``: every 單位審核 state in progress across the site, oldest first;
- ``waiting_rows``: a few of those states with what a dashboard row shows (title, owning unit,
  submitter, reviewer, how long waited) at a fixed number of queries.

The owning unit of a page is the unit of the section (單位專區) it lies in — the page tree
carries ownership (README, "The tree carries ownership"); it is read from the sections, one
query per section model, so that the content types of the pages cost nothing.
"""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Page, TaskState

from ..org.models import section_models
from .task import UnitReviewTaskState


def waited_for(delta):
    """「3 天 5 小時」, 「5 小時」, 「不到 1 小時」: how long a submission has waited."""
    days, hours = delta.days, delta.seconds // 3600
    if days <= 0 and hours <= 0:
        return _("不到 1 小時")
    parts = []
    if days > 0:
        parts.append(ngettext("%(count)d 天", "%(count)d 天", days) % {"count": days})
    if hours > 0:
        parts.append(ngettext("%(count)d 小時", "%(count)d 小時", hours) % {"count": hours})
    return " ".join(parts)


def in_review():
    """Every in-progress 單位審核 state of the site, the one waiting longest first (with its
    submitter and reviewer)."""
    return (
        UnitReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state__requested_by", "reviewer")
        .order_by("started_at", "pk")
    )


def _ancestor_paths(path):
    step = Page.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def _units_by_section_path(pages):
    """{section path: unit} for the sections the ``pages`` lie in (one query per section model)."""
    paths = {ancestor for page in pages for ancestor in _ancestor_paths(page.path)}
    found = {}
    if not paths:
        return found
    for model in section_models():
        for section in model.objects.filter(path__in=paths).select_related("unit").only("path", "unit"):
            found[section.path] = section.unit
    return found


def waiting_rows(states, now=None):
    """Dashboard rows for ``states`` (task states of pages, e.g. a slice of ``in_review()``), in
    their order.

    Three queries plus one per section model, however many states: the states (with their
    submitter and reviewer), their pages, the sections those lie in.
    """
    now = now or timezone.now()
    states = list(states)
    page_ids = {int(s.workflow_state.object_id) for s in states if s.workflow_state.object_id.isdigit()}
    pages = Page.objects.filter(pk__in=page_ids).only("pk", "path", "title", "draft_title").in_bulk()
    units = _units_by_section_path(pages.values())
    rows = []
    for state in states:
        object_id = state.workflow_state.object_id
        page = pages.get(int(object_id)) if object_id.isdigit() else None
        if page is None:
            continue
        unit = next((units[p] for p in reversed(_ancestor_paths(page.path)) if p in units), None)
        rows.append(
            {
                "state": state,
                "title": page.get_admin_display_title(),
                "unit": unit,
                "submitter": state.workflow_state.requested_by,
                "reviewer": state.reviewer,
                "started_at": state.started_at,
                "waited": waited_for(now - state.started_at),
                "edit_url": reverse("wagtailadmin_pages:edit", args=(quote(page.pk),)),
            }
        )
    return rows
