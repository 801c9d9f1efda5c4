"""The 單位審核 workflow task (SPEC §4, §5): one responsible reviewer per submission.

``UnitReviewerTask`` imitates Wagtail's ``AbstractGroupApprovalTask`` but, instead of a group,
each ``UnitReviewTaskState`` carries the one ``reviewer`` that ``resolve_reviewer`` names when
the task starts (from the page's owning unit and the submitter). Only that user:

- finds the submission in "awaiting your review" (dashboard) and "awaiting my review"
  (workflow report) — ``get_task_states_user_can_moderate`` is a single queryset filter;
- gets the approve / reject actions (``get_actions``) and may perform them (``on_action``
  checks again, because a crafted POST can name any task state);
- may open the page in the editor while it is under review (``user_can_access_editor``).

Rejecting needs a comment. Approving finishes the (one-step) workflow, which publishes.

System administrator (superuser): sees every submission in the reports and may open any
editor (Wagtail's superuser rights), but gets approve/reject only when they are the resolved
reviewer (after hq_special's seat, or when hq_special's reviewer submitted). Their own
submissions have no reviewer (``reviewer`` is empty); they publish directly instead.

When memberships change, ``reassignment`` moves the open states to the new responsible
reviewer.

This module never imports the content apps — the owning unit is read with
``getattr(page, "unit", None)``.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, Task, TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved

from .reviewers import resolve_reviewer, system_admin

ACTION_APPROVE = "approve"
ACTION_REJECT = "reject"
#: ``UnitReviewerTask._loaded_open_state``: nothing loaded, ask the database.
NOT_LOADED = object()


class ApproveForm(forms.Form):
    comment = forms.CharField(label=_("審核意見（選填）"), required=False, widget=forms.Textarea({"rows": 2}))


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=_("退回原因"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("退回稿件時必須填寫退回原因。")},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("退回稿件時必須填寫退回原因。"))
        return comment


def owning_unit(obj):
    """The unit that owns ``obj`` (a page or its specific form), or ``None``."""
    unit = getattr(obj, "unit", None)
    if unit is None and isinstance(obj, Page) and type(obj) is Page:
        unit = getattr(obj.specific, "unit", None)
    return unit


def responsible_reviewer(obj, submitter):
    """Who reviews ``obj`` submitted by ``submitter`` — always through ``resolve_reviewer``.

    A page without an owning unit (e.g. the home page) goes to the system administrator.
    """
    unit = owning_unit(obj)
    if unit is not None:
        return resolve_reviewer(unit, submitter)
    admin = system_admin()
    return admin if admin is not None and admin != submitter else None


def may_withdraw_submission(workflow_state, user):
    """Whether ``user`` may cancel (withdraw) a review in progress: its submitter, the page's owner
    or the emergency superuser — not the reviewer.

    Wagtail lets anyone who may approve also cancel the workflow; for a reviewer that would be a
    rejection without the reason 退回 requires. The reviewer answers with 核准 or 退回.
    """
    if not workflow_state.user_can_cancel(user):
        return False
    owner = getattr(workflow_state.content_object, "owner", None)
    return user.is_superuser or user == workflow_state.requested_by or user == owner


class UnitReviewerTask(Task):
    """單位審核: the responsible reviewer of the owning unit approves (publishes) or rejects."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = _("單位審核")
        verbose_name_plural = _("單位審核")

    @classmethod
    def get_description(cls):
        return _("由稿件所屬單位的負責審核人員核准（發布）或退回；審核人員出缺或為送審者本人時，改由上級單位審核。")

    # --- starting -----------------------------------------------------------------------

    def start(self, workflow_state, user=None):
        """Like ``Task.start``, but the state knows its reviewer before anyone is told."""
        obj = workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific
        submitter = workflow_state.requested_by or user
        reviewer = responsible_reviewer(obj, submitter)

        if getattr(obj, "locked_by_id", None) and obj.locked_by_id != getattr(reviewer, "pk", None):
            # As in Wagtail's group approval task: a lock held by someone who cannot review goes.
            obj.locked = False
            obj.locked_by = None
            obj.locked_at = None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])

        task_state = UnitReviewTaskState(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_IN_PROGRESS
        task_state.revision = workflow_state.content_object.get_latest_revision()
        task_state.task = self
        task_state.reviewer = reviewer
        task_state.save()

        task_submitted.send(sender=UnitReviewTaskState, instance=task_state, user=user)
        return task_state

    # --- who may do what ----------------------------------------------------------------

    def _open_states_for(self, obj):
        return UnitReviewTaskState.objects.for_instance(obj).filter(task=self, status=TaskState.STATUS_IN_PROGRESS)

    def _loaded_open_state(self, obj):
        """``obj``'s open state of this task as a page listing loaded it, without a query
        (``page_listings.load_current_task_states``): the state, ``None`` if there is none,
        or ``NOT_LOADED``. A listing row asks ``locked_for_user`` for its buttons."""
        states = getattr(obj, "_current_workflow_states", None)
        if not states or states[0].status != WorkflowState.STATUS_IN_PROGRESS:
            return NOT_LOADED
        task_state = states[0].current_task_state
        specific = task_state.__dict__.get("specific") if task_state is not None else None
        if specific is None:
            return NOT_LOADED
        if (
            isinstance(specific, UnitReviewTaskState)
            and specific.task_id == self.pk
            and (specific.status == TaskState.STATUS_IN_PROGRESS)
        ):
            return specific
        return None

    def is_reviewer_of(self, obj, user):
        """``user`` is the responsible reviewer of ``obj``'s open state of this task."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        loaded = self._loaded_open_state(obj)
        if loaded is not NOT_LOADED:
            return loaded is not None and loaded.reviewer_id == user.pk
        return self._open_states_for(obj).filter(reviewer=user).exists()

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer_of(obj, user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self.is_reviewer_of(obj, user))

    def user_can_lock(self, obj, user):
        return self.is_reviewer_of(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.is_reviewer_of(obj, user):
            return []
        return [
            (ACTION_REJECT, _("退回（須填寫原因）"), True),
            # Wagtail adds 「並發布」 to an approval at the workflow's last task (ours is the only one).
            (ACTION_APPROVE, pgettext_lazy("按鈕", "核准"), False),
            (ACTION_APPROVE, _("核准（附意見）"), True),
        ]

    def get_form_for_action(self, action):
        return RejectForm if action == ACTION_REJECT else ApproveForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """One filter on ``reviewer``; a ``TaskState`` queryset so Wagtail can combine it."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return TaskState.objects.none()
        return TaskState.objects.filter(
            task=self, status=TaskState.STATUS_IN_PROGRESS, unitreviewtaskstate__reviewer=user
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Refuse anything but the responsible reviewer acting on an open state of this task.

        Wagtail's action view checks ``get_actions`` against the page in the URL, but takes the
        task state from the URL too, and the edit view passes the extra data unvalidated — so
        both the reviewer and the reject comment are checked here again.
        """
        state = UnitReviewTaskState.objects.select_for_update().filter(pk=task_state.pk).first()
        submitter_id = state.workflow_state.requested_by_id if state else None
        if (
            state is None
            or state.task_id != self.pk
            or state.status != TaskState.STATUS_IN_PROGRESS
            or action_name not in (ACTION_APPROVE, ACTION_REJECT)
            or not getattr(user, "is_authenticated", False)
            or not user.is_active
            or state.reviewer_id is None
            or state.reviewer_id != user.pk
            or submitter_id == user.pk
        ):
            raise PermissionDenied(_("您不是這份稿件的負責審核人員。"))
        comment = (kwargs.get("comment") or "").strip()
        if action_name == ACTION_REJECT and not comment:
            raise PermissionDenied(_("退回稿件時必須填寫退回原因。"))
        kwargs["comment"] = comment
        return super().on_action(state, user, action_name, **kwargs)


class UnitReviewTaskState(TaskState):
    """A submission waiting for (or decided by) its one responsible reviewer."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("負責審核人員"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit_review_task_states",
    )

    class Meta:
        verbose_name = _("單位審核狀態")
        verbose_name_plural = _("單位審核狀態")

    @transaction.atomic
    def approve(self, user=None, update=True, comment=""):
        """Approve; when this was the workflow's last task, publish as the approving reviewer.

        Wagtail's default finishing action publishes with the approver's page permissions,
        and reviewers deliberately have no "publish" permission (permissions.py): review is the
        only way to publish. The approval itself was checked in ``on_action``, so the final
        publication skips the permission check; everything else is Wagtail's ``finish``.
        """
        super().approve(user=user, update=False, comment=comment)
        if update:
            finish_or_continue(self.workflow_state, user, revision=self.revision)
        return self


def finish_or_continue(workflow_state, user, revision=None):
    """Move the workflow on; at its end publish ``revision`` — the one the reviewer approved —
    not whatever revision happens to be newest (Wagtail's default), so a save made while the
    review was open never goes live unreviewed."""
    workflow_state.refresh_from_db()
    if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS or workflow_state.get_next_task() is not None:
        workflow_state.update(user=user)
        return
    workflow_state.status = WorkflowState.STATUS_APPROVED
    workflow_state.save()
    revision = revision or workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
    workflow_approved.send(sender=WorkflowState, instance=workflow_state, user=user)


UnitReviewerTask.task_state_class = UnitReviewTaskState
