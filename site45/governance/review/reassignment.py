"""Open reviews follow the responsible reviewer (SPEC §4, §5).

When memberships change (a role revoked, a user moved or deactivated, a seat filled), every
in-progress 單位審核 is re-resolved through ``task.responsible_reviewer``; a state that moves
is given to the new reviewer, who is mailed, and the move is written to the page's audit log.
"""

import logging

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.log_actions import log
from wagtail.models import Page, TaskState

from ..org.models import Membership
from .notifications import notify_reviewer_assigned
from .task import UnitReviewTaskState, owning_unit, responsible_reviewer

logger = logging.getLogger(__name__)

REASSIGN_LOG_ACTION = "governance.unit_review.reassign"


def reassign_open_reviews():
    """Re-resolve the reviewer of every in-progress 單位審核; returns the states that moved.

    Called when memberships or users change. Pages are fetched in bulk and each
    (unit, submitter) pair is resolved once, so the cost does not grow per waiting task.
    """
    states = list(
        UnitReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "workflow_state__requested_by"
        )
    )
    if not states:
        return []
    page_ids = {int(s.workflow_state.object_id) for s in states if s.workflow_state.object_id.isdigit()}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    resolved = {}
    moved = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id)) if state.workflow_state.object_id.isdigit() else None
        if page is None:
            continue
        submitter = state.workflow_state.requested_by
        unit = owning_unit(page)
        key = (getattr(unit, "pk", None), getattr(submitter, "pk", None))
        if key not in resolved:
            resolved[key] = responsible_reviewer(page, submitter)
        reviewer = resolved[key]
        new_id = getattr(reviewer, "pk", None)
        if new_id == state.reviewer_id:
            continue
        previous = state.reviewer
        UnitReviewTaskState.objects.filter(pk=state.pk).update(reviewer=reviewer)
        state.reviewer = reviewer
        moved.append(state)
        _log_reassignment(page, state, previous, reviewer)
        notify_reviewer_assigned(state, page, reassigned=True)
    return moved


def _log_reassignment(page, state, previous, reviewer):
    try:
        log(
            instance=page,
            action=REASSIGN_LOG_ACTION,
            data={
                "task_state_id": state.pk,
                "previous_reviewer": getattr(previous, "pk", None),
                "previous_reviewer_name": str(previous) if previous else "",
                "reviewer": getattr(reviewer, "pk", None),
                "reviewer_name": str(reviewer) if reviewer else "",
            },
            revision=state.revision,
        )
    except Exception:  # the audit entry must never block a membership change
        logger.exception("Could not log the reassignment of task state %s", state.pk)


def _reassign(**kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures
    reassign_open_reviews()


def membership_changed(sender, instance, **kwargs):
    _reassign(**kwargs)


def user_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """A user's ``is_active`` may have changed (or the user was deleted)."""
    if created:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return  # e.g. the last_login update on every sign-in
    _reassign(**kwargs)


def connect():
    """Called from the app's ``ready()``: in the site, the shell, commands and tests alike."""
    post_save.connect(membership_changed, sender=Membership, dispatch_uid="governance_review_membership_saved")
    post_delete.connect(membership_changed, sender=Membership, dispatch_uid="governance_review_membership_deleted")
    post_save.connect(user_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="governance_review_user_saved")
    post_delete.connect(user_changed, sender=settings.AUTH_USER_MODEL, dispatch_uid="governance_review_user_deleted")
