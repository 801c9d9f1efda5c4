"""Every admin view that names a page shows another unit's page only as its live, public self.

Unit A (Taichung, TW-TXG) has a never-published draft, a pending submission
and a live page with a newer draft, each titled with a unique marker, and its editor's name is
a marker too. The tree has English sections as well (as ``make run``'s demo has), so Wagtail's
"explorable root" of every editor is the root page and Wagtail itself refuses nothing: what
refuses is ``admin_guards`` asking ``policy.may_name_page``.

- As unit B's editor and reviewer (Kaohsiung, TW-KHH), every page-naming view family —
  explorer, breadcrumbs and headers, edit, preview, history, usage, revisions, compare,
  workflow views, locking, aliases, privacy, translations, chooser and its chosen answer,
  bulk-action confirmations, the sidebar's admin API — and every list (search, reports,
  dashboard) is requested for each of the three pages: no marker in any answer, redirects
  followed, no 5xx.
- As unit A's own editor, an hq_special editor and the system administrator, the same views
  answer 200 with the latest draft title (the control: nothing passes by accident).
- A live page of A with no newer draft appears to B in the explorer and the chooser under its
  public title, but its history, usage, revisions and editor answer 404.
- The responsible reviewer of another unit (the county reviewing its silver point) opens the
  submission while it waits, and another unit's reviewer does not.
"""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, PageLogEntry, Task

from site45.governance.models import Unit
from site45.governance.permissions.grants import sync_user
from site45.governance.review.workflow_setup import install_unit_review_workflow
from site45.home.tree import section_for
from tests.factories import make_member, make_page

TOKEN = uuid.uuid4().hex[:8]
DRAFT = f"draftmark{TOKEN}"
PENDING = f"pendingmark{TOKEN}"
NEWER = f"newermark{TOKEN}"
PUBLIC = f"publicmark{TOKEN}"
STAFF = f"staffmark{TOKEN}"
SILVER = f"silvermark{TOKEN}"
HQ_STAFF = f"hqstaffmark{TOKEN}"
SILVER_STAFF = f"silverstaffmark{TOKEN}"
HIDDEN = (DRAFT, PENDING, NEWER, STAFF)
FIND = f"findme{TOKEN}"  # a word of every title above: searched for, so the echoed query is no leak

UNIT_A, UNIT_B, SILVER_POINT = "TW-TXG", "TW-KHH", "TW-TXG-silver-1"


