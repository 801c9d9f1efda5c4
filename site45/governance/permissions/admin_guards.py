"""Guards in front of the Wagtail admin views, most of which answer before they check.

- **Pages named by a request.** Every admin view that names a page — the explorer, the
  editor, history, usage, revisions, compare, workflow views, locking, aliases, privacy,
  translations, the chooser's answers, bulk-action confirmations, the sidebar's admin API —
  shows at least its title, usually the latest draft's, often before any permission check:
  an editor of one unit typing page ids read every unit's drafts. Here, for every admin URL,
  ``named_pages`` finds the pages the request names and ``policy.may_name_page`` decides
  for each; one the user may not see there makes the answer 404. This is the one place:
  no view needs its own check for it. (Found by sweeping every admin URL as another unit's
  editor, now ``tests/site/test_canary_sweep.py``; the workflow views were the first case.)
- **Staff names.** While a page view of the admin is answered, Wagtail's display of user
  names follows ``policy.may_see_staff_name`` (``staff_names``): other units' staff appear
  masked.
- ``failwhale/`` is Wagtail's deliberate error-test view (a 500 for any admin user): 404;
- ``choose-external-link/`` crashes on a POST without its URL field: the field is sent
  empty instead, so the form answers with its own error message.
- A file a page still attaches (``PageAttachment.document`` protects it) cannot be deleted;
  Wagtail's multiple-upload delete view let the ``ProtectedError`` become a 500: it is a 409
  with a zh-Hant reason, and nothing is deleted.
- ``pages/<id>/copy/`` reads ``new_parent_page`` from a POST before its form validates, so a
  POST without it, or naming no page, was a 500: it is a 400 (found by the canary sweep).

A request from somebody without admin access is left to Wagtail, which sends it to the sign-in
page.
"""

from django.core.exceptions import BadRequest
from django.db.models import ProtectedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext
from wagtail.models import Page

from site45.core.admin_requests import is_admin_request

from . import staff_names
from .named_pages import page_ids_named_by
from .policy import masks_staff_names_in, may_name_page

ERROR_TEST_VIEW = "wagtailadmin_error_test"
EXTERNAL_LINK_CHOOSER = "wagtailadmin_choose_page_external_link"
EXTERNAL_LINK_FIELD = "external-link-chooser-url"  # the form's prefix and field
COPY_VIEW = "wagtailadmin_pages:copy"
COPY_PARENT_FIELD = "new_parent_page"
VIEWER_TOKEN = "_site45_staff_names_token"
ADMIN_ACCESS = "wagtailadmin.access_admin"
PAGE_FIELDS = ("pk", "path", "depth", "live", "has_unpublished_changes")


def refuse_pages_not_to_be_named(request, view_name, view_kwargs):
    """Raise 404 if the request names a page ``policy`` keeps from this user in this view."""
    ids = page_ids_named_by(request, view_name, view_kwargs)
    if not ids:
        return
    for page in Page.objects.filter(pk__in=ids).only(*PAGE_FIELDS):
        if not may_name_page(request.user, page, view_name):
            raise Http404


def names_a_page(value):
    return bool(value and value.isdigit() and Page.objects.filter(pk=int(value)).exists())


class AdminGuardsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            token = request.__dict__.pop(VIEWER_TOKEN, None)
            if token is not None:
                staff_names.stop_viewing(token)

    def process_exception(self, request, exception):
        if isinstance(exception, ProtectedError) and is_admin_request(request):
            message = gettext("此項目仍被頁面使用，無法刪除；請先從使用它的頁面移除後再刪除。")
            return JsonResponse({"success": False, "error_message": message}, status=409)
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.view_name if match else None
        if name == ERROR_TEST_VIEW:
            raise Http404
        if name == EXTERNAL_LINK_CHOOSER and request.method == "POST" and EXTERNAL_LINK_FIELD not in request.POST:
            request.POST = request.POST.copy()
            request.POST[EXTERNAL_LINK_FIELD] = ""
        if name == COPY_VIEW and request.method == "POST" and not names_a_page(request.POST.get(COPY_PARENT_FIELD)):
            raise BadRequest
        if is_admin_request(request) and request.user.has_perm(ADMIN_ACCESS):
            refuse_pages_not_to_be_named(request, name, view_kwargs)
            if masks_staff_names_in(name):
                request.__dict__[VIEWER_TOKEN] = staff_names.start_viewing(request.user)
        return None
