"""The page editor's footer offers the next step (SPEC §5).

Wagtail's footer shows one button — the first item of the page action menu — and hides every
other action in the ▲ menu, so an editor saw only 「儲存草稿」 and a reviewer only the edit
form's save. Here the next step is the visible, primary button and the one other likely action
stands beside it:

- an editor (who cannot publish) on a page that is not in review: 「送審」 (Wagtail's
  "submit to workflow" item), with 「儲存草稿」 beside it;
- the responsible reviewer on a page in their queue: 「核准並發布」, with 「退回修改」 beside it,
  and 「與線上版本比較」 (Wagtail's revision comparison, live against the submitted draft) when
  the page has a live version. The editor opens on the preview side panel for the reviewer
  (``editor.js`` reads the ``data-review-opens-preview`` marker this item renders).

Every other action stays in the ▲ menu in Wagtail's order. Built on the
``construct_page_action_menu`` hook and Wagtail's own menu items and templates; the button
beside the primary one gets Wagtail's ``button-secondary`` class.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from wagtail.admin.action_menu import (
    ActionMenuItem,
    PublishMenuItem,
    SaveDraftMenuItem,
    SubmitForModerationMenuItem,
    WorkflowMenuItem,
)

from .task import ACTION_APPROVE, ACTION_REJECT

SAVE_DRAFT = SaveDraftMenuItem.name
SUBMIT = SubmitForModerationMenuItem.name
PUBLISH = PublishMenuItem.name


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit item, named for what it does here: 「送審」 (again after a return)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = pgettext("按鈕", "重新送審")
        else:
            context["label"] = pgettext("按鈕", "送審")
        return context


class NextStepMenuItem(ActionMenuItem):
    """Two buttons in the footer's primary place: the next step, then one action beside it."""

    def __init__(self, primary, beside):
        super().__init__(order=primary.order)
        self.primary = primary
        self.beside = beside
        self.name = primary.name

    def is_shown(self, context):
        return self.primary.is_shown(context) and self.beside.is_shown(context)

    def render_html(self, parent_context):
        beside = str(self.beside.render_html(parent_context))
        # Wagtail's item templates open with ``class="button …"``: the one beside is secondary.
        beside = mark_safe(beside.replace('class="button', 'class="button button-secondary', 1))
        return format_html("{}{}", self.primary.render_html(parent_context), beside)

    @property
    def media(self):
        return self.primary.media + self.beside.media


class ReviewStepMenuItem(NextStepMenuItem):
    """The reviewer's pair, the comparison with the live version one click away, and the marker
    that opens the editor on the preview."""

    def render_html(self, parent_context):
        html = format_html("{}<span hidden data-review-opens-preview></span>", super().render_html(parent_context))
        page = parent_context.get("page")
        if page is None or not page.pk or not page.live:
            return html
        compare_url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, "live", "latest"))
        return format_html(
            '{}<a class="button button-secondary" href="{}">{}</a>',
            html,
            compare_url,
            pgettext("按鈕", "與線上版本比較"),
        )


def _take(menu_items, predicate):
    found = next((item for item in menu_items if predicate(item)), None)
    if found is not None:
        menu_items.remove(found)
    return found


def _reviewer_pair(menu_items):
    """Approve (without a comment: one click) primary, reject beside it; ``None`` if not a reviewer's menu."""
    names = {item.name for item in menu_items}
    if not {ACTION_APPROVE, ACTION_REJECT} <= names:
        return None
    approve = _take(menu_items, lambda item: item.name == ACTION_APPROVE and not getattr(item, "launch_modal", True))
    if approve is None:
        return None
    reject = _take(menu_items, lambda item: item.name == ACTION_REJECT)
    beside = WorkflowMenuItem(reject.name, pgettext("按鈕", "退回修改"), reject.launch_modal, order=reject.order)
    return ReviewStepMenuItem(approve, beside)


def _editor_pair(menu_items):
    """Submit primary, save draft beside it, for someone who may submit but not publish."""
    names = {item.name for item in menu_items}
    if PUBLISH in names or not {SUBMIT, SAVE_DRAFT} <= names:
        return None
    submit = _take(menu_items, lambda item: item.name == SUBMIT)
    save = _take(menu_items, lambda item: item.name == SAVE_DRAFT)
    return NextStepMenuItem(SubmitForReviewMenuItem(order=submit.order), save)


def offer_next_step(menu_items, request, context):
    """``construct_page_action_menu``: put the next step first, as the footer's primary button."""
    pair = _reviewer_pair(menu_items) or _editor_pair(menu_items)
    if pair is not None:
        menu_items.insert(0, pair)
