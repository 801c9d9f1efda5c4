"""Governance's scoping behind Wagtail views that have no hook for their queryset.

Wagtail 8 serves these from its own URLs and offers neither a setting nor a hook to narrow or
widen what they list, so the method that builds the list is wrapped once; the rule itself is
governance's, named here:

- the workflow reports (``WorkflowView``, ``WorkflowTasksView``) add the reviews the user is
  the responsible reviewer of (``governance.review.hooks.with_reviews_of_user``,
  ``with_review_tasks_of_user``): Wagtail lists only pages the user may change;
- the page-types-usage report counts and names visible pages only
  (``governance.permissions.hooks.scoped_page_types_usage``);
- the page bulk actions' "select all" takes only the pages in the user's own scope
  (``governance.permissions.hooks.bulk_selection_in_own_scope``).
"""

from .patching import wrap


def _after(rule):
    """A wrapper factory: Wagtail's answer, then ``rule(view, answer)``."""

    def make(original):
        def method(self, *args, **kwargs):
            return rule(self, original(self, *args, **kwargs))

        return method

    return make


def install():
    from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
    from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

    from site45.governance.review.hooks import with_review_tasks_of_user, with_reviews_of_user
    from site45.governance.permissions.hooks import bulk_selection_in_own_scope, scoped_page_types_usage

    wrap(WorkflowView, "get_queryset", _after(with_reviews_of_user))
    wrap(WorkflowTasksView, "get_queryset", _after(with_review_tasks_of_user))
    wrap(PageTypesUsageReportView, "get_queryset", _after(scoped_page_types_usage))
    wrap(PageBulkAction, "get_all_objects_in_listing_query", _after(bulk_selection_in_own_scope))
