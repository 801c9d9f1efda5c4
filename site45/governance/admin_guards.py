"""Guards in front of three Wagtail admin views that answer before they check permissions.

Found by ``tests/test_admin_url_sweep.py`` (issue 5 item 6):

- the page-workflow views (``workflow/preview``, ``workflow/action``, …) flash "The page
  '<latest draft title>' is not currently awaiting moderation" to anyone who types a page id,
  so an editor of one unit could read another unit's draft titles. Here they answer 404 unless
  the user may edit the page or is the responsible reviewer of one of its reviews;
- ``failwhale/`` is Wagtail's deliberate error-test view (a 500 for any admin user): 404;
- ``choose-external-link/`` crashes on a POST without its URL field: the field is sent
  empty instead, so the form answers with its own error message.
"""

from django.http import Http404
from wagtail.models import Page

from .review_task import UnitReviewTaskState

PAGE_WORKFLOW_VIEWS = frozenset({
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_pages:workflow_preview",
})
ERROR_TEST_VIEW = "wagtailadmin_error_test"
EXTERNAL_LINK_CHOOSER = "wagtailadmin_choose_page_external_link"
EXTERNAL_LINK_FIELD = "external-link-chooser-url"  # the form's prefix and field


def may_see_page_workflow(user, page):
    """The page's editors (by Wagtail's page permissions) and its reviewers; nobody else."""
    if page.permissions_for_user(user).can_edit():
        return True
    return UnitReviewTaskState.objects.filter(workflow_state__object_id=str(page.pk), reviewer=user).exists()


class AdminGuardsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.view_name if match else None
        if name == ERROR_TEST_VIEW:
            raise Http404
        if name == EXTERNAL_LINK_CHOOSER and request.method == "POST" and EXTERNAL_LINK_FIELD not in request.POST:
            request.POST = request.POST.copy()
            request.POST[EXTERNAL_LINK_FIELD] = ""
        if name in PAGE_WORKFLOW_VIEWS and request.user.is_authenticated:
            page = Page.objects.filter(pk=view_kwargs.get("page_id")).first()
            if page is None or not may_see_page_workflow(request.user, page):
                raise Http404
        return None
