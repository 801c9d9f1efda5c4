"""Admin views of Wagtail's that list pages, narrowed to what the user may see (SPEC §4, §5).

Wagtail offers no hook for what these list, so each is Wagtail's view or action with the one
method that builds the list narrowed by ``policy`` — the reports routed at Wagtail's addresses
in ``site45/urls.py``, the bulk actions registered in Wagtail's place (``hooks.py``).

The workflow reports also list the reviews a user is responsible for: Wagtail's reports start
from the pages the user may *change* through group permissions, which leaves out exactly the
reviews that come from elsewhere (a silver point's draft for its county's reviewer, an
escalated draft for the branch's reviewer). ``with_reviews_of_user`` and
``with_review_tasks_of_user`` add the states whose ``reviewer`` is the user — one subquery, no
per-row work.
"""

from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.models import Page, TaskState, WorkflowState

from ..review.task import UnitReviewTaskState
from .policy import has_full_access, own_scope_q, visible_q

#: Wagtail's page bulk actions, each replaced by its scoped subclass (same ``action_type``).
PAGE_BULK_ACTIONS = (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction)


class ScopedPageTypesUsageReportView(PageTypesUsageReportView):
    """「頁面類型使用情況」: counts and "last edited" of the pages the user may see only."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if has_full_access(user):
            return queryset
        cleaned = getattr(getattr(self.filters, "form", None), "cleaned_data", None) or {}
        language_code = cleaned.get("page_locale")
        site_root_path = cleaned.get("site")

        page_filter = visible_q(user)
        count_filter = visible_q(user, prefix="pages")
        if language_code:
            page_filter &= Q(locale__language_code=language_code)
            count_filter &= Q(pages__locale__language_code=language_code)
        if site_root_path:
            page_filter &= Q(path__startswith=site_root_path)
            count_filter &= Q(pages__path__startswith=site_root_path)

        latest = (
            Page.objects.filter(page_filter, content_type=OuterRef("pk"))
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
            .values("pk")[:1]
        )
        return queryset.annotate(
            count=Count("pages", filter=count_filter),
            last_edited_page_id=Subquery(latest),
        ).order_by("-count", "app_label", "model")


class SelectAllInOwnScope:
    """ "Select all" of a page listing takes only the pages in the user's own scope."""

    def get_all_objects_in_listing_query(self, parent_id):
        selected = super().get_all_objects_in_listing_query(parent_id)
        user = self.request.user
        if has_full_access(user):
            return selected
        ids = [getattr(item, "pk", item) for item in selected]
        return Page.objects.filter(own_scope_q(user), pk__in=ids).values_list("pk", flat=True)


def scoped(action):
    return type(f"Scoped{action.__name__}", (SelectAllInOwnScope, action), {"__module__": __name__})


SCOPED_PAGE_BULK_ACTIONS = tuple(scoped(action) for action in PAGE_BULK_ACTIONS)


def reviews_of(user):
    """The 單位審核 states whose responsible reviewer is ``user``: the open ones, and the decided
    ones of pages ``user`` may still see (``policy.visible_q``). The reports name a page by its
    latest revision, so a decided review of another unit's page that has a newer draft since
    would show that draft's title: it is left out until the page is public again."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return UnitReviewTaskState.objects.none()
    visible_ids = Page.objects.filter(visible_q(user)).annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    return UnitReviewTaskState.objects.filter(reviewer=user).filter(
        Q(status=TaskState.STATUS_IN_PROGRESS) | Q(workflow_state__object_id__in=visible_ids)
    )


def with_reviews_of_user(view, queryset):
    """The workflow report's states plus the ones ``view``'s user is the responsible reviewer of."""
    mine = WorkflowState.objects.filter(pk__in=reviews_of(view.request.user).values("workflow_state_id"))
    return queryset | mine


def with_review_tasks_of_user(view, queryset):
    """The workflow tasks report's task states plus the ones ``view``'s user is reviewer of."""
    mine = TaskState.objects.filter(pk__in=reviews_of(view.request.user).values("pk"))
    return queryset | mine


class ReviewerWorkflowView(WorkflowView):
    """「工作流程」: Wagtail's report with the reviews assigned to the user."""

    def get_queryset(self):
        return with_reviews_of_user(self, super().get_queryset())


class ReviewerWorkflowTasksView(WorkflowTasksView):
    """「工作流程任務」: Wagtail's report with the review tasks assigned to the user."""

    def get_queryset(self):
        return with_review_tasks_of_user(self, super().get_queryset())
