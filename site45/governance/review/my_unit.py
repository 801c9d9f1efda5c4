"""「我的單位」: where an editor or reviewer of a publishing unit starts (issue 15, item 2).

The dashboard panel (``MyUnitPanel``, registered in ``hooks``) shows, for a member who may add
pages in their unit's section:

- one button per content type the unit may publish (Attachment 2, ``Unit.may_publish``),
  opening Wagtail's create form directly in the unit's section, labelled with the type's name
  (the page model's ``verbose_name``: the same msgid as the site's type labels, read by duck
  typing because governance never imports the content apps);
- the user's own drafts in the unit's sections: pages whose latest revision is theirs (or that
  they created without a revision), not live or with unpublished changes, and in no open review;
- their submissions waiting for review, with the responsible reviewer named as the submission
  message names them (``outcome_messages.reviewer_description``: Wagtail's user name, masked
  for another unit's reviewer by the permissions room);
- their submissions sent back (a rejected 單位審核 state, the workflow needing changes), with
  who returned it, when, and the reviewer's comment in full.

Every row links to the page editor. The panel asks a fixed number of queries however many
pages there are (the user's sections and page rights, read once per request and shared with the
page explorer; then one query per list and one for the titles of the reviews).

Who gets it, and where the explorer starts, follow Wagtail's group page permissions, which
``permissions.grants`` derives from membership: a member holding "add" on their unit's section
in the site's default language (an editor or a reviewer). The system administrator, a
superuser, holds no group page permission of their own here and keeps Wagtail's root.

The page explorer starts in that section: the sidebar's 「頁面」 menu item opens there
(``start_explorer_at_own_section``, a ``construct_main_menu`` hook) and the explorer's root
address ``/admin/pages/`` redirects there (``StartAtOwnSectionMixin`` on the permissions room's
explorer view). Wagtail's explorable root (``explorable_root_instance``) is unchanged: it still
decides which pages the explorer may reach, and the way up the tree stays open.
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, TaskState, WorkflowState, get_page_models
from wagtail.permissions import page_permission_policy

from ..org.matrix import CONTENT_TYPE_CODES
from ..org.models import section_models
from .outcome_messages import reviewer_description
from .task import UnitReviewTaskState

#: Rows shown per list; a longer list says how many are shown.
LIST_LIMIT = 20
#: The page permission that lets a member create pages in a section (from ``grants``).
ADD_PAGE = "add_page"
#: Wagtail's name for the sidebar's page explorer item.
EXPLORER_MENU_ITEM = "explorer"
_SECTIONS_CACHE = "_site45_own_unit_sections"


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def own_unit_sections(user):
    """The sections (every language) of ``user``'s unit, the default language's first.

    One query, kept on the user for the request (as Wagtail keeps its page permissions).
    """
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, _SECTIONS_CACHE):
        language = default_language()
        sections = []
        for model in section_models():
            sections.extend(model.objects.filter(unit__memberships__user_id=user.pk).select_related("unit", "locale"))
        sections.sort(key=lambda section: (section.locale.language_code != language, section.path))
        setattr(user, _SECTIONS_CACHE, sections)
    return getattr(user, _SECTIONS_CACHE)


def holds_add_on(user, page):
    """Does one of ``user``'s groups hold "add" on ``page`` itself? (Never true of a superuser,
    whom Wagtail gives no group page permissions: their rights are not a unit's.)"""
    return any(
        perm.page_id == page.pk and perm.permission.codename == ADD_PAGE
        for perm in page_permission_policy.get_cached_permissions_for_user(user)
    )


def own_section(user):
    """The section of ``user``'s unit in the default language, if they may add pages there."""
    sections = own_unit_sections(user)
    if not sections or sections[0].locale.language_code != default_language():
        return None
    section = sections[0]
    return section if holds_add_on(user, section) else None


def content_models():
    """``{matrix_code: page model}``: page models declaring a ``matrix_code`` of Attachment 2."""
    found = {}
    for model in get_page_models():
        code = getattr(model, "matrix_code", None)
        if isinstance(code, str) and code in CONTENT_TYPE_CODES:
            found[code] = model
    return found


def create_buttons(section):
    """One button per content type the section's unit may publish, in Attachment 2's order."""
    models = content_models()
    buttons = []
    for code in CONTENT_TYPE_CODES:
        model = models.get(code)
        if model is None or not section.unit.may_publish(code):
            continue
        buttons.append(
            {
                "code": code,
                "label": _("新增%(type)s") % {"type": model._meta.verbose_name},
                "url": reverse(
                    "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, section.pk)
                ),
            }
        )
    return buttons


def _in_sections_q(sections):
    q = Q(pk__in=[])
    for section in sections:
        q |= Q(path__startswith=section.path, depth__gt=section.depth)
    return q


def _page_type():
    return ContentType.objects.get_for_model(Page)


def own_drafts(user, sections):
    """The user's drafts in ``sections``, newest first: not live or with unpublished changes,
    last saved (or created) by the user, and in no open review (in progress or sent back)."""
    under_review = WorkflowState.objects.filter(
        base_content_type=_page_type(),
        object_id=Cast(OuterRef("pk"), CharField()),
        status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
    )
    return (
        Page.objects.filter(_in_sections_q(sections))
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .filter(Q(latest_revision__user_id=user.pk) | Q(latest_revision__isnull=True, owner_id=user.pk))
        .exclude(Exists(under_review))
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
    )