def text_of(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def english_sections(*codes):
    """English copies of the units' sections (and their ancestors), as the demo has them."""
    en = Locale.objects.get_or_create(language_code="en")[0]
    for code in codes:
        section = section_for(Unit.objects.get(code=code))
        if not section.get_translations().filter(locale=en).exists():
            section.copy_for_translation(en, copy_parents=True).save_revision().publish()


class World:
    def __init__(self):
        install_unit_review_workflow()
        english_sections(UNIT_A, UNIT_B, SILVER_POINT)
        User = get_user_model()
        self.users = {
            "a_editor": make_member(UNIT_A, "editor"),
            "a_reviewer": make_member(UNIT_A, "unit_reviewer"),
            "b_editor": make_member(UNIT_B, "editor"),
            "b_reviewer": make_member(UNIT_B, "unit_reviewer"),
            "hq_editor": make_member("wda-dsted", "editor", account_role="wda_officer"),
            "silver_editor": make_member(SILVER_POINT, "editor", account_role="silver_point_counsellor"),
            "admin": User.objects.create_superuser("page-naming-admin", "root@example.com", "pw-for-tests-only-123"),
        }
        for key, marker in (("hq_editor", HQ_STAFF), ("silver_editor", SILVER_STAFF)):
            user = self.users[key]
            user.first_name, user.last_name = "乙", marker
            user.save(update_fields=["first_name", "last_name"])
        for user in self.users.values():
            sync_user(user)  # the English sections were made after the groups
        a_editor = self.users["a_editor"]
        a_editor.first_name, a_editor.last_name = "甲", STAFF
        a_editor.save(update_fields=["first_name", "last_name"])
        self.section_a = section_for(Unit.objects.get(code=UNIT_A))
        self.section_b = section_for(Unit.objects.get(code=UNIT_B))

        self.draft = make_page("hot_news", unit_code=UNIT_A, publish=False, title=f"{DRAFT} {FIND}")
        self.draft.save_revision(user=a_editor, log_action=True)

        self.pending = make_page("hot_news", unit_code=UNIT_A, publish=False, title=f"{PENDING} {FIND}")
        self.pending.save_revision(user=a_editor, log_action=True)
        self.pending.get_workflow().start(self.pending, a_editor)

        self.newer = make_page("hot_news", unit_code=UNIT_A, title=f"已發布{TOKEN}")
        self.newer.title = f"{NEWER} {FIND}"
        self.newer.save_revision(user=a_editor, log_action=True)

        self.public = make_page("hot_news", unit_code=UNIT_A, title=PUBLIC)
        PageLogEntry.objects.log_action(self.public, "wagtail.edit", user=a_editor)

        silver_editor = self.users["silver_editor"]
        self.silver = make_page("hot_news", unit_code=SILVER_POINT, publish=False, title=SILVER)
        self.silver.save_revision(user=silver_editor, log_action=True)
        self.silver.get_workflow().start(self.silver, silver_editor)

        for page in (self.draft, self.pending, self.newer, self.public, self.silver):
            page.refresh_from_db()
        self.markers = {self.draft.pk: DRAFT, self.pending.pk: PENDING, self.newer.pk: NEWER}

    def fill(self, template, page, own_section):
        task = page.current_workflow_task or Task.objects.order_by("pk").first()
        return template.format(
            p=page.pk,
            rev=page.latest_revision_id,
            task=task.pk if task else 0,
            own_section=own_section.pk,
        )


@pytest.fixture
def world(site_tree):
    with translation.override("zh-hant"):
        return World()


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


#: Every admin view family that names one page: (name, method, URL template).
PAGE_VIEWS = [
    ("explorer", "get", "/admin/pages/{p}/"),
    ("explorer results", "get", "/admin/pages/{p}/results/"),
    ("edit", "get", "/admin/pages/{p}/edit/"),
    ("preview", "get", "/admin/pages/{p}/edit/preview/"),
    ("view draft", "get", "/admin/pages/{p}/view_draft/"),
    ("history", "get", "/admin/pages/{p}/history/"),
    ("history results", "get", "/admin/pages/{p}/history/results/"),
    ("usage", "get", "/admin/pages/{p}/usage/"),
    ("revisions", "get", "/admin/pages/{p}/revisions/"),
    ("revision view", "get", "/admin/pages/{p}/revisions/{rev}/view/"),
    ("compare", "get", "/admin/pages/{p}/revisions/compare/earliest...latest/"),
    ("workflow history", "get", "/admin/pages/{p}/workflow_history/"),
    ("workflow preview", "get", "/admin/pages/workflow/preview/{p}/{task}/"),
    ("workflow cancellation", "get", "/admin/pages/workflow/confirm_cancellation/{p}/"),
    ("lock", "post", "/admin/pages/{p}/lock/"),
    ("unlock", "post", "/admin/pages/{p}/unlock/"),
    ("alias", "get", "/admin/pages/{p}/convert_alias/"),
    ("privacy", "get", "/admin/pages/{p}/privacy/"),
    ("copy", "get", "/admin/pages/{p}/copy/"),
    ("move", "get", "/admin/pages/{p}/move/"),
    ("move confirm", "get", "/admin/pages/{p}/move/{own_section}/confirm/"),
    ("delete", "get", "/admin/pages/{p}/delete/"),
    ("unpublish", "get", "/admin/pages/{p}/unpublish/"),
    ("add subpage", "get", "/admin/pages/{p}/add_subpage/"),
    ("chooser browse", "get", "/admin/choose-page/{p}/"),
    ("chooser chosen", "get", "/admin/choose-page/chosen-multiple/?id={p}"),
    ("bulk delete", "get", "/admin/bulk/wagtailcore/page/delete/?id={p}"),
    ("bulk publish", "get", "/admin/bulk/wagtailcore/page/publish/?id={p}"),
    ("bulk unpublish", "get", "/admin/bulk/wagtailcore/page/unpublish/?id={p}"),
    ("bulk move", "get", "/admin/bulk/wagtailcore/page/move/?id={p}"),
    ("bulk delete post", "post", "/admin/bulk/wagtailcore/page/delete/?id={p}"),
    ("admin api detail", "get", "/admin/api/main/pages/{p}/"),
    ("admin api children", "get", "/admin/api/main/pages/?child_of={p}&for_explorer=1"),
    ("admin api ancestors", "get", "/admin/api/main/pages/?ancestor_of={p}"),
    ("translate", "get", "/admin/localize/submit/page/{p}/"),
    ("convert to alias", "get", "/admin/localize/page/{p}/convert_to_alias/"),
    ("editing session", "post", "/admin/editing-sessions/ping/wagtailcore/page/{p}/0/"),
]

#: Lists that may name pages without a page id in the URL.
LISTS = [
    "/admin/",
    "/admin/pages/search/?q={q}",
    "/admin/pages/search/results/?q={q}",
    "/admin/choose-page/search/?q={q}",
    "/admin/api/main/pages/?search={q}",
    "/admin/api/main/pages/?limit=500",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/page-types-usage/",
    "/admin/pages/usage/news/hotnewspage/",
    "/admin/localize/reports/translations/",
    "/admin/bulk/wagtailcore/page/delete/?id=all&q={q}",
]


def request(client, method, url):
    if method == "get":
        return client.get(url, follow=True)
    return client.post(url, {})


def leaks(response, markers):
    text = text_of(response)
    return [m for m in markers if m in text]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["b_editor", "b_reviewer"])
