"""Moves obey Attachment 2 and the unit line, through the real move views.

Reported: an hq_special editor moved a silver centre's never-published success-case draft into
a county's section (``/admin/pages/<id>/move/<dest>/confirm/``), and a lecture and a
friendly-employer draft into a service desk's section. Each move is tried through the
destination chooser's listing, the confirmation page (GET) and the move itself (POST), and for
a refused POST the page must be exactly where and what it was.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from treebeard.mp_tree import MP_MoveHandler
from wagtail.models import Page

from site45.governance.models import Unit
from site45.governance.permissions.checks import check_pages_follow_the_matrix
from site45.home.models import UnitPage, UnitsIndexPage
from site45.home.tree import section_for
from tests.factories import make_member, make_page, text_of


def section(code):
    return section_for(Unit.objects.get(code=code))


def snapshot(page):
    row = Page.objects.get(pk=page.pk)
    specific = row.specific
    return (row.path, row.url_path, row.get_parent().pk, specific.unit_id, row.live, row.latest_revision_id, row.title)


def chooser_listing(client, page, destination):
    """The destination chooser the move form opens, on the listing page showing ``destination``."""
    units = UnitsIndexPage.objects.get(locale_id=destination.locale_id)
    children = list(units.get_children().values_list("pk", flat=True))
    page_number = children.index(destination.pk) // 25 + 1
    response = client.get(
        f"/admin/choose-page/{units.pk}/",
        {"page_type": "home.unitpage", "user_perms": "move_to", "target_pages[]": page.pk, "p": page_number},
    )
    assert response.status_code == 200
    return response.json()["html"]  # the modal's answer: its HTML inside JSON


def choosable(client, page, destination):
    return f'data-id="{destination.pk}"' in chooser_listing(client, page, destination)


def assert_move_refused(client, page, destination):
    before = snapshot(page)
    assert not choosable(client, page, destination)
    confirm = client.get(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/")
    assert confirm.status_code in (302, 403, 404), confirm.status_code
    assert page.title not in text_of(confirm)
    move = client.post(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/")
    assert move.status_code in (302, 403, 404), move.status_code
    if move.status_code == 302:
        assert move["Location"] != f"/admin/pages/{destination.pk}/"
    assert snapshot(page) == before


def assert_move_allowed(client, page, destination):
    assert choosable(client, page, destination)
    confirm = client.get(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/")
    assert confirm.status_code == 200
    assert page.title in text_of(confirm)
    move = client.post(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/")
    assert move.status_code == 302 and move["Location"] == f"/admin/pages/{destination.pk}/"
    moved = Page.objects.get(pk=page.pk)
    assert moved.get_parent().pk == destination.pk
    assert moved.specific.unit_id == destination.specific.unit_id


@pytest.fixture
def hq_editor(site_tree, client):
    user = make_member("wda-dsted", "editor", account_role="wda_officer")
    client.force_login(user)
    return user


# --- the hq_special editor: rights in every section, still bound by Attachment 2 -------------------


@pytest.mark.parametrize(
    "code,source,destination",
    [
        ("success_case", "br-ccn-silver", "TW-TPE"),  # the reported move into a county
        ("lecture", "br-ccn-silver", "TW-TXG-desk-1"),  # … and into a service desk
        ("friendly_employer", "wda-dsted", "TW-TXG-desk-1"),
        ("press_release", "br-ccn", "br-ccn-ec-taichung"),  # employment centres: news and events only
        ("generation_cooperation", "br-north-silver", "TW-TXG-silver-1"),
    ],
)
def test_hq_editor_cannot_move_a_type_into_a_unit_that_may_not_publish_it(client, hq_editor, code, source, destination):
    page = make_page(code, unit_code=source, publish=False, title=f"未發布的{code}草稿")
    assert_move_refused(client, page, section(destination))


@pytest.mark.parametrize(
    "code,source,destination",
    [
        ("success_case", "br-ccn-silver", "br-tcm-silver"),
        ("lecture", "br-ccn-silver", "br-ccn"),
        ("hot_news", "br-ccn-silver", "TW-TXG-desk-1"),
    ],
)
def test_hq_editor_may_move_into_a_unit_that_may_publish_the_type(client, hq_editor, code, source, destination):
    page = make_page(code, unit_code=source, publish=False, title=f"可移動的{code}草稿")
    assert_move_allowed(client, page, section(destination))


def test_the_move_form_offers_the_permitted_sections_only(client, hq_editor):
    page = make_page("success_case", unit_code="br-ccn-silver", publish=False, title="成功案例草稿")
    assert client.get(f"/admin/pages/{page.pk}/move/").status_code == 200
    assert choosable(client, page, section("br-tcm-silver"))
    for code in ("TW-TPE", "TW-TXG-desk-1", "TW-TXG-silver-1", "br-ccn-ec-taichung"):
        assert not choosable(client, page, section(code)), code


def test_a_submitted_move_into_a_forbidden_section_changes_nothing(client, hq_editor):
    """The form of the move view posts the destination and is redirected to the refused
    confirmation: the page stays where it is."""
    page = make_page("success_case", unit_code="br-ccn-silver", publish=False, title="成功案例草稿乙")
    before = snapshot(page)
    response = client.post(f"/admin/pages/{page.pk}/move/", {"new_parent_page": section("TW-TPE").pk})
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code in (302, 403, 404)
    assert snapshot(page) == before


def test_bulk_move_into_a_forbidden_section_changes_nothing(client, hq_editor):
    pages = [make_page(code, unit_code="br-ccn-silver", publish=False) for code in ("lecture", "friendly_employer")]
    before = [snapshot(p) for p in pages]
    query = "&".join(f"id={p.pk}" for p in pages)
    response = client.post(f"/admin/bulk/wagtailcore/page/move/?{query}", {"chooser": section("TW-TXG-desk-1").pk})
    assert response.status_code in (200, 302, 403)
    assert [snapshot(p) for p in pages] == before


def test_even_the_system_administrator_cannot_move_past_the_matrix(client, site_tree):
    admin = make_member("wda-dsted", "system_admin")
    client.force_login(admin)
    page = make_page("success_case", unit_code="br-ccn-silver", publish=False)
    assert_move_refused(client, page, section("TW-TPE"))


# --- a county editor: only within the sections they may edit -------------------------------------


@pytest.fixture
def county_editor(site_tree, client):
    user = make_member("TW-TXG", "editor")
    client.force_login(user)
    return user


@pytest.mark.parametrize("destination", ["TW-KHH", "TW-TXG-silver-1", "TW-TXG-desk-1", "wda-dsted"])
def test_county_editor_cannot_move_out_of_their_unit(client, county_editor, destination):
    page = make_page("hot_news", unit_code="TW-TXG", publish=False, title="臺中熱門消息草稿")
    assert_move_refused(client, page, section(destination))


def test_county_editor_may_move_within_their_own_section(client, county_editor):
    page = make_page("event", unit_code="TW-TXG", publish=False, title="臺中活動草稿")
    make_page("hot_news", unit_code="TW-TXG", publish=False)  # so the move reorders
    assert_move_allowed(client, page, section("TW-TXG"))
    assert Page.objects.get(pk=page.pk).get_next_sibling() is None


def test_county_editor_cannot_move_another_units_page(client, county_editor):
    page = make_page("hot_news", unit_code="TW-KHH", publish=False, title="高雄熱門消息草稿丙")
    before = snapshot(page)
    assert client.get(f"/admin/pages/{page.pk}/move/").status_code in (302, 403, 404)
    response = client.post(f"/admin/pages/{page.pk}/move/{section('TW-TXG').pk}/confirm/")
    assert response.status_code in (302, 403, 404)
    assert snapshot(page) == before


# --- manage.py check ---------------------------------------------------------------------------


def run_check():
    out, err = io.StringIO(), io.StringIO()
    call_command("check", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_a_clean_tree_gives_no_matrix_warning(site_tree):
    make_page("success_case", unit_code="br-ccn-silver", publish=False)
    make_page("hot_news", unit_code="TW-TXG-desk-1")
    output = run_check()
    assert "governance.W001" not in output
    assert "附件 2" not in output


def test_a_page_added_to_a_forbidden_section_is_reported(site_tree):
    """Bypassing the admin (treebeard's add_child, as an import would) puts a success case in
    a county's section; ``manage.py check`` names the page and the unit."""
    page = make_page("success_case", unit_code="TW-TXG", publish=False, title="匯入的成功案例")
    output = run_check()
    assert "governance.W001" in output
    assert (
        f"頁面「匯入的成功案例」（編號 {page.pk}，成功就業案例）位於「臺中市政府（中高齡業務單位）」"
        "（代碼 TW-TXG）的單位專區；依附件 2，單位類型「縣市政府（中高齡業務單位：就服處、勞工處、社會處）」"
        "不能發布成功就業案例。"
    ) in output


def test_a_page_moved_around_the_rules_is_reported(site_tree):
    """``Page.move`` without a user skips every permission check, as a script would."""
    page = make_page("lecture", unit_code="br-ccn", publish=False, title="講堂草稿被移走")
    page.move(section("TW-KHH-desk-1"), pos="last-child")
    output = run_check()
    assert f"頁面「講堂草稿被移走」（編號 {page.pk}，名人講堂）" in output
    assert "（代碼 TW-KHH-desk-1）的單位專區" in output


def test_a_content_page_outside_any_section_is_reported(site_tree):
    page = make_page("hot_news", unit_code="TW-TXG", publish=False, title="迷路的消息")
    MP_MoveHandler(page, UnitsIndexPage.objects.first(), "last-child").process()  # treebeard's own updates
    output = run_check()
    assert f"頁面「迷路的消息」（編號 {page.pk}，熱門消息）不在任何單位專區之下" in output


def test_the_check_costs_the_same_few_queries_however_many_pages(site_tree):
    def selects():
        with CaptureQueriesContext(connection) as ctx:
            check_pages_follow_the_matrix()
        return [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]

    make_page("success_case", unit_code="TW-TXG", publish=False)
    few = selects()
    for _ in range(15):
        make_page("hot_news", unit_code="TW-KHH")
        make_page("lecture", unit_code="TW-KHH", publish=False)
    assert len(selects()) == len(few) <= 2
    assert UnitPage.objects.exists()
