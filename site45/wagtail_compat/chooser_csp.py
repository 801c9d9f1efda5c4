"""Wagtail 8's chooser widgets without their inline ``<script>`` (the enforced Content-Security-Policy).

``wagtail.admin.widgets.chooser.BaseChooser.render`` appends ``<script>new DocumentChooser(id,
options);</script>`` (``PageChooser``, ``ImageChooser``, ``SnippetChooser``, ``Chooser``;
``createTaskChooser(id)`` for workflow tasks) to every chooser it renders — a page's cover image,
each attachment's document, the page chooser. Under the enforced ``script-src 'self'`` those
are blocked and the choosers stay dead. Wagtail has no setting or template for this markup, so
``install()`` (called from ``wagtail_compat.install``) wraps ``BaseChooser.render`` once: the statement
Wagtail wrote is parsed back (it is Wagtail's own ``json.dumps`` output, never user text) and
replaced by an inert ``<script type="application/json" data-site45-init=…>`` that
``static/js/csp-init.js`` turns into the same call. Anything that does not parse as one of the
known constructors is left untouched, so the browser test (tests/browser/test_csp.py) reports
it instead of it failing silently.

The alternative, ``'unsafe-inline'`` for the whole admin, would let any injected markup run.
"""

import json
import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .patching import wrap

#: Global constructors Wagtail's chooser JavaScript defines (``new X(id, options)``).
CHOOSER_CONSTRUCTORS = frozenset({"Chooser", "PageChooser", "ImageChooser", "DocumentChooser", "SnippetChooser"})
_JSON_STRING = r'"(?:[^"\\]|\\.)*"'
_NEW_CHOOSER = re.compile(rf"^new (\w+)\(({_JSON_STRING}), (\{{.*\}})\);$", re.S)
_TASK_CHOOSER = re.compile(rf"^createTaskChooser\(({_JSON_STRING})\);$")
_INERT = '<script type="application/json" data-site45-init="{}" data-site45-id="{}" data-site45-config="{}"></script>'


def inert_initialiser(statement):
    """Wagtail's chooser initialiser statement → the inert element csp-init.js runs; None if unknown."""
    statement = statement.strip()
    match = _NEW_CHOOSER.match(statement)
    if match and match.group(1) in CHOOSER_CONSTRUCTORS:
        options = json.loads(match.group(3))
        return format_html(_INERT, match.group(1), json.loads(match.group(2)), json.dumps(options))
    match = _TASK_CHOOSER.match(statement)
    if match:
        return format_html(_INERT, "createTaskChooser", json.loads(match.group(1)), "{}")
    return None


def without_inline_script(render):
    def render_chooser(self, name, value, attrs=None, renderer=None):
        html = render(self, name, value, attrs=attrs, renderer=renderer)
        head, opening, tail = str(html).rpartition("<script>")
        if not opening or not tail.endswith("</script>"):
            return html
        inert = inert_initialiser(tail[: -len("</script>")])
        return html if inert is None else mark_safe(head + inert)

    return render_chooser


def install():
    from wagtail.admin.widgets.chooser import BaseChooser

    wrap(BaseChooser, "render", without_inline_script)