def test_another_units_staff_get_no_view_of_unit_as_pages(world, who):
    client = client_for(world.users[who])
    problems = []
    for page in (world.draft, world.pending, world.newer):
        for name, method, template in PAGE_VIEWS:
            url = world.fill(template, page, world.section_b)
            response = request(client, method, url)
            if response.status_code >= 500:
                problems.append(f"{name} {url}: {response.status_code}")
            elif found := leaks(response, HIDDEN):
                problems.append(f"{name} {url}: {response.status_code} shows {found}")
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["b_editor", "b_reviewer"])
def test_another_units_staff_find_none_of_unit_as_pages_in_lists(world, who):
    client = client_for(world.users[who])
    problems = []
    for template in LISTS:
        for query in (FIND, DRAFT):
            url = template.format(q=query)
            response = client.get(url, follow=True)
            if response.status_code >= 500:
                problems.append(f"{url}: {response.status_code}")
            elif found := leaks(response, [m for m in HIDDEN if m != query]):
                problems.append(f"{url}: {response.status_code} shows {found}")
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_the_leaks_of_the_issue_are_closed(world):
    """The three reproduced leaks: explorer, chosen-multiple, bulk-action confirmation — 404."""
    client = client_for(world.users["b_editor"])
    ids = "&".join(f"id={pk}" for pk in world.markers)
    for url in [f"/admin/pages/{pk}/" for pk in world.markers] + [
        f"/admin/choose-page/chosen-multiple/?{ids}",
        f"/admin/bulk/wagtailcore/page/delete/?{ids}",
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={world.section_a.pk}",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert not leaks(response, HIDDEN), url
    # One foreign id among one's own is enough to refuse the whole answer.
    own = make_page("hot_news", unit_code=UNIT_B, publish=False, title=f"own{TOKEN}")
    response = client.get(f"/admin/choose-page/chosen-multiple/?id={own.pk}&id={world.draft.pk}")
    assert response.status_code == 404
    assert f"own{TOKEN}" in text_of(client.get(f"/admin/choose-page/chosen-multiple/?id={own.pk}"))


#: Views where the page's own unit (and 全) see the latest draft title.
SEEN = ["explorer", "edit", "history", "usage", "chooser chosen", "bulk delete", "admin api detail", "revision view"]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["a_editor", "hq_editor", "admin"])
def test_the_own_unit_hq_special_and_the_system_administrator_still_see_the_page(world, who):
    client = client_for(world.users[who])
    views = {name: (method, template) for name, method, template in PAGE_VIEWS}
    problems = []
    for page in (world.draft, world.pending, world.newer):
        marker = world.markers[page.pk]
        for name in SEEN:
            method, template = views[name]
            url = world.fill(template, page, world.section_a)
            response = getattr(client, method)(url)
            if response.status_code != 200 or marker not in text_of(response):
                problems.append(f"{name} {url}: {response.status_code}, marker shown: {marker in text_of(response)}")
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_a_live_page_of_another_unit_appears_only_as_its_public_self(world):
    client = client_for(world.users["b_editor"])
    page = world.public
    for url in (
        f"/admin/pages/{page.pk}/",
        f"/admin/choose-page/chosen-multiple/?id={page.pk}",
        f"/admin/choose-page/{world.section_a.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert PUBLIC in text_of(response), url
        assert not leaks(response, HIDDEN), url
    # The admin API answers only for pages under one's own sections (Wagtail's rule, stricter).
    assert not leaks(client.get(f"/admin/api/main/pages/{page.pk}/"), HIDDEN)
    for name, method, template in PAGE_VIEWS:
        if name in (
            "explorer",
            "explorer results",
            "chooser browse",
            "chooser chosen",
            "admin api detail",
            "admin api children",
            "admin api ancestors",
        ):
            continue
        url = world.fill(template, page, world.section_b)
        response = getattr(client, method)(url)
        assert response.status_code == 404, (name, url, response.status_code)
        assert not leaks(response, HIDDEN + (PUBLIC,)), (name, url)


@pytest.mark.django_db
def test_the_way_to_ones_own_section_stays_open(world):
    """The home page and the units index are no unit's: the explorer still leads through them."""
    client = client_for(world.users["b_editor"])
    for page in world.section_b.get_ancestors().filter(depth__gt=1):
        assert client.get(f"/admin/pages/{page.pk}/").status_code == 200, page
    response = client.get(f"/admin/pages/{world.section_b.pk}/")
    assert response.status_code == 200
    own = make_page("hot_news", unit_code=UNIT_B, publish=False, title=f"own{TOKEN}")
    assert f"own{TOKEN}" in text_of(client.get(f"/admin/pages/{world.section_b.pk}/"))
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_the_responsible_reviewer_of_another_unit_opens_the_submission(world):
    """The county's reviewer reviews its silver point's drafts (SPEC §4); nobody else outside."""
    page = world.silver
    reviewer = client_for(world.users["a_reviewer"])
    assert page.current_workflow_task is not None
    for url in (
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/workflow/preview/{page.pk}/{page.current_workflow_task.pk}/",
    ):
        response = reviewer.get(url)
        assert response.status_code == 200, url
        assert SILVER in text_of(response), url
    outsider = client_for(world.users["b_reviewer"])
    for url in (f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/"):
        response = outsider.get(url)
        assert response.status_code == 404 and SILVER not in text_of(response), url


@pytest.mark.django_db
def test_the_rule_in_policy(world):
    from site45.governance.permissions import policy

    b, a = world.users["b_editor"], world.users["a_editor"]
    for page in (world.draft, world.pending, world.newer):
        for view in ("wagtailadmin_explore", "wagtailadmin_pages:edit", "wagtailadmin_pages:history"):
            assert not policy.may_name_page(b, page, view)
            assert policy.may_name_page(a, page, view)
    assert policy.may_name_page(b, world.public, "wagtailadmin_explore")
    assert policy.may_name_page(b, world.public, "wagtailadmin_choose_page_chosen_multiple")
    assert not policy.may_name_page(b, world.public, "wagtailadmin_pages:history")
    assert not policy.may_name_page(b, world.public, "wagtail_bulk_action")
    assert policy.may_name_page(world.users["a_reviewer"], world.silver, "wagtailadmin_pages:edit")
    assert not policy.may_name_page(world.users["b_reviewer"], world.silver, "wagtailadmin_pages:edit")


@pytest.mark.django_db
def test_other_units_staff_names_are_masked(world):
    """An hq_special editor's edit on unit A's page, a silver point's submitter on the county
    reviewer's dashboard: their names appear masked; one's own unit's and, for the system
    administrator, every name in full."""
    from site45.governance.privacy.personal_data import masked_display_name

    hq = world.users["hq_editor"]
    world.draft.save_revision(user=hq, log_action=True)
    history = f"/admin/pages/{world.draft.pk}/history/"
    own = client_for(world.users["a_editor"])
    response = own.get(history)
    assert response.status_code == 200
    text = text_of(response)
    assert HQ_STAFF not in text and masked_display_name(hq) in text
    assert STAFF in text  # a colleague of the same unit
    assert HQ_STAFF not in text_of(own.get("/admin/reports/site-history/"))
    assert HQ_STAFF in text_of(client_for(world.users["admin"]).get(history))

    dashboard = text_of(client_for(world.users["a_reviewer"]).get("/admin/"))
    assert SILVER in dashboard  # the submission waiting for this reviewer
    assert SILVER_STAFF not in dashboard and masked_display_name(world.users["silver_editor"]) in dashboard


@pytest.mark.django_db
def test_a_decided_review_does_not_name_the_pages_later_drafts(world):
    """After approval the county reviewer's workflow reports keep the review while the page is
    public, and drop it once the silver point saves a newer draft (its title is not theirs)."""
    from wagtail.models import TaskState

    from site45.governance.review.task import UnitReviewTaskState

    page, reviewer = world.silver, client_for(world.users["a_reviewer"])
    state = UnitReviewTaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)
    assert state.reviewer_id == world.users["a_reviewer"].pk
    response = reviewer.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    page.title = f"later{TOKEN}"
    page.save_revision(user=world.users["silver_editor"])
    for url in ("/admin/reports/workflow/", "/admin/reports/workflow_tasks/", "/admin/"):
        response = reviewer.get(url)
        assert response.status_code == 200 and f"later{TOKEN}" not in text_of(response), url
        assert SILVER_STAFF not in text_of(response), url
