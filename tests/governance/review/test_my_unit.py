"""「我的單位」 on the admin dashboard and the explorer starting in the member's own section
(issue 15, item 2), through the real admin with Django's test client."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from site45.governance.org.matrix import CONTENT_TYPE_CODES, load_matrix
from site45.governance.org.models import Unit
from site45.governance.review.my_unit import LIST_LIMIT
from site45.home.content_types import CONTENT_TYPE_LABELS
from site45.home.tree import translate_site_tree
from tests.factories import (
    action_url,
    create_and_submit,
    make_page,
    member,
    named,
    open_state,
    page_form_data,
    submit_for_setup,
    unit_section,
)

LONG_COMMENT = (
    "活動日期與報名截止日對不上，請更正後再送審。\n"
    "另外，聯絡電話缺少分機號碼；地點請寫完整地址（含樓層），"
    "並在內文最後補上交通方式與無障礙設施的說明，方便中高齡朋友前往。" * 3
)


@pytest.fixture(autouse=True)
def _site(review_site):
    return review_site


def dashboard(user):
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return client, response


def panel(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select_one("#my-unit-section")


def words(node):
    return " ".join(node.get_text().split())


def rows(section, table_class):
    table = section.select_one(f"table.{table_class}")
    return table.select("tbody tr") if table else []


def expected_codes(unit_code):
    """The types Attachment 2 lets this unit's type publish, in its column order."""
    rules = load_matrix()[Unit.objects.get(code=unit_code).unit_type]
    return [code for code in CONTENT_TYPE_CODES if rules.allows(code)]


def reject(reviewer, page, comment):
    client = Client()
    client.force_login(reviewer)
    response = client.post(action_url(page, "reject", open_state(page)), {"comment": comment})
    assert response.status_code == 302


# --- the create buttons ---------------------------------------------------------------------------


@pytest.mark.parametrize(("unit_code", "account_role"), [("TW-TXG", "county_officer"), ("br-ccn", "wda_officer")])
def test_an_editor_sees_one_button_per_type_the_matrix_allows_each_opening_the_form_in_the_section(
    unit_code, account_role
):
    editor = member(unit_code, "editor", account_role=account_role)
    client, response = dashboard(editor)
    buttons = panel(response).select("ul.my-unit__create a")
    expected = expected_codes(unit_code)
    assert [button["data-content-type"] for button in buttons] == expected
    assert [words(button) for button in buttons] == [f"新增{CONTENT_TYPE_LABELS[code]}" for code in expected]
    section = unit_section(unit_code)
    for button in buttons:
        assert "button" in button["class"]
        assert re.fullmatch(rf"/admin/pages/add/\w+/\w+/{section.pk}/", button["href"])
        form = client.get(button["href"])
        assert form.status_code == 200
        assert form.context["parent_page"].pk == section.pk


def test_a_county_has_fewer_types_than_a_branch():
    """The two cases above differ, so the buttons really follow the unit's type."""
    assert set(expected_codes("TW-TXG")) < set(expected_codes("br-ccn"))


def test_a_reviewer_gets_the_panel_the_system_administrator_and_an_account_manager_do_not():
    assert panel(dashboard(member("TW-TXG", "unit_reviewer"))[1]) is not None
    admin = member("wda-dsted", "system_admin", account_role="wda_officer")
    assert panel(dashboard(admin)[1]) is None
    manager = member("br-ccn", "account_manager", account_role="wda_officer")
    assert panel(dashboard(manager)[1]) is None


# --- drafts, waiting, sent back -------------------------------------------------------------------


