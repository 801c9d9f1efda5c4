"""Dashboard panels of the 單位審核 workflow: the reviewer's queue and the empty reviewer seats."""

import re

import pytest

from site45.governance.review.reviewers import empty_reviewer_seats
from tests.factories import create_and_submit, member, open_state, submit_for_setup


@pytest.fixture(autouse=True)
def _site(review_site):
    return review_site


def panel_html(response, panel_id):
    html = response.content.decode()
    match = re.search(rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_reviewer_queue_counts_and_lists_oldest_first(client):
    reviewer = member("TW-TXG", "unit_reviewer")
    editor = member("TW-TXG", "editor")
    first = create_and_submit(editor, "TW-TXG", title="最早送審的稿件")
    second = create_and_submit(editor, "TW-TXG", title="第二份送審的稿件")
    client.force_login(reviewer)
    response = client.get("/admin/")
    panel = panel_html(response, "unit-review-queue")
    assert "等待您審核的稿件" in panel
    assert "共 2 件稿件等待您審核" in panel
    assert panel.index("最早送審的稿件") < panel.index("第二份送審的稿件")
    assert f'href="/admin/pages/{first.pk}/edit/"' in panel
    assert f'href="/admin/pages/{second.pk}/edit/"' in panel
    assert f"/admin/pages/workflow/preview/{first.pk}/{open_state(first).task_id}/" in panel


def test_queue_shows_only_the_users_own_submissions_to_review(client):
    member("TW-TXG", "unit_reviewer")
    outsider = member("TW-CHA", "unit_reviewer")
    create_and_submit(member("TW-TXG", "editor"), "TW-TXG", title="臺中的待審稿件")
    client.force_login(outsider)
    response = client.get("/admin/")
    panel = panel_html(response, "unit-review-queue")
    assert "目前沒有等待您審核的稿件" in panel
    assert "臺中的待審稿件" not in response.content.decode()


def test_editor_has_no_queue_and_no_seat_panel(client):
    editor = member("TW-TXG", "editor")
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'id="unit-review-queue-section"' not in html
    assert 'id="unit-review-empty-seats-section"' not in html


def test_system_admin_reads_the_empty_seats_in_the_needs_action_panel(client):
    admin = member("wda-dsted", "system_admin", account_role="wda_officer")
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert 'id="unit-review-empty-seats-section"' not in html  # not a panel of its own
    panel = panel_html(client.get("/admin/"), "needs-action")
    count = empty_reviewer_seats().count()
    assert f"{count} 個單位審核人員出缺" in panel
    assert 'href="/admin/units/?empty_reviewer_seat=true"' in panel
    assert "data-unit=" not in panel  # a count, not a list of units

    member("TW-TXG", "unit_reviewer")
    panel = panel_html(client.get("/admin/"), "needs-action")
    assert f"{count - 1} 個單位審核人員出缺" in panel


def test_hq_special_members_see_the_empty_seats_count_county_reviewers_do_not(client):
    hq_editor = member("wda-dsted", "editor", account_role="wda_officer")
    client.force_login(hq_editor)
    panel = panel_html(client.get("/admin/"), "unit-review-empty-seats")
    assert "審核人員出缺" in panel
    assert f"{empty_reviewer_seats().count()} 個單位審核人員出缺" in panel
    assert "data-unit=" not in panel
    # They may not open the unit admin, so the count links nowhere.
    assert client.get("/admin/units/?empty_reviewer_seat=true").status_code in (302, 403)
    assert "/admin/units/" not in panel
    client.force_login(member("TW-CHA", "unit_reviewer"))
    assert 'id="unit-review-empty-seats-section"' not in client.get("/admin/").content.decode()


def test_escalated_submission_is_in_the_branch_reviewers_queue(client):
    branch_reviewer = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    submit_for_setup(member("TW-TXG", "editor"), "TW-TXG")
    client.force_login(branch_reviewer)
    assert "共 1 件稿件等待您審核" in panel_html(client.get("/admin/"), "unit-review-queue")


def test_queue_panel_queries_do_not_grow_with_the_queue():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from site45.governance.review.hooks import ReviewQueuePanel

    reviewer = member("TW-TXG", "unit_reviewer")
    editor = member("TW-TXG", "editor")

    def panel_queries():
        panel = ReviewQueuePanel(reviewer, reviewer.membership)
        with CaptureQueriesContext(connection) as ctx:
            panel.get_context_data({})
        return len(ctx.captured_queries)

    submit_for_setup(editor, "TW-TXG")
    few = panel_queries()
    for _ in range(6):
        submit_for_setup(editor, "TW-TXG")
    assert panel_queries() == few
