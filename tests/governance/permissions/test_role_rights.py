"""Page rights follow the role, through the real admin.

Only members who hold the editor or the reviewer role get page rights (and image and document
rights). Account managers, the account auditor and the system administrator's account role
without editing keep the admin (their account work) but may not open, add or edit any page:
the auditor reported being able to open other units' drafts for editing.
"""

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page
from wagtail.rich_text import RichText

from site45.governance.models import Unit
from site45.governance.org.membership import save_membership
from site45.governance.permissions.grants import ACCESS_ONLY_GROUP_NAME, GROUP_PREFIX, sync_unit_group, unit_group_name
from site45.home.models import UnitPage
from site45.home.tree import section_for
from tests.factories import make_member, make_page, text_of

KHH_DRAFT_TITLE = "高雄未公開草稿甲一乙二"
KHH_DRAFT_BODY = "高雄草稿內文丙三丁四"
HQ_DRAFT_TITLE = "署本部未公開草稿戊五己六"
MARKERS = (KHH_DRAFT_TITLE, KHH_DRAFT_BODY, HQ_DRAFT_TITLE, "khh-hidden-draft", "hq-hidden-draft")

#: who -> (unit, roles). Everybody here lacks both the editor and the reviewer role.
NON_EDITING = {
    "hq_auditor": ("wda-dsted", ("account_auditor",)),
    "hq_account_manager": ("wda-dsted", ("account_manager",)),
    "branch_account_manager": ("br-ccn", ("account_manager",)),
    "auditor_and_manager": ("wda-dsted", ("account_auditor", "account_manager")),
    "no_role_at_all": ("TW-TXG", ()),
}
EDITING = {
    "txg_editor": ("TW-TXG", ("editor",)),
    "txg_reviewer": ("TW-TXG", ("unit_reviewer",)),
    "hq_editor": ("wda-dsted", ("editor",)),
    "hq_reviewer_only": ("wda-dsted", ("unit_reviewer",)),
    "manager_who_also_edits": ("br-ccn", ("account_manager", "editor")),
}


def member(who):
    unit_code, roles = {**NON_EDITING, **EDITING}[who]
    if not roles:
        return _no_role_member(unit_code)
    return make_member(unit_code, *roles, account_role="wda_officer")


def _no_role_member(unit_code):
    # make_member defaults to the editor role when no role is named; ask for none explicitly.
    from django.contrib.auth import get_user_model

    from site45.governance.models import Membership

    user = get_user_model().objects.create_user("no-role-member", password="pw-for-tests-only-123")
    Membership.objects.create(
        user=user, unit=Unit.objects.get(code=unit_code), account_role="county_officer", is_editor=False
    )
    user.refresh_from_db()
    return user


def managed_groups(user):
    return sorted(user.groups.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True))


def page_rights(user):
    return GroupPagePermission.objects.filter(group__user=user).count()


def collection_rights(user):
    return GroupCollectionPermission.objects.filter(group__user=user).count()


@pytest.fixture
def drafts(site_tree):
    khh = make_page(
        "hot_news",
        unit_code="TW-KHH",
        publish=False,
        title=KHH_DRAFT_TITLE,
        slug="khh-hidden-draft",
        summary=KHH_DRAFT_BODY,
        body=[("paragraph", RichText(f"<p>{KHH_DRAFT_BODY}</p>"))],
    )
    hq = make_page("hot_news", unit_code="wda-dsted", publish=False, title=HQ_DRAFT_TITLE, slug="hq-hidden-draft")
    return {"khh": khh, "hq": hq}


def assert_no_marker(response):
    text = text_of(response)
    for marker in MARKERS:
        assert marker not in text, f"{marker!r} leaked ({response.status_code})"


def assert_refused(client, response):
    """403, 404 or a redirect away from the page; nothing of a draft on the way or on landing."""
    assert response.status_code in (302, 403, 404), response.status_code
    assert_no_marker(response)
    for _hop in range(5):
        if response.status_code != 302:
            break
        location = response["Location"]
        assert "/edit/" not in location, location
        response = client.get(location)
        assert_no_marker(response)


# --- groups ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", sorted(NON_EDITING))
def test_members_without_editor_or_reviewer_role_get_the_admin_and_no_rights(site_tree, client, who):
    user = member(who)
    assert managed_groups(user) == [ACCESS_ONLY_GROUP_NAME]
    assert page_rights(user) == 0
    assert collection_rights(user) == 0
    assert user.has_perm("wagtailadmin.access_admin")
    for section in UnitPage.objects.filter(unit__code__in=["TW-KHH", "wda-dsted", "br-ccn", "TW-TXG"]):
        assert not section.permissions_for_user(user).can_add_subpage()
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("who", sorted(EDITING))
def test_editors_and_reviewers_are_in_their_units_group(site_tree, who):
    user = member(who)
    unit = user.membership.unit
    assert managed_groups(user) == [unit_group_name(unit)]
    assert section_for(unit).permissions_for_user(user).can_add_subpage()
    assert collection_rights(user) > 0


def test_the_system_administrators_account_role_alone_gives_no_page_rights(site_tree):
    """The system administrator is a superuser (Wagtail lets a superuser do anything, by
    design); the group their membership gives them carries no page rights of its own."""
    admin = make_member("wda-dsted", "system_admin")
    assert admin.is_superuser
    assert managed_groups(admin) == [ACCESS_ONLY_GROUP_NAME]
    assert page_rights(admin) == 0


def test_the_access_only_group_holds_nothing_but_admin_access(site_tree):
    member("hq_auditor")
    group = Group.objects.get(name=ACCESS_ONLY_GROUP_NAME)
    assert [p.codename for p in group.permissions.all()] == ["access_admin"]
    assert not GroupPagePermission.objects.filter(group=group).exists()
    assert not GroupCollectionPermission.objects.filter(group=group).exists()


