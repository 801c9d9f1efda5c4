"""The reviewer's queue on the dashboard (SPEC §5): who submitted what, for which unit, when,
and how long it has waited — through the real dashboard."""

import datetime

from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from site45.governance.org.models import Unit
from site45.governance.review.task import UnitReviewTaskState
from site45.governance.review.waiting import waited_for
from tests.factories import create_and_submit, member, open_state


def test_the_queue_shows_submitter_unit_submitted_and_waited(review_site):
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="臺中中高齡就業說明會")
    state = open_state(page)
    started = timezone.now() - datetime.timedelta(days=3, hours=5, minutes=10)
    UnitReviewTaskState.objects.filter(pk=state.pk).update(started_at=started)

    client = Client()
    client.force_login(reviewer)
    soup = BeautifulSoup(client.get("/admin/").content.decode(), "html.parser")
    row = soup.select_one(f'tr[data-task-state="{state.pk}"]')
    headers = [" ".join(th.get_text().split()) for th in row.find_parent("table").select("th")]
    cells = [" ".join(td.get_text().split()) for td in row.find_all("td")]
    assert "送審者" in headers and "單位" in headers and "已等候" in headers
    assert cells[0] == "臺中中高齡就業說明會"
    assert Unit.objects.get(code="TW-TXG").display_name in cells
    assert timezone.localtime(started).strftime("%Y-%m-%d %H:%M") in cells
    assert "3 天 5 小時" in cells


def test_waiting_is_said_in_days_and_hours():
    assert waited_for(datetime.timedelta(minutes=59)) == "不到 1 小時"
    assert waited_for(datetime.timedelta(hours=1)) == "1 小時"
    assert waited_for(datetime.timedelta(days=1)) == "1 天"
    assert waited_for(datetime.timedelta(days=2, hours=23, minutes=59)) == "2 天 23 小時"
