import re
from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from site45.core.admin_reports import AgingPagesReportView
from site45.credentials.account_panels import AccountSettingsView
from site45.governance.permissions.report_views import (
    ReviewerWorkflowTasksView,
    ReviewerWorkflowView,
    ScopedPageTypesUsageReportView,
)
from site45.home.api import api_router
from site45.home.media_views import ORIGINALS_FOLDER, image_original
from site45.home.routing import serve as serve_page
from site45.home.sitemaps import AllLanguagesSitemap
from site45.search import views as search_views

SITEMAPS = {"pages": AllLanguagesSitemap}


def as_admin_view(view):
    """``view`` decorated as Wagtail decorates its admin views (``wagtail/admin/urls/__init__.py``)."""
    return never_cache(wagtailadmin_urls.display_custom_404(require_admin_access(view)))


#: 帳號設定 at Wagtail's address and name.
ACCOUNT_SETTINGS = as_admin_view(AccountSettingsView.as_view())

#: Wagtail's reports whose lists follow governance's rules, at Wagtail's addresses (matched
#: before Wagtail's own; Wagtail's names still reverse to them).
REPORTS = [
    ("workflow/", ReviewerWorkflowView, "workflow"),
    ("workflow_tasks/", ReviewerWorkflowTasksView, "workflow_tasks"),
    ("page-types-usage/", ScopedPageTypesUsageReportView, "page_types_usage"),
    ("aging-pages/", AgingPagesReportView, "aging_pages"),
]

urlpatterns = [
    path("admin/account/", ACCOUNT_SETTINGS, name="wagtailadmin_account"),
    *(
        path(f"admin/reports/{prefix}", as_admin_view(view.as_view()), name=f"site45_{name}")
        for prefix, view, name in REPORTS
    ),
    *(
        path(
            f"admin/reports/{prefix}results/",
            as_admin_view(view.as_view(results_only=True)),
            name=f"site45_{name}_results",
        )
        for prefix, view, name in REPORTS
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # An index of bounded parts: /sitemap.xml lists /sitemap-pages.xml?p=1, ?p=2 … (home/sitemaps.py).
    path(
        "sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_part"}, name="sitemap"
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "template_name": "sitemap_part.xml"},
        name="sitemap_part",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    # Image originals are checked (public_media.may_fetch), never served as plain files.
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/') + ORIGINALS_FOLDER)}(?P<name>.+)$",
        image_original,
        name="image_original",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only the folders the web server may serve as plain files (renditions, avatars); originals,
    # documents and signed application PDFs go through their checking views.
    for folder in settings.PUBLIC_MEDIA_FOLDERS:
        urlpatterns += static(settings.MEDIA_URL + folder, document_root=Path(settings.MEDIA_ROOT) / folder)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # The public account-application form (before Wagtail's catch-all page serving).
    path("account-application/", include("site45.governance.accounts.filing_views")),
    # Wagtail's page serving, routed by URL path in one lookup (home/routing.py).
    re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
