"""Security response headers: the Content-Security-Policy and Permissions-Policy.

The policy itself is data in settings (``CONTENT_SECURITY_POLICY``, django-csp 4.0's format);
this middleware is django-csp's ``CSPMiddleware`` with the two per-response rules that a static
setting cannot express:

- **frame-ancestors follows X-Frame-Options.** The site is framed by nobody
  (``X_FRAME_OPTIONS = "DENY"`` → ``frame-ancestors 'none'``), except the views Django or Wagtail
  mark ``SAMEORIGIN`` — Wagtail's live preview, which the page editor shows in a same-origin
  iframe (``wagtail.utils.decorators.xframe_options_sameorigin_override``). Those get
  ``frame-ancestors 'self'``. Browsers let ``frame-ancestors`` override ``X-Frame-Options``, so
  deriving one from the other keeps them from ever disagreeing, and there is one rule, not a
  list of preview URLs to maintain.
- **Permissions-Policy** (``PERMISSIONS_POLICY`` setting): the site needs no camera,
  microphone, geolocation, payment or USB; Django has no setting for this header.
- **No ``Content-Encoding: None``.** Wagtail's document download (``wagtail.utils.sendfile``)
  sets ``Content-Encoding`` to what ``mimetypes.guess_type`` says, which is ``None`` for every
  PDF and ODF, and Django writes that as the text ``None``. A header that names no encoding is
  dropped here, on every response, so no other download path can bring it back.

It must come *before* ``XFrameOptionsMiddleware`` in ``MIDDLEWARE`` (so that it sees the header
on the way out); ``SecurityMiddleware`` sends HSTS, nosniff, Referrer-Policy and
Cross-Origin-Opener-Policy.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY, NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings

#: X-Frame-Options value → the frame-ancestors source list that says the same.
FRAME_ANCESTORS_FOR_XFO = {"DENY": [NONE], "SAMEORIGIN": [SELF]}


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, plus frame-ancestors from X-Frame-Options and Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        ancestors = FRAME_ANCESTORS_FOR_XFO.get(str(response.get("X-Frame-Options", "")).upper())
        if ancestors is not None:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ancestors}
        return parts

    def process_response(self, request, response):
        if getattr(response, "_site45_csp_inner", False):
            # Wagtail's preview renders the page through a second, inner pass of the middleware
            # (``make_preview_request``) and then marks the outer response SAMEORIGIN: build the
            # header again from the outer response, or the inner pass's frame-ancestors 'none'
            # would keep the preview out of the editor's iframe.
            for header in (HEADER, HEADER_REPORT_ONLY):
                if header in response:
                    del response[header]
        if response.has_header("Content-Encoding") and response["Content-Encoding"].strip() in ("None", ""):
            del response["Content-Encoding"]
        response = super().process_response(request, response)
        response._site45_csp_inner = True
        policy = settings.PERMISSIONS_POLICY
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
