"""Wagtail hooks of the review room (imported by ``wagtail_hooks``).

Dashboard panels of the 單位審核 workflow (SPEC §4, §5):

- 「等待您審核的稿件」 (awaiting your review): the submissions the signed-in user is the
  responsible reviewer of, with the count, oldest first (the first 50, then a link to the
  workflow report's "awaiting my review"), each linking to the page editor where approve /
  reject are offered, and to the preview. It replaces Wagtail's own "awaiting your review"
  panel, whose queries grow with every waiting task;
- 「審核人員出缺」: how many units have an empty reviewer seat (``empty_reviewer_seats()``),
  linking to the unit list filtered to them (``unit_filters``), shown to members of
  hq_special units; the system administrator reads it in the needs-action panel
  (``accounts.admin_dashboard``).

The 說明 (help) menu leads to 「編輯操作說明」, the editor's guide (``editor_guide``), instead
of Wagtail's English links. The page editor's footer offers the next step as its primary button (``action_menu``), and
the message after a submission, an approval or a return names the outcome and the person
(``outcome_messages``).

Also registers the audit-log action written when an open review moves to a new reviewer. The
workflow reports, which list the reviews a user is responsible for within what they may see,
are the permissions room's (``permissions.report_views``).
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from ..org.capabilities import ADMINISTER_SYSTEM, user_can
from ..org.models import HQ_SPECIAL, Membership, Unit
from ..org.unit_admin import may_open_unit_list
from . import my_unit
from .action_menu import offer_next_step
from .editor_guide import EditorGuideView, is_wagtail_help_link
from .outcome_messages import name_the_outcome
from .reassignment import REASSIGN_LOG_ACTION
from .reviewers import empty_reviewer_seats
from .task import UnitReviewTaskState, may_withdraw_submission
from .unit_filters import empty_seats_url
from .waiting import waited_for

QUEUE_LIMIT = 50
WAGTAIL_MODERATION_PANEL = "workflow_objects_to_moderate"


def review_queue(user):
    """In-progress 單位審核 states whose responsible reviewer is ``user``, oldest first."""
    return (
        UnitReviewTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, reviewer=user)
        .select_related("workflow_state__requested_by")
        .order_by("started_at", "pk")
    )


def _membership(user):
    return Membership.objects.filter(user=user).select_related("unit").first()


class ReviewQueuePanel(Component):
    name = "unit_review_queue"
    template_name = "governance/dashboard_review_queue.html"
    order = 90  # before Wagtail's own "awaiting your review" (220)

    def __init__(self, user, membership):
        self.user = user
        self.membership = membership

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        queue = review_queue(self.user)
        count = queue.count()
        states = list(queue[:QUEUE_LIMIT])
        page_ids = [int(s.workflow_state.object_id) for s in states if s.workflow_state.object_id.isdigit()]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
        units = Unit.objects.in_bulk({getattr(page, "unit_id", None) for page in pages.values()} - {None})
        now = timezone.now()
        rows = []
        for state in states:
            page = pages.get(int(state.workflow_state.object_id)) if state.workflow_state.object_id.isdigit() else None
            if page is None:
                continue
            rows.append(
                {
                    "state": state,
                    "title": page.get_admin_display_title(),
                    "submitter": state.workflow_state.requested_by,
                    "unit": units.get(getattr(page, "unit_id", None)),
                    "started_at": state.started_at,
                    "waited": waited_for(now - state.started_at),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=(quote(page.pk),)),
                    "preview_url": reverse("wagtailadmin_pages:workflow_preview", args=(quote(page.pk), state.task_id)),
                }
            )
        context.update(
            {
                "count": count,
                "rows": rows,
                "more": max(count - len(states), 0),
                "report_url": reverse("wagtailadmin_reports:workflow") + "?reviewable=true",
            }
        )
        return context


class EmptyReviewerSeatsPanel(Component):
    """「N 個單位審核人員出缺」, linking to the unit list filtered to those units when the user
    may open it. (The system administrator reads the same line in the needs-action panel.)"""

    name = "unit_review_empty_seats"
    template_name = "governance/dashboard_empty_seats.html"
    order = 95

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["empty_seats"] = empty_reviewer_seats().count()
        context["empty_seats_url"] = empty_seats_url() if may_open_unit_list(self.user) else ""
        return context


def sees_empty_seats(user, membership):
    """hq_special's members; the system administrator has the count in the needs-action panel
    (``accounts.admin_dashboard``)."""
    if user_can(user, ADMINISTER_SYSTEM):
        return False
    return bool(membership and membership.unit.unit_type == HQ_SPECIAL)


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    user = request.user
    if not user.is_authenticated:
        return
    membership = _membership(user)
    is_reviewer = bool(membership and (membership.is_unit_reviewer or membership.is_system_admin))
    if is_reviewer or user.is_superuser or review_queue(user).exists():
        panels.append(ReviewQueuePanel(user, membership))
    if not TaskState.objects.reviewable_by(user).filter(unitreviewtaskstate__isnull=True).exists():
        # Wagtail's own "awaiting your review" lists every waiting state with several queries
        # each (500 waiting tasks: ~2,000 queries). Our queue panel above is the bounded
        # replacement; Wagtail's stays only for tasks of other kinds, should any exist.
        panels[:] = [p for p in panels if getattr(p, "name", "") != WAGTAIL_MODERATION_PANEL]
    if sees_empty_seats(user, membership):
        panels.append(EmptyReviewerSeatsPanel(user))


CANCEL_WORKFLOW_ACTION = "action-cancel-workflow"


def _withdrawal_refused(request, page):
    state = page.current_workflow_state
    return bool(state) and not may_withdraw_submission(state, request.user)


@hooks.register("construct_page_action_menu")
def hide_cancel_workflow_from_reviewers(menu_items, request, context):
    page = context.get("page")
    if page is not None and page.pk and _withdrawal_refused(request, page):
        menu_items[:] = [item for item in menu_items if item.name != CANCEL_WORKFLOW_ACTION]


hooks.register("construct_page_action_menu", offer_next_step)


@hooks.register("insert_global_admin_css")
def next_step_css():
    return format_html('<link rel="stylesheet" href="{}">', static("governance/editor.css"))


@hooks.register("insert_editor_js")
def review_opens_on_preview_js():
    return format_html('<script src="{}"></script>', static("governance/editor.js"))


hooks.register("after_create_page", name_the_outcome)
hooks.register("after_edit_page", name_the_outcome)


@hooks.register("before_edit_page")
def refuse_cancel_workflow_by_reviewers(request, page):
    if request.method == "POST" and request.POST.get(CANCEL_WORKFLOW_ACTION) and _withdrawal_refused(request, page):
        raise PermissionDenied


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(REASSIGN_LOG_ACTION, _("變更負責審核人員"), _("負責審核人員已變更"))


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [path("guide/", EditorGuideView.as_view(), name="editor_guide")]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(
        _("編輯操作說明"), reverse_lazy("editor_guide"), icon_name="help", order=900, name="editor-guide-zh"
    )


@hooks.register("construct_help_menu")
def drop_wagtails_english_help_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not is_wagtail_help_link(item)]


# 「我的單位」: the member's create buttons, drafts, reviews and returns; the explorer starts in
# their unit's section (``my_unit``).
hooks.register("construct_homepage_panels", my_unit.add_my_unit_panel)
hooks.register("construct_main_menu", my_unit.start_explorer_at_own_section)
