"""SPEC §4: nobody sees or touches another unit's drafts anywhere — through the real admin.

Every place of the admin where a page can be listed, opened or acted on is requested with
the Django test client, logged in as (a) users who must not see TW-KHH's drafts: an editor
and the reviewer of TW-TXG, a user with no membership and an inactive user, and (b) users
who may: TW-KHH's own editor and an editor of hq_special (全). A refusal is a 403, a 404 or
a redirect that is not the page itself; in every case the draft's title, slug and body text
are absent from the response. Positive controls show that the same places do list the page
for the users allowed to see it, so no check passes by accident.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import GroupApprovalTask, Page, PageLogEntry, Workflow, WorkflowPage, WorkflowTask
from wagtail.rich_text import RichText

from site45.governance.models import Unit
from site45.governance.permissions import policy
from site45.home.tree import section_for
from tests.db_snapshot import built_once
from tests.factories import make_member, make_page, text_of

DRAFT_TITLE = "高雄內部草稿甲乙丙"
DRAFT_SLUG = "khh-secret-draft"
DRAFT_BODY = "尚未公開的機密內文丁戊己"
PENDING_TITLE = "高雄待發布新標題庚辛壬"
LIVE_TITLE = "高雄已發布消息子丑寅"
OWN_DRAFT_TITLE = "臺中自己的草稿卯辰巳"

HIDDEN_MARKERS = (DRAFT_TITLE, DRAFT_SLUG, DRAFT_BODY, PENDING_TITLE)


def body(text):
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def assert_hidden(response, markers=HIDDEN_MARKERS):
    text = text_of(response)
    for marker in markers:
        assert marker not in text, f"{marker!r} leaked ({response.status_code})"


def assert_refused(response, page=None, client=None):
    """403, 404 or a redirect away: to the login, the dashboard or the user's own area.

    A redirect is followed (with ``client``) until it lands; the landing page must not be a
    page about ``page``, and nothing of the draft may appear on the way.
    """
    assert response.status_code in (302, 403, 404), response.status_code
    assert_hidden(response)
    location = None
    for _hop in range(5):
        if response.status_code != 302 or client is None:
            break
        location = response["Location"]
        if "/admin/login/" in location:
            return
        response = client.get(location)
        assert_hidden(response)
    assert response.status_code in (200, 403, 404) or client is None, response.status_code
    if response.status_code == 200 and page is not None and location is not None:
        assert f"/{page.pk}/" not in location.split("?")[0], location


class World:
    """Two county units with drafts and live pages, a workflow in progress, a lock and logs."""

    def __init__(self):
        User = get_user_model()
        self.txg_section = section_for(Unit.objects.get(code="TW-TXG"))
        self.khh_section = section_for(Unit.objects.get(code="TW-KHH"))

        self.users = {
            "txg_editor": make_member("TW-TXG", "editor"),
            "txg_reviewer": make_member("TW-TXG", "unit_reviewer"),
            "nobody": User.objects.create_user("nobody", password="pw-for-tests-only-123"),
            "inactive": make_member("TW-TXG", "editor", is_active=False),
            "khh_editor": make_member("TW-KHH", "editor"),
            "hq_editor": make_member("wda-dsted", "editor", account_role="wda_officer"),
            "admin": User.objects.create_superuser("root-admin", "root@example.com", "pw-for-tests-only-123"),
        }
        khh = self.users["khh_editor"]

        self.own_draft = make_page("hot_news", unit_code="TW-TXG", publish=False, title=OWN_DRAFT_TITLE)

        self.live = make_page("hot_news", unit_code="TW-KHH", title=LIVE_TITLE)
        # A live page of TW-KHH with a pending draft whose title is not public yet.
        self.pending = make_page("event", unit_code="TW-KHH", title="高雄活動")
        self.pending.title = PENDING_TITLE
        self.pending.save_revision(user=khh, log_action=True)

        # Made last, so it is the most recently edited hot news page of the site.
        self.draft = make_page(
            "hot_news",
            unit_code="TW-KHH",
            publish=False,
            title=DRAFT_TITLE,
            slug=DRAFT_SLUG,
            summary=DRAFT_BODY,
            body=body(DRAFT_BODY),
        )
        self.draft.owner = khh
        self.draft.save(update_fields=["owner"])
        PageLogEntry.objects.log_action(self.draft, "wagtail.edit", user=khh)
        self.draft.save_revision(user=khh, log_action=True)

        # The draft is in moderation (a workflow of the test's own, so this test does not
        # depend on which review task the project installs) and locked by its author.
        moderators, _ = Group.objects.get_or_create(name="Moderators")
        task = GroupApprovalTask.objects.create(name="測試審核")
        task.groups.set([moderators])
        workflow = Workflow.objects.create(name="測試流程")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.update_or_create(page=self.khh_section, defaults={"workflow": workflow})
        workflow.start(self.draft, khh)
        Page.objects.filter(pk=self.draft.pk).update(
            locked=True, locked_by=khh, locked_at=self.draft.latest_revision_created_at
        )
        self.draft.refresh_from_db()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """Built once for the module (the tests only read it; what a test changes is rolled back)."""

    def build():
        with translation.override("zh-hant"):
            return World()

    with built_once(django_db_blocker, build) as world:
        yield world


@pytest.fixture
def world(shared_world, site_tree):
    return shared_world


REFUSED_USERS = ["txg_editor", "txg_reviewer", "nobody", "inactive"]
SEEING_USERS = ["khh_editor", "hq_editor", "admin"]


def login(client, world, who):
    client.force_login(world.users[who])
    return world.users[who]


# --- actions on another unit's draft: refused, and nothing of it shown ------------------------

#: (name, method, url template). {draft}, {rev}, {section}, {live} are filled from the world.
ACTIONS = [
    ("add_subpage type list", "get", "/admin/pages/{section}/add_subpage/"),
    ("create form by hand", "get", "/admin/pages/add/news/hotnewspage/{section}/"),
    ("create preview", "post", "/admin/pages/add/news/hotnewspage/{section}/preview/"),
    ("edit", "get", "/admin/pages/{draft}/edit/"),
    ("edit preview", "get", "/admin/pages/{draft}/edit/preview/"),
    ("edit preview post", "post", "/admin/pages/{draft}/edit/preview/"),
    ("view draft", "get", "/admin/pages/{draft}/view_draft/"),
    ("delete", "get", "/admin/pages/{draft}/delete/"),
    ("unpublish", "get", "/admin/pages/{live}/unpublish/"),
    ("move", "get", "/admin/pages/{draft}/move/"),
    ("move confirm", "get", "/admin/pages/{draft}/move/{own_section}/confirm/"),
    ("copy", "get", "/admin/pages/{draft}/copy/"),
    ("revisions", "get", "/admin/pages/{draft}/revisions/"),
    ("revision view", "get", "/admin/pages/{draft}/revisions/{rev}/view/"),
    ("revision revert", "get", "/admin/pages/{draft}/revisions/{rev}/revert/"),
    ("compare", "get", "/admin/pages/{draft}/revisions/compare/earliest...latest/"),
    ("page history", "get", "/admin/pages/{draft}/history/"),
    ("workflow history", "get", "/admin/pages/{draft}/workflow_history/"),
    ("workflow preview", "get", "/admin/pages/workflow/preview/{draft}/{task}/"),
    ("references", "get", "/admin/pages/{draft}/usage/"),
    ("lock", "post", "/admin/pages/{draft}/lock/"),
    ("unlock", "post", "/admin/pages/{draft}/unlock/"),
    ("privacy", "get", "/admin/pages/{draft}/privacy/"),
    ("translate", "get", "/admin/localize/submit/page/{draft}/"),
    ("explorer of the section", "get", "/admin/pages/{section}/"),
    ("explorer of the draft", "get", "/admin/pages/{draft}/"),
    ("admin api detail", "get", "/admin/api/main/pages/{draft}/"),
    ("chooser browse under the draft", "get", "/admin/choose-page/{draft}/"),
    ("pending page edit", "get", "/admin/pages/{pending}/edit/"),
    ("pending page history", "get", "/admin/pages/{pending}/history/"),
]


def fill(template, world):
    return template.format(
        draft=world.draft.pk,
        rev=world.draft.latest_revision_id,
        section=world.khh_section.pk,
        own_section=world.txg_section.pk,
        live=world.live.pk,
        pending=world.pending.pk,
        task=world.draft.current_workflow_task.pk if world.draft.current_workflow_task else 0,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", REFUSED_USERS)
@pytest.mark.parametrize("name,method,url", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_other_units_draft_is_refused(client, world, who, name, method, url):
    login(client, world, who)
    response = getattr(client, method)(fill(url, world))
    assert_refused(response, world.draft, client)


@pytest.mark.django_db
@pytest.mark.parametrize("who", SEEING_USERS)
def test_the_owning_unit_and_hq_special_may_open_the_draft(client, world, who):
    """The positive control for the refusals above: the same URLs work for those allowed."""
    login(client, world, who)
    for url in (
        "/admin/pages/{draft}/edit/",
        "/admin/pages/{draft}/history/",
        "/admin/pages/{draft}/revisions/{rev}/view/",
        "/admin/pages/{draft}/edit/preview/",
    ):
        response = client.get(fill(url, world))
        assert response.status_code == 200, (url, response.status_code)
    assert DRAFT_TITLE in text_of(client.get(fill("/admin/pages/{draft}/edit/", world)))


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["txg_editor", "txg_reviewer"])
def test_posts_into_another_unit_change_nothing(client, world, who):
    login(client, world, who)
    before = Page.objects.count()
    section = world.khh_section.pk
    create = client.post(
        f"/admin/pages/add/news/hotnewspage/{section}/",
        {"title": "偷偷建立", "slug": "sneaky", "date": "2025-01-01", "action-submit": "1"},
    )
    assert_refused(create)
    assert Page.objects.count() == before

    edit = client.post(f"/admin/pages/{world.draft.pk}/edit/", {"title": "被改掉了", "slug": DRAFT_SLUG})
    assert_refused(edit)
    delete = client.post(f"/admin/pages/{world.draft.pk}/delete/")
    assert_refused(delete)
    unpublish = client.post(f"/admin/pages/{world.live.pk}/unpublish/")
    assert_refused(unpublish)
    move = client.post(f"/admin/pages/{world.draft.pk}/move/{world.txg_section.pk}/confirm/")
    assert_refused(move)
    copy = client.post(
        f"/admin/pages/{world.draft.pk}/copy/",
        {"new_title": "複製", "new_slug": "copied", "new_parent_page": world.txg_section.pk},
    )
    assert_refused(copy)
    revert = client.post(f"/admin/pages/{world.draft.pk}/revisions/{world.draft.latest_revision_id}/revert/")
    assert_refused(revert)

    world.draft.refresh_from_db()
    world.live.refresh_from_db()
    assert world.draft.title == DRAFT_TITLE and world.draft.get_parent().pk == world.khh_section.pk
    assert world.live.live
    assert not Page.objects.filter(slug="copied").exists()


# --- creating: the type list of one's own section, and nothing elsewhere -----------------------


@pytest.mark.django_db
def test_add_subpage_lists_exactly_the_types_the_unit_may_create(client, world):
    login(client, world, "txg_editor")
    response = client.get(f"/admin/pages/{world.txg_section.pk}/add_subpage/")
    assert response.status_code == 200
    html = text_of(response)
    section = world.txg_section.pk
    assert f"/admin/pages/add/news/hotnewspage/{section}/" in html
    assert f"/admin/pages/add/news/eventpage/{section}/" in html
    # A county may not publish press releases (Attachment 2).
    assert f"/admin/pages/add/news/pressreleasepage/{section}/" not in html
    assert client.get(f"/admin/pages/add/news/pressreleasepage/{section}/").status_code in (302, 403)
    assert client.get(f"/admin/pages/add/news/hotnewspage/{section}/").status_code == 200


# --- lists: explorer, sidebar API, search, chooser, reports, dashboard --------------------------

LISTS = [
    ("explorer of the units index", "/admin/pages/{units_index}/"),
    ("explorer of own section", "/admin/pages/{own_section}/"),
    ("explorer search whole tree", "/admin/pages/{own_section}/?q={q}&search_all=1"),
    ("admin api children", "/admin/api/main/pages/?child_of={section}"),
    ("admin api explorer", "/admin/api/main/pages/?child_of={section}&for_explorer=1"),
    ("admin api search", "/admin/api/main/pages/?search={q}"),
    ("admin api listing", "/admin/api/main/pages/?limit=500"),
    ("admin page search", "/admin/pages/search/?q={q}"),
    ("admin page search results", "/admin/pages/search/results/?q={q}"),
    ("chooser root", "/admin/choose-page/"),
    ("chooser browse section", "/admin/choose-page/{section}/"),
    ("chooser browse section (hot news only)", "/admin/choose-page/{section}/?page_type=news.hotnewspage"),
    ("chooser search", "/admin/choose-page/search/?q={q}"),
    ("chooser search pending", "/admin/choose-page/search/?q={pending_q}"),
    ("chooser search for moving", "/admin/choose-page/search/?q={q}&user_perms=move_to"),
    ("page types usage report", "/admin/reports/page-types-usage/"),
    ("page types usage results", "/admin/reports/page-types-usage/results/"),
    ("pages of a type", "/admin/pages/usage/news/hotnewspage/"),
    ("site history", "/admin/reports/site-history/"),
    ("site history results", "/admin/reports/site-history/results/"),
    ("aging pages", "/admin/reports/aging-pages/"),
    ("locked pages", "/admin/reports/locked/"),
    ("workflow report", "/admin/reports/workflow/"),
    ("workflow tasks report", "/admin/reports/workflow_tasks/"),
    ("dashboard", "/admin/"),
    ("translations report", "/admin/localize/reports/translations/"),
]


def fill_list(template, world):
    return template.format(
        units_index=world.khh_section.get_parent().pk,
        own_section=world.txg_section.pk,
        section=world.khh_section.pk,
        q="甲乙丙",
        pending_q="庚辛壬",
    )


@pytest.mark.django_db
@pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
@pytest.mark.parametrize("who", REFUSED_USERS)
@pytest.mark.parametrize("name,url", LISTS, ids=[item[0] for item in LISTS])
def test_lists_never_show_another_units_draft(client, world, who, name, url):
    login(client, world, who)
    response = client.get(fill_list(url, world))
    assert response.status_code in (200, 302, 400, 403, 404), response.status_code
    if who in ("txg_editor", "txg_reviewer") and name not in ("locked pages", "explorer of the units index"):
        # Unit members reach these lists (the locked-pages report needs the unlock permission,
        # which only the system administrator has; the units index redirects to the own section).
        assert response.status_code in (200, 400, 404), response.status_code
    assert_hidden(response)


#: Lists where the owning unit and hq_special do see the draft (the control for the above).
SEEN_IN = [
    ("explorer of the section", "/admin/pages/{section}/"),
    ("admin api explorer", "/admin/api/main/pages/?child_of={section}&for_explorer=1"),
    ("admin page search", "/admin/pages/search/?q={q}"),
    ("chooser browse section", "/admin/choose-page/{section}/"),
    ("chooser search", "/admin/choose-page/search/?q={q}"),
    ("page types usage report", "/admin/reports/page-types-usage/"),
    ("pages of a type", "/admin/pages/usage/news/hotnewspage/"),
    ("site history", "/admin/reports/site-history/"),
    ("workflow report", "/admin/reports/workflow/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("who", SEEING_USERS)
@pytest.mark.parametrize("name,url", SEEN_IN, ids=[item[0] for item in SEEN_IN])
def test_lists_show_the_draft_to_its_unit_and_hq_special(client, world, who, name, url):
    login(client, world, who)
    response = client.get(fill_list(url, world).replace("{section}", str(world.khh_section.pk)))
    assert response.status_code == 200, response.status_code
    assert DRAFT_TITLE in text_of(response)


@pytest.mark.django_db
def test_own_drafts_are_listed_for_the_own_unit(client, world):
    login(client, world, "txg_editor")
    for url in (
        f"/admin/pages/{world.txg_section.pk}/",
        "/admin/pages/search/?q=卯辰巳",
        f"/admin/choose-page/{world.txg_section.pk}/",
        "/admin/choose-page/search/?q=卯辰巳",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert OWN_DRAFT_TITLE in text_of(response), url


@pytest.mark.django_db
def test_chooser_offers_other_units_live_pages_but_not_their_pending_drafts(client, world):
    """Linking to another unit's published page is allowed; its unpublished title is not shown."""
    login(client, world, "txg_editor")
    browse = text_of(client.get(f"/admin/choose-page/{world.khh_section.pk}/"))
    assert LIVE_TITLE in browse
    assert PENDING_TITLE not in browse and DRAFT_TITLE not in browse
    assert LIVE_TITLE in text_of(client.get("/admin/choose-page/search/", {"q": "子丑寅"}))
    # Once the pending change is published, the page is offered again, under its new title.
    world.pending.get_latest_revision().publish()
    assert PENDING_TITLE in text_of(client.get(f"/admin/choose-page/{world.khh_section.pk}/"))