def test_drafts_waiting_and_sent_back_rows_link_to_the_editor_with_the_reviewers_comment_in_full():
    editor = named(member("TW-TXG", "editor", username="txg-liu"), "劉", "俊傑")
    reviewer = named(member("TW-TXG", "unit_reviewer", username="txg-wu"), "吳", "雅婷")

    client = Client()
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/news/hotnewspage/{unit_section('TW-TXG').pk}/",
        page_form_data("銀髮就業講座草稿", "my-draft"),
    )
    assert response.status_code == 302
    published = make_page("hot_news", unit_code="TW-TXG", title="已發布的徵才消息")
    published.save_revision(user=editor)
    published.refresh_from_db()  # live, with a newer draft of the editor's: a draft too
    untouched = make_page("hot_news", unit_code="TW-TXG", title="沒有草稿的已發布頁面")
    untouched.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    waiting = create_and_submit(editor, "TW-TXG", title="等待審核的活動")
    returned = create_and_submit(editor, "TW-TXG", title="被退回的活動")
    reject(reviewer, returned, LONG_COMMENT)

    client, response = dashboard(editor)  # one session per account: this client is the editor's now
    section = panel(response)
    drafts = rows(section, "my-unit__drafts")
    assert sorted(words(row.select_one("td.title")) for row in drafts) == ["已發布的徵才消息", "銀髮就業講座草稿"]
    for row in drafts:
        assert row.select_one("a")["href"] == f"/admin/pages/{row['data-page']}/edit/"

    [waiting_row] = rows(section, "my-unit__waiting")
    assert words(waiting_row.select_one("td.title")) == "等待審核的活動"
    assert waiting_row.select_one("a")["href"] == f"/admin/pages/{waiting.pk}/edit/"
    assert "吳雅婷（臺中市政府（中高齡業務單位） 單位審核人員）" in words(waiting_row)

    [returned_row] = rows(section, "my-unit__returned")
    assert words(returned_row.select_one("td.title")) == "被退回的活動"
    assert returned_row.select_one("a")["href"] == f"/admin/pages/{returned.pk}/edit/"
    assert "吳雅婷" in words(returned_row)
    comment = returned_row.select_one("td.my-unit__comment")
    assert comment.get_text("\n") == LONG_COMMENT  # in full, its line break kept
    assert len(comment.select("br")) == LONG_COMMENT.count("\n")

    # resubmitted after the return: waiting again, no longer sent back
    data = page_form_data("被退回的活動", returned.slug, **{"action-submit": "1"})
    assert client.post(f"/admin/pages/{returned.pk}/edit/", data).status_code == 302
    section = panel(dashboard(editor)[1])
    assert sorted(words(row.select_one("td.title")) for row in rows(section, "my-unit__waiting")) == [
        "等待審核的活動",
        "被退回的活動",
    ]
    assert rows(section, "my-unit__returned") == []


def test_a_reviewer_of_another_unit_is_named_masked_as_in_the_submission_message():
    named(member("TW-TXG", "unit_reviewer", username="txg-wu"), "吳", "雅婷")
    silver_editor = named(member("TW-TXG-silver-1", "editor", account_role="county_officer"), "楊", "秀英")
    create_and_submit(silver_editor, "TW-TXG-silver-1", title="電腦班開課通知")
    [row] = rows(panel(dashboard(silver_editor)[1]), "my-unit__waiting")
    assert "吳○婷（臺中市政府（中高齡業務單位） 單位審核人員）" in words(row)
    assert "雅婷" not in words(row)


def test_nothing_of_another_unit_or_another_editor_appears():
    editor = member("TW-TXG", "editor")
    member("TW-TXG", "unit_reviewer")
    colleague = member("TW-TXG", "editor")
    outsider = member("TW-CHA", "editor")
    cha_reviewer = member("TW-CHA", "unit_reviewer")
    foreign = make_page("hot_news", unit_code="TW-CHA", publish=False, title="彰化縣獨有的草稿標題ZX")
    foreign.save_revision(user=outsider)
    create_and_submit(outsider, "TW-CHA", title="彰化縣等待審核的稿件ZX")
    reject(cha_reviewer, create_and_submit(outsider, "TW-CHA", title="彰化縣被退回的稿件ZX"), "彰化的退回原因ZX")
    colleagues = make_page("hot_news", unit_code="TW-TXG", publish=False, title="同事的草稿ZX")
    colleagues.save_revision(user=colleague)
    create_and_submit(colleague, "TW-TXG", title="同事送審的稿件ZX")
    mine = make_page("hot_news", unit_code="TW-TXG", publish=False, title="我自己的草稿")
    mine.save_revision(user=editor)

    _client, response = dashboard(editor)
    html = response.content.decode()
    assert "ZX" not in html
    assert "我自己的草稿" in words(panel(response))
    assert f"/admin/pages/add/news/hotnewspage/{unit_section('TW-CHA').pk}/" not in html


