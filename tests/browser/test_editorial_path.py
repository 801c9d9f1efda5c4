"""The editorial path, end to end in the zh-Hant admin, in Chromium.

An editor of Taichung (TW-TXG) signs in, creates an event page with an image and a PDF inside
the unit's section (單位專區 → 臺中市政府) and submits it; Taichung's reviewer finds it in the
dashboard queue and rejects it with a comment; the editor reads the comment, fixes the page and
submits again; the reviewer approves, which publishes; an anonymous visitor then finds it on
the events index, by a Chinese search and in the API. Along the way Kaohsiung's reviewer
neither sees it nor may open it, and nobody outside the admin sees the draft. A Taichung
silver point editor's submission lands with the Taichung reviewer.

Every editor and reviewer step is the real admin UI (Wagtail 8, autosave on) in its own
browser profile; the database is read only to find a page's id.
"""

import datetime
import re

from django.core import mail
from django.utils import timezone

from .conftest import KHH_REVIEWER, TEST_PASSWORD
from .files import pdf, png
from .helpers import (
    add_block,
    choose_upload,
    exactly,
    expect,
    next_step,
    open_own_section,
    review_queue,
    settle_autosave,
    sign_in,
    start_new_page,
    textbox,
)

TITLE = "臺中市銀髮職涯博覽會（瀏覽器測試）"
SEARCH_WORDS = "職涯博覽"  # a word inside the title: found only through the bigram search
ALT_TEXT = "博覽會會場中，求職者與企業代表面談"
PDF_LINK = "下載活動簡章（PDF）"
REJECT_COMMENT = "請補上活動地點的樓層與交通方式。"
FIXED_VENUE = "臺中市政府文心樓 3 樓（捷運市政府站 2 號出口）"


def api_titles(context, query):
    response = context.request.get(f"/api/v2/pages/?{query}")
    assert response.ok, response.status
    return [item["title"] for item in response.json()["items"]]


def public_view(context):
    """What an anonymous visitor finds of the event: (on the index, by search, in the API)."""
    visitor = context.new_page()
    visitor.goto("/events/?county=TW-TXG")
    on_index = visitor.get_by_role("link", name=TITLE).count() > 0
    visitor.goto(f"/search/?q={SEARCH_WORDS}")
    by_search = visitor.get_by_role("link", name=TITLE).count() > 0
    visitor.close()
    in_api = TITLE in api_titles(context, "type=news.EventPage&unit=TW-TXG&limit=100")
    return on_index, by_search, in_api


def event_page_id():
    from site45.news.models import EventPage

    return EventPage.objects.get(title=TITLE).pk


