"""Admin views of Wagtail's that list pages, narrowed to what the user may see (SPEC §4).

Wagtail offers no hook for what these list, so each is Wagtail's view or action with the one
method that builds the list narrowed by ``policy`` — the report routed at Wagtail's address in
``site45/urls.py``, the bulk actions registered in Wagtail's place (``hooks.py``).
"""

from django.db.models import Count, F, OuterRef, Q, Subquery
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

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
