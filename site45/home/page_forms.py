"""The admin form of every content page (``ContentPage.base_form_class``).

Wagtail hands the page form the page's parent (``parent_page``) in the create, preview and
autosave views. A new page takes from its unit's section what the section decides:

- its owning unit (發布單位, not a form field: ``ContentPage.save`` assigns it again), and the
  initial values of ``ContentPage.defaults_from_section`` (the unit's county);
- a short dated slug in place of an empty or non-ASCII one (``slugs.py``): in the browser, the
  ``w-slug`` controller turns a title with Chinese in it into the dated slug found when the form
  was drawn; on the server, ``clean_slug`` makes one for a slug left empty or not ASCII, and
  again when the dated slug was taken meanwhile (two editors on one day).

A page that exists already keeps its slug and its values: its form is Wagtail's.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput

from .slugs import NON_ASCII_TITLE, dated_slug, is_dated, needs_dated_slug

SLUG_HELP = _("留空或含中文時，系統以建立日期與類型產生，例如 2026-12-07-event；輸入的英數代稱會保留。")


class ContentPageForm(WagtailAdminPageForm):
    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.section = parent_page if getattr(parent_page, "is_unit_section", False) else None
        self.creating = self.instance._state.adding and self.section is not None
        if not self.creating:
            return
        self.instance.unit_id = self.section.unit_id
        if not self.is_bound:
            for name, value in self.instance.defaults_from_section(self.section).items():
                if name in self.fields and not self.initial.get(name):
                    self.initial[name] = value
        if "slug" in self.fields:
            self._offer_dated_slug()

    def _offer_dated_slug(self):
        field = self.fields["slug"]
        field.required = False
        field.help_text = format_lazy("{} {}", field.help_text, SLUG_HELP)
        if not self.is_bound:
            # The browser's slug of a Chinese title becomes the dated slug free at this moment.
            candidate = dated_slug(self.section, self.instance.matrix_code)
            field.widget = SlugInput(formatters=[(NON_ASCII_TITLE, candidate)], locale=self.section.locale)

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if not self.creating:
            return slug
        code = self.instance.matrix_code
        if needs_dated_slug(slug) or (is_dated(slug, code) and not self._slug_is_free(slug)):
            return dated_slug(self.section, code)
        return slug

    def _slug_is_free(self, slug):
        return not self.section.get_children().filter(slug=slug).exists()
