"""The workflow reports with the reviews assigned to the user (SPEC §5), routed in ``site45/urls.py``.

Wagtail's 「工作流程」 reports list only pages the user may change through group permissions;
a unit reviewer's reviews of other units (escalations, reassignments) were left out. These are
Wagtail's views with the reviewer's own states added (``hooks.with_reviews_of_user`` and
``with_review_tasks_of_user`` hold the rule), served at Wagtail's addresses.
"""

from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from .hooks import with_review_tasks_of_user, with_reviews_of_user


class ReviewerWorkflowView(WorkflowView):
    def get_queryset(self):
        return with_reviews_of_user(self, super().get_queryset())


class ReviewerWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        return with_review_tasks_of_user(self, super().get_queryset())
