"""The admin's page listings — the explorer and the page search — at a fixed number of queries.

Each row of Wagtail's page listing carries a "more" menu whose buttons ask the row's page
questions. Wagtail prefetches most answers for the whole page of rows (workflow states, site
roots, schedules), but two kinds were still asked row by row:

- **Translations** (the system administrator, who holds ``submit_translation``):
  wagtail-localize's listing buttons ask, for every row, which locales the page still lacks and
  whether it is the source of enabled translations — two queries a row, 100 for a page of 50
  rows (137 queries for a large section). ``load_translation_states`` answers both for all rows
  in three queries, and ``translation_listing_buttons`` (which takes the place of
  wagtail-localize's listing hook, see ``hooks``) reads the answer from the row: the
  same buttons, for the same users, with the same URLs.
- **Open reviews** (every role): a row in 單位審核 is asked whether it is locked for the user
  (the "unpublish" button), which loads its task state and task in their specific classes and
  asks ``UnitReviewerTask.is_reviewer_of`` — four queries a row. ``load_current_task_states``
  loads the specific task states and tasks of all rows at once, and ``is_reviewer_of`` reads
  the loaded state (``review.task``).

``ExplorerView`` and ``PageSearchView`` are Wagtail's explorer and page search with these two
loads on the rows being shown; ``PageAdminViewSet`` puts them in place of Wagtail's base page
viewset through the ``register_admin_viewset`` hook (``hooks``). Nothing else changes:
the rows, their order, pagination and permissions are Wagtail's (and the scoping ``hooks``').
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page, WorkflowState

from ..review.my_unit import StartAtOwnSectionMixin

#: The permission wagtail-localize asks before it shows its translation buttons.
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"
#: Where a row keeps ``(has a locale to translate into, id of its source with enabled translations)``.
TRANSLATION_STATE = "_site45_translation_state"
#: wagtail-localize's own labels, translated by its catalogue (the same msgids as its buttons).
TRANSLATE_LABEL = "Translate this page"
SYNC_LABEL = "Sync translated pages"


def load_translation_states(pages, user):
    """Answer wagtail-localize's two questions for every row, in three queries (none if the
    user may not submit translations, as its buttons then ask nothing)."""
    from wagtail_localize.models import TranslationSource

    pages = [page for page in pages if not page.is_root()]
    if not pages or not user.has_perm(SUBMIT_TRANSLATION):
        return
    keys = {page.translation_key for page in pages}
    locale_ids = set(Locale.objects.values_list("pk", flat=True))
    translated = defaultdict(set)
    # As wagtail-localize: the page and its translations, aliases left out.
    for key, locale_id in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True).values_list(
        "translation_key", "locale_id"
    ):
        translated[key].add(locale_id)
    sources = {
        (key, locale_id): pk
        for pk, key, locale_id in TranslationSource.objects.filter(
            object_id__in=keys,
            object__content_type=ContentType.objects.get_for_model(Page),
            translations__enabled=True,
        ).values_list("pk", "object_id", "locale_id")
    }
    for page in pages:
        page.__dict__[TRANSLATION_STATE] = (
            bool(locale_ids - translated[page.translation_key]),
            sources.get((page.translation_key, page.locale_id)),
        )


def translation_listing_buttons(page, user, view_name=None, next_url=None):
    """wagtail-localize's listing buttons, answered from ``load_translation_states``; a page
    that was not loaded (another listing) is asked by wagtail-localize's own hook."""
    state = page.__dict__.get(TRANSLATION_STATE)
    if state is None:
        from wagtail_localize.wagtail_hooks import page_listing_more_buttons

        yield from page_listing_more_buttons(page, user, view_name=view_name, next_url=next_url)
        return
    if page.is_root() or not user.has_perm(SUBMIT_TRANSLATION):
        return
    has_locale_to_translate_to, source_id = state
    if has_locale_to_translate_to:
        url = reverse("wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id])
        yield Button(gettext(TRANSLATE_LABEL), url, priority=60, icon_name="wagtail-localize-language")
    if source_id is not None:
        url = reverse("wagtail_localize:update_translations", args=[source_id])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield Button(gettext(SYNC_LABEL), url, priority=60, icon_name="resubmit")


def _specific_by_pk(objects):
    """``{pk: specific instance}`` of ``objects`` (task states or tasks), one query per class."""
    by_class = defaultdict(list)
    for obj in objects:
        model = obj.specific_class
        if model is not None and not isinstance(obj, model):
            by_class[model].append(obj.pk)
    found = {}
    for model, ids in by_class.items():
        found.update({obj.pk: obj for obj in model._default_manager.filter(pk__in=ids)})
    return found


def load_current_task_states(pages):
    """Load the specific task state and task of every row's workflow in progress, at once.

    Wagtail's ``prefetch_workflow_states`` leaves ``_current_workflow_states`` on each row with
    the task state and task in their base classes; ``Page.current_workflow_task`` then asks
    for their specific classes, two queries a row. Here they are set as each one's cached
    ``specific`` (what ``SpecificMixin.specific`` would have fetched).
    """
    task_states = []
    for page in pages:
        states = getattr(page, "_current_workflow_states", None)
        if states and states[0].status == WorkflowState.STATUS_IN_PROGRESS and states[0].current_task_state_id:
            task_states.append(states[0].current_task_state)
    if not task_states:
        return
    specific_states = _specific_by_pk(task_states)
    tasks = {state.task_id: state.task for state in task_states}
    specific_tasks = _specific_by_pk(tasks.values())
    for task in tasks.values():
        task.__dict__["specific"] = specific_tasks.get(task.pk, task)
    for state in task_states:
        specific = specific_states.get(state.pk, state)
        task = tasks[state.task_id].specific
        specific.task = task
        state.__dict__["specific"] = specific


class LoadedRowsMixin:
    """Load what each row's buttons ask for all rows being shown (see the module docstring)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = context["object_list"]  # the same (evaluated) rows the table renders
        load_current_task_states(rows)
        load_translation_states(rows, self.request.user)
        return context


class ExplorerView(StartAtOwnSectionMixin, LoadedRowsMixin, ExplorableIndexView):
    """Also: ``/admin/pages/`` opens the member's own section (``review.my_unit``)."""


class PageSearchView(LoadedRowsMixin, SearchView):
    # Wagtail's page search names no model, so its count read 「共 5 筆None」 ("1-5 of 5 None").
    verbose_name = Page._meta.verbose_name
    verbose_name_plural = Page._meta.verbose_name_plural


class PageAdminViewSet(PageViewSet):
    """Wagtail's base page viewset with the explorer and the page search above."""

    index_view_class = ExplorerView
    search_view_class = PageSearchView
