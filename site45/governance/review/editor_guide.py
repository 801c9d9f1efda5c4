"""「編輯操作說明」: the editor's guide in the admin's 說明 (help) menu (SPEC §5).

How to create a page in one's unit, submit it, fix a page sent back, and how the unit's reviewer
approves — in zh-Hant, with pictures. The pictures are the screenshots the browser tests take on
their way through the same steps (``tests/browser``): the screenshot fixture writes every name
in ``GUIDE_SCREENSHOTS`` into ``static/governance/guide/`` as well, so each run of the browser
tests redraws them and a changed screen shows up as a changed file to commit.

The guide replaces Wagtail's two help links (its English "What's new" and "Editor Guide" on
wagtail.org); the keyboard-shortcuts item stays.
"""

from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

#: Static folder of the guide's pictures.
SCREENSHOT_DIR = "governance/guide"

#: The screenshots the guide shows, by the name the browser tests give them.
GUIDE_SCREENSHOTS = (
    "editor-dashboard-my-unit",
    "editor-footer-next-step",
    "reviewer-queue-with-the-new-event",
    "reviewer-opens-on-the-preview",
    "editor-dashboard-sent-back",
)

#: Wagtail's own help-menu items that lead to English pages on wagtail.org.
WAGTAIL_HELP_LINKS = ("editor-guide",)
WAGTAIL_WHATS_NEW_PREFIX = "whats-new-in-wagtail-"


def screenshot_url(name):
    return static(f"{SCREENSHOT_DIR}/{name}.png")


@method_decorator(never_cache, name="dispatch")
class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "governance/editor_guide.html"
    page_title = _("編輯操作說明")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["screenshots"] = {name.replace("-", "_"): screenshot_url(name) for name in GUIDE_SCREENSHOTS}
        return context


def is_wagtail_help_link(item):
    return item.name in WAGTAIL_HELP_LINKS or item.name.startswith(WAGTAIL_WHATS_NEW_PREFIX)
