"""Admin hooks of the home app.

``insert_global_admin_js``: ``js/csp-init.js`` on every admin page. It runs the initialisers
that Wagtail 8 writes as inline ``<script>``s (date/time pickers, inline panels) from the inert
JSON elements our template overrides leave instead, so that the admin works under the enforced
``script-src 'self'`` (see ``security_headers.py``).

``before_serve_document``: ``/documents/<id>/<file>`` serves a document only to whoever may
fetch it (``public_media.may_fetch``); anyone else gets the same 404 as for a missing file.
"""

from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .public_media import may_fetch


@hooks.register("insert_global_admin_js")
def csp_initialisers():
    return format_html('<script src="{}"></script>', static("js/csp-init.js"))


@hooks.register("before_serve_document")
def serve_only_fetchable_documents(document, request):
    if not may_fetch(request.user, document):
        raise Http404("No document matches the given query.")
