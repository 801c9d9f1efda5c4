"""What the editor's footer says after a step of 單位審核 (SPEC §5): the outcome and the person.

Wagtail says 「已送交審核」 or only 「已被更新」; here the message names who reviews a
submission, and whom a return was sent back to:

- 送審: 「「…」已送交 吳雅婷（臺中市政府 單位審核人員）審核。」
- 核准: 「「…」已核准並發布。」
- 退回: 「「…」已退回，並通知 劉俊傑。」

Names go through Wagtail's ``get_user_display_name``, which the permissions room masks for a
viewer from another unit (``permissions.staff_names``). Wagtail's own message is replaced, not
doubled (``replace_success_message``, through Django's public messages API).
"""

from django.contrib import messages as django_messages
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin import utils as admin_utils

from ..org.roles import ROLE_LABELS
from .task import ACTION_APPROVE, ACTION_REJECT

SUBMIT_FIELD = "action-submit"
WORKFLOW_ACTION_FIELD = "action-workflow-action"
WORKFLOW_ACTION_NAME_FIELD = "workflow-action-name"


def person(user):
    return admin_utils.get_user_display_name(user)


def reviewer_description(reviewer):
    """「吳雅婷（臺中市政府 單位審核人員）」: the reviewer, their unit and the role they review in."""
    membership = getattr(reviewer, "membership", None)
    if membership is None:
        return person(reviewer)
    role = "unit_reviewer" if membership.is_unit_reviewer else "system_admin"
    return _("%(name)s（%(unit)s %(role)s）") % {
        "name": person(reviewer),
        "unit": membership.unit.display_name,
        "role": ROLE_LABELS[role],
    }


def submitted_message(page):
    state = page.current_workflow_task_state
    reviewer = getattr(getattr(state, "specific", None), "reviewer", None) if state else None
    if reviewer is None:
        return _("「%(title)s」已送審。") % {"title": page.get_admin_display_title()}
    return _("「%(title)s」已送交 %(reviewer)s審核。") % {
        "reviewer": reviewer_description(reviewer),
        "title": page.get_admin_display_title(),
    }


def approved_message(page):
    return _("「%(title)s」已核准並發布。") % {"title": page.get_admin_display_title()}


def rejected_message(page):
    state = page.current_workflow_state
    submitter = state.requested_by if state else None
    if submitter is None:
        return _("「%(title)s」已退回。") % {"title": page.get_admin_display_title()}
    return _("「%(title)s」已退回，並通知 %(submitter)s。") % {
        "title": page.get_admin_display_title(),
        "submitter": person(submitter),
    }


def outcome_message(request, page):
    """The message for the step ``request`` took on ``page``, or ``None`` (a plain save)."""
    if request.method != "POST":
        return None
    if request.POST.get(SUBMIT_FIELD):
        return submitted_message(page)
    if request.POST.get(WORKFLOW_ACTION_FIELD):
        action = request.POST.get(WORKFLOW_ACTION_NAME_FIELD)
        if action == ACTION_APPROVE:
            return approved_message(page)
        if action == ACTION_REJECT:
            return rejected_message(page)
    return None


def replace_success_message(request, text):
    """Put ``text`` in place of the last success message queued for ``request``.

    Reading the storage marks every message read; the others are queued again unchanged.
    """
    storage = django_messages.get_messages(request)
    queued = list(storage)
    last_success = max((i for i, m in enumerate(queued) if m.level == django_messages.SUCCESS), default=None)
    for index, message in enumerate(queued):
        if index != last_success:
            django_messages.add_message(request, message.level, message.message, extra_tags=message.extra_tags)
    messages.success(request, text)


def name_the_outcome(request, page):
    """``after_create_page`` / ``after_edit_page``: the message names the outcome and the person."""
    text = outcome_message(request, page)
    if text is not None:
        replace_success_message(request, text)
