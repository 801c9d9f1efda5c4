"""E-mail for the 單位審核 workflow (SPEC §5), in zh-Hant.

- submitted: the responsible reviewer (``UnitReviewTaskState.reviewer``) is told;
- moved to a new reviewer (membership change mid-review): the new reviewer is told;
- approved (published) / rejected: the submitter is told — a rejection with the comment.

Wagtail's own workflow e-mails are replaced, not doubled: its notifiers are connected with
fixed ``dispatch_uid``s, and this module connects its receivers under the same uids (and
disconnects Wagtail's first, whichever app became ready first). Wagtail's "submitted" mail to
every superuser is dropped on purpose: exactly one person — the responsible reviewer — is
asked to review, and the system administrator gets the mail when they are that person.

Mail is sent with Django's ``send_mail`` while the action runs, as Wagtail does; a mail
failure is logged and never undoes an approval or rejection.
"""

import logging

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .review_task import UnitReviewTaskState, owning_unit

logger = logging.getLogger(__name__)

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
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    if isinstance(obj, Page):
        return base + reverse("wagtailadmin_pages:edit", args=(quote(obj.pk),))
    return base + reverse("wagtailadmin_home")


def _display_title(obj):
    if hasattr(obj, "get_admin_display_title"):
        return obj.get_admin_display_title()
    return str(obj)


def _person(user):
    if user is None:
        return _("（未知）")
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{name}（{user.get_username()}）" if name else user.get_username()


def _send(recipient, subject, body):
    if recipient is None or not recipient.is_active or not recipient.email:
        return False
    try:
        send_mail(subject, body, None, [recipient.email])
        return True
    except Exception:
        logger.exception("Could not send the review e-mail %r to %s", subject, recipient.email)
        return False


def _page_of(workflow_state):
    obj = workflow_state.content_object
    return obj.specific if isinstance(obj, Page) else obj


def notify_reviewer_assigned(task_state, obj=None, reassigned=False):
    """Tell ``task_state.reviewer`` that a submission waits for them."""
    reviewer = task_state.reviewer
    if reviewer is None:
        return False
    workflow_state = task_state.workflow_state
    obj = obj if obj is not None else _page_of(workflow_state)
    unit = owning_unit(obj)
    with translation.override(_language_for(reviewer)):
        title = _display_title(obj)
        if reassigned:
            subject = _("【45+ 就業資源網】稿件改由您審核：%(title)s") % {"title": title}
            intro = _("原負責審核人員的角色已變更，以下稿件改由您審核。")
        else:
            subject = _("【45+ 就業資源網】待審稿件：%(title)s") % {"title": title}
            intro = _("有一份稿件送交您審核。")
        body = "\n".join(
            [
                _("%(name)s 您好：") % {"name": _person(reviewer)},
                "",
                intro,
                "",
                _("標題：%(title)s") % {"title": title},
                _("所屬單位：%(unit)s") % {"unit": unit.display_name if unit else _("（無）")},
                _("送審者：%(submitter)s") % {"submitter": _person(workflow_state.requested_by)},
                "",
                _("請登入後台審核（核准即發布；退回請填寫原因）：%(url)s") % {"url": _edit_url(obj)},
            ]
        )
    return _send(reviewer, subject, body)


def notify_submitter_decision(workflow_state, approved, user=None):
    """Tell the submitter that ``workflow_state`` was approved (published) or rejected."""
    submitter = workflow_state.requested_by
    if submitter is None or (user is not None and submitter.pk == user.pk):
        return False
    obj = _page_of(workflow_state)
    task_state = workflow_state.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    with translation.override(_language_for(submitter)):
        title = _display_title(obj)
        lines = [_("%(name)s 您好：") % {"name": _person(submitter)}, ""]
        if approved:
            subject = _("【45+ 就業資源網】稿件已核准發布：%(title)s") % {"title": title}
            lines.append(_("您送審的稿件「%(title)s」已由 %(reviewer)s 核准並發布。") % {"title": title, "reviewer": _person(user)})
            if comment:
                lines += ["", _("審核意見：%(comment)s") % {"comment": comment}]
        else:
            subject = _("【45+ 就業資源網】稿件已退回：%(title)s") % {"title": title}
            lines.append(_("您送審的稿件「%(title)s」已由 %(reviewer)s 退回，請修改後再送審。") % {"title": title, "reviewer": _person(user)})
            lines += ["", _("退回原因：%(comment)s") % {"comment": comment}]
        lines += ["", _("稿件連結：%(url)s") % {"url": _edit_url(obj)}]
    return _send(submitter, subject, "\n".join(lines))


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
    task_submitted.connect(on_task_submitted, sender=UnitReviewTaskState, dispatch_uid="governance_unit_review_submitted")
    for signal, receiver, key in (
        (workflow_submitted, on_workflow_submitted, "submitted"),
        (workflow_approved, on_workflow_approved, "approved"),
        (workflow_rejected, on_workflow_rejected, "rejected"),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=WAGTAIL_UIDS[key])
        signal.connect(receiver, sender=WorkflowState, dispatch_uid=WAGTAIL_UIDS[key])