def test_the_panel_asks_as_many_queries_for_30_pages_as_for_3():
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")

    def add_pages(count):
        for _ in range(count):
            make_page("hot_news", unit_code="TW-TXG", publish=False).save_revision(user=editor)
            submit_for_setup(editor, "TW-TXG")
            open_state(submit_for_setup(editor, "TW-TXG")).reject(user=reviewer, comment="請補上日期。")

    def dashboard_queries():
        client = Client()
        client.force_login(editor)
        client.get("/admin/")  # warm the caches a count depends on (content types, site roots)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/")
        return len(queries.captured_queries), panel(response)

    add_pages(3)
    few, section = dashboard_queries()
    assert [len(rows(section, table)) for table in ("my-unit__drafts", "my-unit__waiting", "my-unit__returned")] == [
        3,
        3,
        3,
    ]
    add_pages(27)
    many, section = dashboard_queries()
    assert [len(rows(section, table)) for table in ("my-unit__drafts", "my-unit__waiting", "my-unit__returned")] == [
        20,
        20,
        20,
    ]
    assert "只列出最近的 20 件" in words(section)
    assert many == few


def test_a_list_shows_20_rows_and_says_so_only_past_20():
    editor = member("TW-TXG", "editor")
    for _ in range(LIST_LIMIT):
        make_page("hot_news", unit_code="TW-TXG", publish=False).save_revision(user=editor)
    section = panel(dashboard(editor)[1])
    assert len(rows(section, "my-unit__drafts")) == LIST_LIMIT == 20
    assert "只列出" not in words(section)
    make_page("hot_news", unit_code="TW-TXG", publish=False).save_revision(user=editor)
    section = panel(dashboard(editor)[1])
    assert len(rows(section, "my-unit__drafts")) == LIST_LIMIT
    assert "只列出最近的 20 件" in words(section)


# --- where the explorer starts --------------------------------------------------------------------


def sidebar_explorer_start(response):
    """The start page id the sidebar's 「頁面」 item opens at (Wagtail's telepath props)."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    props = json.loads(soup.select_one("#wagtail-sidebar-props").string)

    def find(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.PageExplorerMenuItem":
                return node["_args"][1]  # (the item's fields, the start page id)
            nodes = node.values()
        elif isinstance(node, list):
            nodes = node
        else:
            return None
        for child in nodes:
            found = find(child)
            if found is not None:
                return found
        return None

    return find(props)


@pytest.fixture
def english_tree():
    """With its English translation the editor's group holds rights on two sections (every
    language), whose first common ancestor — Wagtail's explorable root — is the tree's root."""
    translate_site_tree("en")


def test_an_editors_explorer_starts_in_their_units_section(english_tree):
    editor = member("TW-TXG", "editor")
    section = unit_section("TW-TXG")
    assert page_permission_policy.explorable_root_instance(editor).pk == Page.get_first_root_node().pk
    client, response = dashboard(editor)
    assert sidebar_explorer_start(response) == section.pk
    answer = client.get("/admin/pages/")
    assert answer.status_code == 302 and answer["Location"] == f"/admin/pages/{section.pk}/"
    assert client.get("/admin/pages/?ordering=title")["Location"] == f"/admin/pages/{section.pk}/?ordering=title"
    shown = client.get(answer["Location"])
    assert shown.status_code == 200 and shown.context["parent_page"].pk == section.pk
    # the way up stays open: the explorer still shows the units index above the section
    assert client.get(f"/admin/pages/{section.get_parent().pk}/").status_code == 200


def test_the_system_administrator_keeps_the_root(english_tree):
    admin = member("wda-dsted", "system_admin", account_role="wda_officer")
    client, response = dashboard(admin)
    root = Page.get_first_root_node()
    assert sidebar_explorer_start(response) == root.pk
    answer = client.get("/admin/pages/")
    assert answer.status_code == 200 and answer.context["parent_page"].pk == root.pk
