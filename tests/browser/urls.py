"""The project's URLs, plus uploaded media, for the live server of the browser tests.

The test settings run with ``DEBUG = False``, so ``site45/urls.py`` does not serve ``MEDIA_URL``
(in production the web server does); without this the pictures of the demo site and the
uploaded test image would be broken in Chromium and in the screenshots.
"""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from site45.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