def test_a_role_change_moves_the_user_between_the_groups_at_once(site_tree):
    user = make_member("TW-TXG", "editor")
    txg = section_for(Unit.objects.get(code="TW-TXG"))
    save_membership(user, is_editor=False)
    assert managed_groups(user) == [ACCESS_ONLY_GROUP_NAME]
    user = type(user).objects.get(pk=user.pk)  # a fresh object: Wagtail caches permissions on it
    assert not txg.permissions_for_user(user).can_add_subpage()

    save_membership(user, is_unit_reviewer=True)
    user = type(user).objects.get(pk=user.pk)
    assert managed_groups(user) == [unit_group_name(txg.unit)]
    assert txg.permissions_for_user(user).can_add_subpage()


def test_a_membership_deleted_leaves_no_managed_group(site_tree):
    user = member("hq_auditor")
    user.membership.delete()
    assert managed_groups(user) == []


# --- through the real admin views --------------------------------------------------------------


@pytest.mark.parametrize("who", ["hq_auditor", "hq_account_manager", "branch_account_manager"])
@pytest.mark.parametrize("draft", ["khh", "hq"])
def test_auditor_and_account_managers_cannot_open_drafts_for_editing(client, drafts, who, draft):
    """The reported leak: the account auditor opened other units' drafts for editing. The hq
    draft is the hq account manager's and auditor's own unit's: refused there too."""
    client.force_login(member(who))
    page = drafts[draft]
    assert_refused(client, client.get(f"/admin/pages/{page.pk}/edit/"))


@pytest.mark.parametrize("who", ["hq_auditor", "hq_account_manager"])
@pytest.mark.parametrize(
    "view",
    [
        "/admin/pages/{pk}/",
        "/admin/choose-page/chosen-multiple/?id={pk}",
        "/admin/pages/{pk}/history/",
        "/admin/bulk/wagtailcore/page/delete/?id={pk}",
    ],
)
def test_hq_special_members_without_a_page_role_are_not_full_access(client, drafts, who, view):
    """hq_special's 全 belongs to its editors and reviewers: its auditor and account manager
    read no draft's title in the views that name a page (``policy.has_full_access``)."""
    from site45.governance.permissions.policy import has_full_access

    user = member(who)
    assert not has_full_access(user)
    client.force_login(user)
    for page in drafts.values():
        assert_refused(client, client.get(view.format(pk=page.pk)))


@pytest.mark.parametrize("who", ["hq_auditor", "hq_account_manager"])
def test_auditor_and_account_manager_posts_change_nothing(client, drafts, who):
    client.force_login(member(who))
    page = drafts["khh"]
    revisions = page.revisions.count()
    before = Page.objects.count()
    edit = client.post(f"/admin/pages/{page.pk}/edit/", {"title": "被改掉了", "slug": "khh-hidden-draft"})
    assert_refused(client, edit)
    create = client.post(
        f"/admin/pages/add/news/hotnewspage/{section_for(Unit.objects.get(code='wda-dsted')).pk}/",
        {"title": "帳號管理者建立", "slug": "by-manager", "action-submit": "1"},
    )
    assert_refused(client, create)
    delete = client.post(f"/admin/pages/{page.pk}/delete/")
    assert_refused(client, delete)
    page.refresh_from_db()
    assert page.title == KHH_DRAFT_TITLE and page.revisions.count() == revisions
    assert Page.objects.count() == before


@pytest.mark.parametrize("who", ["hq_auditor", "branch_account_manager"])
@pytest.mark.parametrize(
    "url",
    [
        "/admin/pages/{section}/add_subpage/",
        "/admin/pages/add/news/hotnewspage/{section}/",
        "/admin/images/",
        "/admin/images/add/",
        "/admin/documents/",
        "/admin/documents/add/",
    ],
)
def test_no_page_image_or_document_work_without_a_content_role(client, drafts, who, url):
    user = member(who)
    client.force_login(user)
    response = client.get(url.format(section=section_for(user.membership.unit).pk))
    assert_refused(client, response)


@pytest.mark.parametrize("who", ["hq_editor", "hq_reviewer_only", "manager_who_also_edits"])
def test_editing_roles_still_open_drafts_in_their_sections(client, drafts, who):
    """Positive control: the same edit view works for those whose role carries page rights."""
    user = member(who)
    client.force_login(user)
    page = (
        drafts["hq"]
        if user.membership.unit.code == "wda-dsted"
        else make_page("hot_news", unit_code=user.membership.unit.code, publish=False, title="分署自己的草稿")
    )
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert page.title in text_of(response)


# --- existing installations --------------------------------------------------------------------


def test_migration_regroups_members_who_were_in_their_unit_group(site_tree):
    """Before this rule every member was in their unit's group; migration 0009 fixes them."""
    migration = importlib.import_module("site45.governance.migrations.0009_page_rights_follow_roles")
    auditor = member("hq_auditor")
    editor = member("txg_editor")
    unit_group = sync_unit_group(auditor.membership.unit)
    auditor.groups.set([unit_group])  # the state an older installation is in
    assert page_rights(auditor) > 0

    migration.regroup(global_apps, None)
    assert managed_groups(auditor) == [ACCESS_ONLY_GROUP_NAME]
    assert page_rights(auditor) == 0 and collection_rights(auditor) == 0
    assert managed_groups(editor) == [unit_group_name(editor.membership.unit)]

    migration.regroup_back(global_apps, None)
    assert managed_groups(auditor) == [unit_group.name]
    assert managed_groups(editor) == [unit_group_name(editor.membership.unit)]
