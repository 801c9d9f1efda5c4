"""The editor's footer offers the next step, and the message after it names the outcome and the
person (SPEC §5), through the real page editor."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from site45.governance.org.models import Unit
from tests.factories import create_and_submit, make_member, make_page, member, named, open_state, page_form_data


def footer(html):
    """(the buttons shown beside each other in the footer, the labels inside the ▲ menu)."""
    nav = BeautifulSoup(html, "html.parser").select_one("footer nav.actions--primary")
    group = nav.select_one(".w-dropdown-button") or nav  # no ▲ menu when nothing else is offered
    shown = group.find_all(["button", "a"], recursive=False)
    menu = group.select_one(".w-dropdown__content")
    hidden = [" ".join(item.get_text().split()) for item in menu.find_all(["button", "a"])] if menu else []
    return shown, hidden


def text(button):
    return " ".join(button.get_text().split())


def messages_of(response):
    return [" ".join(BeautifulSoup(str(m), "html.parser").get_text().split()) for m in response.context["messages"]]


@pytest.fixture
def county(review_site):
    editor = named(member("TW-TXG", "editor", username="txg-liu"), "劉", "俊傑")
    reviewer = named(member("TW-TXG", "unit_reviewer", username="txg-wu"), "吳", "雅婷")
    return editor, reviewer


def test_an_editor_sees_submit_as_the_primary_button_with_save_draft_beside_it(county):
    editor, _reviewer = county
    page = make_page("hot_news", unit_code="TW-TXG", publish=False)
    client = Client()
    client.force_login(editor)
    shown, hidden = footer(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    assert [button.get("name") for button in shown][:1] == ["action-submit"]
    assert text(shown[0]) == "送審"
    assert "button-secondary" not in shown[0].get("class", [])
    assert "action-save" in shown[1].get("class", []) and "button-secondary" in shown[1].get("class", [])
    assert text(shown[1]) == "儲存草稿"
    assert not any(label in ("送審", "儲存草稿") for label in hidden)


def test_a_new_page_offers_submit_first_too(county):
    editor, _reviewer = county
    from tests.factories import unit_section

    client = Client()
    client.force_login(editor)
    html = client.get(f"/admin/pages/add/news/hotnewspage/{unit_section('TW-TXG').pk}/").content.decode()
    shown, _hidden = footer(html)
    assert text(shown[0]) == "送審" and text(shown[1]) == "儲存草稿"


def test_the_reviewer_sees_approve_and_return_and_the_rest_stays_in_the_menu(county):
    editor, reviewer = county
    page = create_and_submit(editor, "TW-TXG", title="臺中銀髮就業博覽會")
    client = Client()
    client.force_login(reviewer)
    shown, hidden = footer(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    assert [(b.get("data-workflow-action-name"), text(b)) for b in shown] == [
        ("approve", "核准並發布"),
        ("reject", "退回修改"),
    ]
    assert not shown[0].get("data-workflow-action-modal-url")  # one click approves
    assert shown[1].get("data-workflow-action-modal-url")  # a return asks for the reason
    assert "button-secondary" in shown[1].get("class", [])
    assert "核准（附意見）並發布" in hidden


def test_someone_who_may_publish_keeps_wagtails_footer(county):
    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    page = make_page("hot_news", unit_code="TW-TXG", publish=False)
    client = Client()
    client.force_login(admin)
    shown, _hidden = footer(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    assert text(shown[0]) != "送審"


def test_submitting_names_the_reviewer_and_their_unit(county):
    editor, _reviewer = county
    page = make_page("hot_news", unit_code="TW-TXG", publish=False, title="退休後再就業講座")
    client = Client()
    client.force_login(editor)
    data = page_form_data("退休後再就業講座", page.slug, **{"action-submit": "1"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    unit = Unit.objects.get(code="TW-TXG").display_name  # 臺中市政府（中高齡業務單位）
    assert messages_of(response) == [f"「退休後再就業講座」已送交 吳雅婷（{unit} 單位審核人員）審核。"]
    assert open_state(page).reviewer.username == "txg-wu"


def test_approving_says_published_and_returning_names_whom_it_went_back_to(county):
    editor, reviewer = county
    client = Client()
    client.force_login(reviewer)

    approved = create_and_submit(editor, "TW-TXG", title="中高齡職場體驗營")
    data = page_form_data("中高齡職場體驗營", approved.slug)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve"})
    response = client.post(f"/admin/pages/{approved.pk}/edit/", data, follow=True)
    assert messages_of(response) == ["「中高齡職場體驗營」已核准並發布。"]
    approved.refresh_from_db()
    assert approved.live

    returned = create_and_submit(editor, "TW-TXG", title="銀髮人才媒合會")
    data = page_form_data("銀髮人才媒合會", returned.slug)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "reject",
            "workflow-action-extra-data": json.dumps({"comment": "請補上活動地點。"}),
        }
    )
    response = client.post(f"/admin/pages/{returned.pk}/edit/", data, follow=True)
    assert messages_of(response) == ["「銀髮人才媒合會」已退回，並通知 劉俊傑。"]
    returned.refresh_from_db()
    assert not returned.live


def test_a_plain_save_keeps_wagtails_message(county):
    editor, _reviewer = county
    page = make_page("hot_news", unit_code="TW-TXG", publish=False, title="就業諮詢日")
    client = Client()
    client.force_login(editor)
    response = client.post(f"/admin/pages/{page.pk}/edit/", page_form_data("就業諮詢日", page.slug), follow=True)
    said = messages_of(response)
    assert len(said) == 1 and "就業諮詢日" in said[0] and "已送交" not in said[0]


def test_a_reviewer_of_another_unit_is_named_masked(county):
    """A silver point's drafts go to its county's reviewer: another unit's staff, so the message
    masks the name as the page admin does (``policy.may_see_staff_name``)."""
    silver_editor = named(member("TW-TXG-silver-1", "editor", username="txg-silver-yang"), "楊", "秀英")
    page = make_page("hot_news", unit_code="TW-TXG-silver-1", publish=False, title="電腦班開課通知")
    client = Client()
    client.force_login(silver_editor)
    data = page_form_data("電腦班開課通知", page.slug, **{"action-submit": "1"})
    said = messages_of(client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True))
    assert len(said) == 1 and "已送交 吳○婷（" in said[0]
    assert "吳雅婷" not in said[0] and "雅婷" not in said[0]
    assert open_state(page).reviewer.username == "txg-wu"


def test_the_reviewer_opens_on_the_preview_with_the_live_comparison_one_click_away(county):
    """A change to a live page: the footer carries the marker ``editor.js`` opens the preview
    panel on, and a link to Wagtail's comparison of the live version with the submitted one."""
    editor, reviewer = county
    page = make_page("hot_news", unit_code="TW-TXG", publish=True, title="就業市集")
    editor_client = Client()
    editor_client.force_login(editor)
    data = page_form_data("就業市集（改期）", page.slug, **{"action-submit": "1"})
    assert editor_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302

    client = Client()
    client.force_login(reviewer)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("footer [data-review-opens-preview]") is not None
    assert soup.find("script", src=lambda src: src and src.endswith("governance/editor.js")) is not None
    shown, _hidden = footer(html)
    assert [text(b) for b in shown] == ["核准並發布", "退回修改", "與線上版本比較"]
    compare = client.get(shown[2]["href"])
    assert compare.status_code == 200
    assert "就業市集（改期）" in compare.content.decode()

    # The editor's own screen does not jump to the preview, and a draft never published has
    # nothing live to compare with.
    editor_html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert BeautifulSoup(editor_html, "html.parser").select_one("[data-review-opens-preview]") is None
    new = create_and_submit(editor, "TW-TXG", title="新開課程")
    shown, _hidden = footer(client.get(f"/admin/pages/{new.pk}/edit/").content.decode())
    assert [text(b) for b in shown] == ["核准並發布", "退回修改"]