def test_event_page_from_draft_to_the_public(new_context, screenshot):
    start = (timezone.localtime() + datetime.timedelta(days=3)).replace(hour=9, minute=30)
    end = start + datetime.timedelta(hours=3)

    # --- The editor creates the event inside Taichung's section and submits it -----------------
    editor = new_context().new_page()
    sign_in(editor, "txg-editor-1")
    expect(editor.get_by_role("region", name="我的單位").get_by_role("link", name="新增活動訊息")).to_be_visible()
    screenshot(editor, "editor-dashboard-my-unit")
    open_own_section(editor, "臺中市政府")
    start_new_page(editor, "活動訊息")
    textbox(editor, "標題").fill(TITLE)
    textbox(editor, "摘要").fill("結合企業徵才、職涯諮詢與數位技能體驗，歡迎 45 歲以上求職者參加。")
    textbox(editor, "開始時間").fill(start.strftime("%Y-%m-%d %H:%M"))
    textbox(editor, "結束時間").fill(end.strftime("%Y-%m-%d %H:%M"))
    textbox(editor, "地點").fill("臺中市政府文心樓")
    editor.get_by_role("combobox", name=exactly("縣市")).select_option(label="臺中市")
    textbox(editor, "主辦單位").fill("臺中市政府勞工局")
    add_block(editor, "圖片")
    choose_upload(editor, editor.get_by_role("button", name="選擇一個圖片"), png(), "銀髮職涯博覽會會場")
    textbox(editor, "替代文字").fill(ALT_TEXT)
    add_block(editor, "文件連結")
    choose_upload(editor, editor.get_by_role("button", name="選擇一個文件"), pdf(), "銀髮職涯博覽會簡章")
    textbox(editor, "連結文字").fill(PDF_LINK)
    settle_autosave(editor)
    next_step(editor, "儲存草稿")  # beside it, not in a menu
    screenshot(editor, "editor-footer-next-step")
    next_step(editor, "送審").click()
    expect(editor).not_to_have_url(re.compile(r"/(add|edit)/"))
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    expect(editor.locator(".messages")).to_contain_text("已送交 吳雅婷（")
    expect(editor.locator(".messages")).to_contain_text("單位審核人員）審核")

    # Nobody outside the admin sees the draft.
    visitor_context = new_context()
    assert public_view(visitor_context) == (False, False, False)

    # --- Taichung's reviewer finds it in the queue; the e-mail went to them alone ---------------
    reviewer = new_context().new_page()
    sign_in(reviewer, "txg-reviewer")
    row = review_queue(reviewer).get_by_role("row").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("俊傑")  # the submitter
    screenshot(reviewer, "reviewer-queue-with-the-new-event")
    assert [m.to for m in mail.outbox if TITLE in m.subject and "待審" in m.subject] == [
        ["txg-reviewer@example.gov.tw"]
    ]

    # --- Kaohsiung's reviewer: not in their queue, and the editor refuses them ------------------
    other = new_context().new_page()
    sign_in(other, KHH_REVIEWER, TEST_PASSWORD)
    expect(review_queue(other)).to_contain_text("目前沒有等待您審核的稿件")
    expect(other.locator("main")).not_to_contain_text(TITLE)
    refused = other.goto(f"/admin/pages/{event_page_id()}/edit/")
    assert refused.status == 404  # admin_guards: another unit's draft is not named at all
    expect(other.locator("body")).not_to_contain_text(TITLE)
    other.context.close()

    # --- The reviewer rejects it with a comment --------------------------------------------------
    row.get_by_role("link", name="前往審核").click()
    expect(textbox(reviewer, "標題")).to_have_value(TITLE)
    # The review screen opens on the preview of what was submitted.
    expect(reviewer.locator("[data-side-panel='preview']")).to_be_visible()
    preview = reviewer.frame_locator("[data-side-panel='preview'] iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", name=TITLE).first).to_be_visible()
    screenshot(reviewer, "reviewer-opens-on-the-preview")
    next_step(reviewer, "退回修改").click()
    dialog = reviewer.get_by_role("dialog")
    textbox(dialog, "退回原因").fill(REJECT_COMMENT)
    dialog.get_by_role("button", name=re.compile("^退回")).click()
    expect(reviewer).not_to_have_url(re.compile(r"/edit/"))
    expect(reviewer.locator(".messages")).to_contain_text("已退回，並通知 劉俊傑")
    reviewer.goto("/admin/")
    expect(review_queue(reviewer).get_by_role("row").filter(has_text=TITLE)).to_have_count(0)
    rejection = [m for m in mail.outbox if TITLE in m.subject and "退回" in m.subject]
    assert [m.to for m in rejection] == [["txg-editor-1@example.gov.tw"]] and REJECT_COMMENT in rejection[0].body

    # --- The editor reads the comment, fixes the page and submits again --------------------------
    editor.goto("/admin/")
    # 「我的單位」 lists it under 退回修改 with the reviewer's comment in full.
    returned = editor.get_by_role("region", name="我的單位").locator(".my-unit__returned")
    row = returned.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(REJECT_COMMENT)
    expect(row).to_contain_text("吳雅婷")
    screenshot(editor, "editor-dashboard-sent-back")
    row.get_by_role("link", name=TITLE).click()
    textbox(editor, "地點").fill(FIXED_VENUE)
    settle_autosave(editor)
    next_step(editor, "重新送審").click()
    expect(editor).not_to_have_url(re.compile(r"/edit/$"))

    # --- The reviewer approves: the page is published --------------------------------------------
    reviewer.goto("/admin/")
    row = review_queue(reviewer).get_by_role("row").filter(has_text=TITLE)
    expect(row).to_have_count(1)
    row.get_by_role("link", name="前往審核").click()
    expect(textbox(reviewer, "地點")).to_have_value(FIXED_VENUE)
    next_step(reviewer, "核准並發布").click()
    expect(reviewer).not_to_have_url(re.compile(r"/edit/$"))
    expect(reviewer.locator(".messages")).to_contain_text("已核准並發布")
    reviewer.goto("/admin/")
    expect(review_queue(reviewer).get_by_role("row").filter(has_text=TITLE)).to_have_count(0)

    # --- An anonymous visitor finds it: events index, Chinese search, API ------------------------
    visitor = visitor_context.new_page()
    visitor.goto("/events/")
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text(FIXED_VENUE)
    expect(visitor.locator("main")).to_contain_text("臺中市政府（中高齡業務單位）")  # 發布單位
    image = visitor.get_by_role("img", name=ALT_TEXT)
    expect(image).to_be_visible()
    assert image.evaluate("(img) => img.complete && img.naturalWidth > 0"), "the image does not load"
    document = visitor.get_by_role("link", name=PDF_LINK)
    response = visitor_context.request.get(document.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-1.4"), (response.status, response.headers)
    screenshot(visitor, "published-event-detail")

    visitor.goto("/")
    visitor.get_by_role("search").get_by_role("searchbox", name="搜尋").fill(SEARCH_WORDS)
    visitor.keyboard.press("Enter")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()

    assert public_view(visitor_context) == (True, True, True)
    assert TITLE in api_titles(visitor_context, f"type=news.EventPage&search={SEARCH_WORDS}")
    detail = visitor_context.request.get(f"/api/v2/pages/{event_page_id()}/").json()
    assert detail["venue"] == FIXED_VENUE and detail["county"] == "TW-TXG" and detail["unit"]["code"] == "TW-TXG"


def test_silver_point_submission_lands_with_the_county_reviewer(new_context):
    title = "銀髮據點電腦班開課通知（瀏覽器測試）"
    editor = new_context().new_page()
    sign_in(editor, "txg-silver-editor-1")
    open_own_section(editor, "臺中市銀髮人才服務據點")
    start_new_page(editor, "熱門消息")
    textbox(editor, "標題").fill(title)
    textbox(editor, "摘要").fill("每週三上午，歡迎 55 歲以上長輩報名。")
    settle_autosave(editor)
    next_step(editor, "送審").click()
    expect(editor).not_to_have_url(re.compile(r"/add/"))

    reviewer = new_context().new_page()
    sign_in(reviewer, "txg-reviewer")
    row = review_queue(reviewer).get_by_role("row").filter(has_text=title)
    expect(row).to_have_count(1)
    # 楊秀英, the silver point's editor: another unit's staff, so shown masked (policy.may_see_staff_name)
    expect(row).to_contain_text("楊○英")
    expect(row).not_to_contain_text("秀英")
    expect(row.get_by_role("link", name="前往審核")).to_be_visible()

    other = new_context().new_page()
    sign_in(other, KHH_REVIEWER, TEST_PASSWORD)
    expect(other.locator("main")).not_to_contain_text(title)