def own_reviews(user, sections):
    """The 單位審核 states the user's open submissions in ``sections`` are at (the current one)."""
    pages = Page.objects.filter(_in_sections_q(sections)).annotate(key=Cast("pk", CharField())).values("key")
    return UnitReviewTaskState.objects.filter(
        workflow_state__requested_by_id=user.pk,
        workflow_state__base_content_type=_page_type(),
        workflow_state__object_id__in=pages,
        workflow_state__current_task_state_id=F("pk"),
    ).select_related("workflow_state")


def waiting_for_review(user, sections):
    return (
        own_reviews(user, sections)
        .filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__status=WorkflowState.STATUS_IN_PROGRESS)
        .select_related("reviewer__membership__unit")
        .order_by("started_at", "pk")
    )


def sent_back(user, sections):
    return (
        own_reviews(user, sections)
        .filter(status=TaskState.STATUS_REJECTED, workflow_state__status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("finished_by__membership__unit")
        .order_by("-finished_at", "-pk")
    )


def edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=(quote(page_id),))


def _limited(queryset):
    rows = list(queryset[: LIST_LIMIT + 1])
    return rows[:LIST_LIMIT], len(rows) > LIST_LIMIT


class MyUnitPanel(Component):
    name = "my_unit"
    template_name = "governance/dashboard_my_unit.html"
    order = 80  # before the review queue (90): the members' own work first

    def __init__(self, user, section):
        self.user = user
        self.section = section

    @classmethod
    def for_user(cls, user):
        """The panel for ``user``, or ``None`` when they may not add pages in their unit's section."""
        section = own_section(user)
        return cls(user, section) if section is not None else None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        sections = own_unit_sections(self.user)
        drafts, more_drafts = _limited(own_drafts(self.user, sections))
        waiting, more_waiting = _limited(waiting_for_review(self.user, sections))
        returned, more_returned = _limited(sent_back(self.user, sections))
        page_ids = {int(s.workflow_state.object_id) for s in waiting + returned}
        pages = Page.objects.in_bulk(page_ids) if page_ids else {}

        def review_rows(states, person):
            rows = []
            for state in states:
                page = pages.get(int(state.workflow_state.object_id))
                if page is None:
                    continue
                who = person(state)
                rows.append(
                    {
                        "state": state,
                        "title": page.get_admin_display_title(),
                        "edit_url": edit_url(page.pk),
                        "reviewer": reviewer_description(who) if who is not None else None,
                        "comment": state.comment,
                    }
                )
            return rows

        context.update(
            {
                "unit": self.section.unit,
                "section": self.section,
                "explore_url": reverse("wagtailadmin_explore", args=(self.section.pk,)),
                "buttons": create_buttons(self.section),
                "drafts": [
                    {"page": page, "title": page.get_admin_display_title(), "edit_url": edit_url(page.pk)}
                    for page in drafts
                ],
                "waiting": review_rows(waiting, lambda state: state.reviewer),
                "returned": review_rows(returned, lambda state: state.finished_by),
                "more_drafts": more_drafts,
                "more_waiting": more_waiting,
                "more_returned": more_returned,
                "limit": LIST_LIMIT,
            }
        )
        return context


def add_my_unit_panel(request, panels):
    """``construct_homepage_panels``: 「我的單位」 for a member who may add pages in their section."""
    panel = MyUnitPanel.for_user(request.user)
    if panel is not None:
        panels.append(panel)


# --- where the page explorer starts ------------------------------------------------------------


class OwnSectionExplorerMenuItem(MenuItem):
    """Wagtail's 「頁面」 menu item (same label, address, icon and order) whose sidebar explorer
    opens at the user's own section instead of Wagtail's explorable root."""

    def __init__(self, item):
        super().__init__(
            item.label,
            item.url,
            name=item.name,
            classname=item.classname,
            icon_name=item.icon_name,
            attrs=item.attrs,
            order=item.order,
        )
        self.wagtail_item = item

    def render_component(self, request):
        section = own_section(request.user)
        if section is None:
            return self.wagtail_item.render_component(request)
        return PageExplorerMenuItem(
            self.name, self.label, self.url, section.pk, icon_name=self.icon_name, classname=self.classname
        )


def start_explorer_at_own_section(request, menu_items):
    """``construct_main_menu``: the 「頁面」 item opens at the user's section (see the module docstring)."""
    for index, item in enumerate(menu_items):
        if item.name == EXPLORER_MENU_ITEM and not isinstance(item, OwnSectionExplorerMenuItem):
            menu_items[index] = OwnSectionExplorerMenuItem(item)


class StartAtOwnSectionMixin:
    """For the explorer's index view: its root address (``/admin/pages/``) opens the user's own
    section; a page named in the address is shown as Wagtail shows it."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is None:
            section = own_section(request.user)
            if section is not None:
                url = reverse("wagtailadmin_explore", args=(section.pk,))
                query = request.GET.urlencode()
                return redirect(f"{url}?{query}" if query else url)
        return super().get(request, parent_page_id)
