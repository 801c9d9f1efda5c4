"""E-mail for the 單位審核 workflow (SPEC §5), in zh-Hant.

- submitted: the responsible reviewer (``UnitReviewTaskState.reviewer``) is told;
- moved to a new reviewer (membership change mid-review): the new reviewer is told;
- approved (published) / rejected: the submitter is told — a rejection with the comment.

Wagtail's own workflow e-mails are replaced, not doubled: its notifiers are connected with
fixed ``dispatch_uid``s, and this module connects its receivers under the same uids (and
disconnects Wagtail's first, whichever app became ready first). Wagtail's "submitted" mail to
every superuser is dropped on purpose: exactly one person — the responsible reviewer — is
asked to review, and the system administrator gets the mail when they are that person.

Mail is sent through ``site45.core.mail`` (templates under ``templates/mail/review/``) while
the action runs, as Wagtail does, in the recipient's admin language; a mail failure is logged
and never undoes an approval or rejection. Each function returns the ``Delivery`` (empty when
nobody was to be told).
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from site45.core import mail
from site45.core.names import full_name

from .task import UnitReviewTaskState, owning_unit

#: Wagtail's receivers for these (signal, uid) pairs are replaced by the ones below.
WAGTAIL_UIDS = {
    "submitted": "workflow_state_submitted_email_notification",
    "approved": "workflow_state_approved_email_notification",
    "rejected": "workflow_state_rejected_email_notification",
}


def _language_for(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return (getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE) if profile else settings.LANGUAGE_CODE


def _edit_url(obj):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if isinstance(obj, Page):
        return base + reverse("wagtailadmin_pages:edit", args=(quote(obj.pk),))
    return base + reverse("wagtailadmin_home")


def _display_title(obj):
    if hasattr(obj, "get_admin_display_title"):
        return obj.get_admin_display_title()
    return str(obj)


def _person(user):
    """ "Name（username）", or the username; ``None`` when nobody (the template says 未知)."""
    if user is None:
        return None
    name = full_name(user)
    return f"{name}（{user.get_username()}）" if name else user.get_username()


def _send(recipient, kind, context):
    if recipient is None or not recipient.is_active or not recipient.email:
        return mail.Delivery()
    return mail.send(kind, context, [recipient.email], language=_language_for(recipient))


def _page_of(workflow_state):
    obj = workflow_state.content_object
    return obj.specific if isinstance(obj, Page) else obj


def notify_reviewer_assigned(task_state, obj=None, reassigned=False):
    """Tell ``task_state.reviewer`` that a submission waits for them."""
    reviewer = task_state.reviewer
    if reviewer is None:
        return mail.Delivery()
    workflow_state = task_state.workflow_state
    obj = obj if obj is not None else _page_of(workflow_state)
    unit = owning_unit(obj)
    return _send(
        reviewer,
        "review/reassigned" if reassigned else "review/assigned",
        lambda: {
            "name": _person(reviewer),
            "title": _display_title(obj),
            "unit": unit.display_name if unit else None,
            "submitter": _person(workflow_state.requested_by),
            "url": _edit_url(obj),
        },
    )


def notify_submitter_decision(workflow_state, approved, user=None):
    """Tell the submitter that ``workflow_state`` was approved (published) or rejected."""
    submitter = workflow_state.requested_by
    if submitter is None or (user is not None and submitter.pk == user.pk):
        return mail.Delivery()
    obj = _page_of(workflow_state)
    task_state = workflow_state.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    return _send(
        submitter,
        "review/approved" if approved else "review/rejected",
        lambda: {
            "name": _person(submitter),
            "title": _display_title(obj),
            "reviewer": _person(user),
            "comment": comment,
            "url": _edit_url(obj),
        },
    )


# --- receivers ------------------------------------------------------------------------------


def on_task_submitted(sender, instance, user=None, **kwargs):
    notify_reviewer_assigned(instance)


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """Replaces Wagtail's mail to every superuser; the task's own mail reaches the reviewer."""


def on_workflow_approved(sender, instance, user=None, **kwargs):
    notify_submitter_decision(instance, approved=True, user=user)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    notify_submitter_decision(instance, approved=False, user=user)


def connect():
    task_submitted.connect(
        on_task_submitted, sender=UnitReviewTaskState, dispatch_uid="governance_unit_review_submitted"
    )
    for signal, receiver, key in (
        (workflow_submitted, on_workflow_submitted, "submitted"),
        (workflow_approved, on_workflow_approved, "approved"),
        (workflow_rejected, on_workflow_rejected, "rejected"),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=WAGTAIL_UIDS[key])
        signal.connect(receiver, sender=WorkflowState, dispatch_uid=WAGTAIL_UIDS[key])
