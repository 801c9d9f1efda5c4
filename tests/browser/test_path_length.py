"""The editorial path, counted (SPEC §5): from the dashboard, a county editor creates and submits
an event in at most 6 actions, and the reviewer approves it from the dashboard in at most 2 clicks,
neither opening a menu. An action is a click on a link or button; typing into the form's fields
and signing in are not counted. The messages after each step name the outcome and the person.
"""

import datetime
import re

from django.utils import timezone

from .helpers import expect, next_step, review_queue, settle_autosave, sign_in, textbox

TITLE = "臺中市中高齡就業講座（步數測試）"
EDITOR_ACTIONS = 6
REVIEWER_CLICKS = 2


class Path:
    """The clicks a person makes, each on something visible without opening a menu."""

    def __init__(self):
        self.steps = []

    def click(self, locator, what):
        expect(locator).to_be_visible()
        locator.click()
        self.steps.append(what)


def test_an_editor_creates_and_submits_in_six_actions_and_the_reviewer_approves_in_two(new_context):
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(hour=14, minute=0)

    editor = new_context().new_page()
    sign_in(editor, "txg-editor-1")
    editor_path = Path()
    my_unit = editor.get_by_role("region", name="我的單位")
    editor_path.click(my_unit.get_by_role("link", name="新增活動訊息"), "新增活動訊息")
    expect(editor).to_have_url(re.compile(r"/admin/pages/add/news/eventpage/\d+/$"))
    # The county comes from the unit (臺中市政府): not a field the editor has to touch.
    expect(editor.get_by_role("combobox", name=re.compile(r"^\s*縣市"))).to_have_value("TW-TXG")
    textbox(editor, "標題").fill(TITLE)
    textbox(editor, "摘要").fill("介紹中高齡者職涯轉換與再就業資源。")
    textbox(editor, "開始時間").fill(start.strftime("%Y-%m-%d %H:%M"))
    textbox(editor, "結束時間").fill((start + datetime.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"))
    textbox(editor, "地點").fill("臺中市政府文心樓")
    textbox(editor, "主辦單位").fill("臺中市政府勞工局")
    settle_autosave(editor)
    editor_path.click(next_step(editor, "送審"), "送審")
    messages = editor.locator(".messages")
    expect(messages).to_contain_text(f"「{TITLE}」已送交 吳雅婷（")
    expect(messages).to_contain_text("單位審核人員）審核。")
    assert len(editor_path.steps) <= EDITOR_ACTIONS, editor_path.steps

    reviewer = new_context().new_page()
    sign_in(reviewer, "txg-reviewer")
    reviewer_path = Path()
    row = review_queue(reviewer).get_by_role("row").filter(has_text=TITLE)
    reviewer_path.click(row.get_by_role("link", name="前往審核"), "前往審核")
    reviewer_path.click(next_step(reviewer, "核准並發布"), "核准並發布")
    expect(reviewer.locator(".messages")).to_contain_text(f"「{TITLE}」已核准並發布。")
    assert len(reviewer_path.steps) <= REVIEWER_CLICKS, reviewer_path.steps

    visitor = new_context().new_page()
    visitor.goto("/events/?county=TW-TXG")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
