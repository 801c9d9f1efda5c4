"""Admin hooks of the home app.

``insert_global_admin_js``: ``js/csp-init.js`` on every admin page. It runs the initialisers
that Wagtail 8 writes as inline ``<script>``s (date/time pickers, inline panels) from the inert
JSON elements our template overrides leave instead, so that the admin works under the enforced
``script-src 'self'`` (issue 5 item 6; see ``security_headers.py``).
"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def csp_initialisers():
    return format_html('<script src="{}"></script>', static("js/csp-init.js"))