@pytest.mark.django_db
def test_live_pages_of_other_units_cannot_be_edited(client, world):
    login(client, world, "txg_editor")
    for url in (
        f"/admin/pages/{world.live.pk}/edit/",
        f"/admin/pages/{world.live.pk}/delete/",
        f"/admin/pages/{world.live.pk}/move/",
    ):
        assert_refused(client.get(url), world.live, client)


@pytest.mark.django_db
def test_site_history_hides_other_units_entries(client, world):
    login(client, world, "txg_editor")
    PageLogEntry.objects.log_action(world.own_draft, "wagtail.edit", user=world.users["txg_editor"])
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    entries = {entry.page_id for entry in response.context["object_list"]}
    assert world.own_draft.pk in entries
    assert not entries & {world.draft.pk, world.pending.pk, world.live.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["nobody", "inactive"])
def test_users_without_access_reach_no_admin_page(client, world, who):
    login(client, world, who)
    for url in ("/admin/", f"/admin/pages/{world.txg_section.pk}/", f"/admin/pages/{world.own_draft.pk}/edit/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


# --- the public site and the headless API never serve drafts -----------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, "khh_editor", "hq_editor", "admin"])
def test_public_api_and_urls_never_serve_drafts(client, world, who):
    if who:
        login(client, world, who)
    listing = client.get("/api/v2/pages/", {"limit": 100})
    assert listing.status_code == 200
    assert_hidden(listing)
    ids = {item["id"] for item in listing.json()["items"]}
    assert world.live.pk in ids and world.draft.pk not in ids
    assert client.get(f"/api/v2/pages/{world.draft.pk}/").status_code == 404
    detail = client.get(f"/api/v2/pages/{world.pending.pk}/")
    assert detail.status_code == 200
    assert_hidden(detail)
    assert_hidden(client.get("/api/v2/pages/", {"search": "甲乙丙"}))
    public = client.get(world.draft.get_url())
    assert public.status_code == 404
    assert_hidden(public)


# --- the rule itself, and its cost ----------------------------------------------------------------


@pytest.mark.django_db
def test_policy_rule(world):
    txg, khh, hq = (world.users[k] for k in ("txg_editor", "khh_editor", "hq_editor"))
    visible = lambda user: set(policy.pages_visible_to(user, Page.objects.all()).values_list("pk", flat=True))  # noqa: E731
    assert world.draft.pk not in visible(txg) and world.pending.pk not in visible(txg)
    assert {world.live.pk, world.own_draft.pk, world.txg_section.pk} <= visible(txg)
    assert {world.draft.pk, world.pending.pk} <= visible(khh)
    assert world.own_draft.pk not in visible(khh)
    assert visible(hq) == set(Page.objects.values_list("pk", flat=True))
    assert not visible(world.users["inactive"])
    assert policy.user_may_see_draft(khh, world.draft) and policy.user_may_see_draft(hq, world.draft)
    assert not policy.user_may_see_draft(txg, world.draft)
    assert not policy.user_may_see(txg, world.pending) and policy.user_may_see(txg, world.live)


@pytest.mark.django_db
def test_scoping_costs_a_fixed_number_of_queries(world):
    user = get_user_model().objects.get(pk=world.users["txg_editor"].pk)
    with CaptureQueriesContext(connection) as first:
        list(policy.pages_visible_to(user, Page.objects.all()))
    with CaptureQueriesContext(connection) as again:
        list(policy.pages_visible_to(user, Page.objects.all()))
    assert len(first) <= 3
    assert len(again) == 1


@pytest.mark.django_db
def test_scoping_adds_no_per_row_queries(client, world):
    """Listings cost a scoped user no more extra queries per row than they cost the superuser.

    (Wagtail and wagtail-localize themselves run some queries per listed row, for every user;
    what is measured here is that the scoping rules add none.)
    """
    urls = [
        f"/admin/pages/{world.txg_section.pk}/",
        "/admin/choose-page/search/?q=測試",
        f"/admin/choose-page/{world.txg_section.pk}/",
        f"/admin/api/main/pages/?child_of={world.txg_section.pk}&for_explorer=1",
    ]

    def counts(who):
        client.force_login(world.users[who])
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200, url
            result.append(len(ctx))
        return result

    for _ in range(3):
        make_page("hot_news", unit_code="TW-TXG", publish=False)
    scoped_before, admin_before = counts("txg_editor"), counts("admin")
    for _ in range(12):
        make_page("hot_news", unit_code="TW-TXG", publish=False)
        make_page("hot_news", unit_code="TW-KHH", publish=False)
    scoped_after, admin_after = counts("txg_editor"), counts("admin")
    for url, sb, sa, ab, aa in zip(urls, scoped_before, scoped_after, admin_before, admin_after):
        assert sa - sb <= aa - ab, (url, sb, sa, ab, aa)
