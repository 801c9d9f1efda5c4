"""E-mail of the 單位審核 workflow (SPEC §5), in zh-Hant, through the real admin views."""

import pytest
from django.core import mail
from django.test import Client

from site45.governance.review.task import UnitReviewTaskState
from tests.factories import action_url, create_and_submit, member, open_state, submit_for_setup


@pytest.fixture(autouse=True)
def _site(review_site):
    return review_site


def test_submission_mails_only_the_responsible_reviewer():
    admin = member("wda-dsted", "system_admin", account_role="wda_officer")
    reviewer = member("TW-TXG", "unit_reviewer")
    member("TW-CHA", "unit_reviewer")
    member("br-ccn", "unit_reviewer", account_role="wda_officer")
    editor = member("TW-TXG", "editor")
    mail.outbox.clear()
    page = create_and_submit(editor, "TW-TXG", title="臺中中高齡職缺說明會")
    assert [m.to for m in mail.outbox] == [[reviewer.email]]  # not every superuser, nobody twice
    message = mail.outbox[0]
    assert "待審稿件" in message.subject and "臺中中高齡職缺說明會" in message.subject
    assert "臺中市政府" in message.body  # the owning unit
    assert editor.username in message.body
    assert f"/admin/pages/{page.pk}/edit/" in message.body
    assert admin.email not in {addr for m in mail.outbox for addr in m.to}


def test_approval_mails_the_submitter(client):
    reviewer = member("TW-TXG", "unit_reviewer")
    editor = member("TW-TXG", "editor")
    page = create_and_submit(editor, "TW-TXG", title="核准通知測試")
    state = open_state(page)
    mail.outbox.clear()
    client.force_login(reviewer)
    client.post(action_url(page, "approve", state), {})
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "已核准發布" in mail.outbox[0].subject
    assert "核准通知測試" in mail.outbox[0].body
    assert reviewer.username in mail.outbox[0].body


def test_rejection_mails_the_submitter_with_the_comment(client):
    reviewer = member("TW-TXG", "unit_reviewer")
    editor = member("TW-TXG", "editor")
    page = create_and_submit(editor, "TW-TXG", title="退回通知測試")
    state = open_state(page)
    mail.outbox.clear()
    client.force_login(reviewer)
    client.post(action_url(page, "reject", state), {"comment": "請補上活動地點與報名方式。"})
    assert [m.to for m in mail.outbox] == [[editor.email]]
    message = mail.outbox[0]
    assert "已退回" in message.subject and "退回通知測試" in message.subject
    assert "退回原因：請補上活動地點與報名方式。" in message.body


def test_a_refused_action_sends_nothing(client):
    member("TW-TXG", "unit_reviewer")
    outsider = member("TW-CHA", "unit_reviewer")
    page = create_and_submit(member("TW-TXG", "editor"), "TW-TXG")
    state = open_state(page)
    mail.outbox.clear()
    client.force_login(outsider)
    client.post(action_url(page, "approve", state), {})
    client.post(action_url(page, "reject", state), {"comment": "x"})
    assert mail.outbox == []


def test_the_new_reviewer_is_told_when_a_review_moves():
    txg_reviewer = member("TW-TXG", "unit_reviewer")
    branch_reviewer = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    page = submit_for_setup(member("TW-TXG", "editor"), "TW-TXG")
    mail.outbox.clear()
    txg_reviewer.membership.is_unit_reviewer = False
    txg_reviewer.membership.save()
    assert open_state(page).reviewer == branch_reviewer
    assert [m.to for m in mail.outbox] == [[branch_reviewer.email]]
    assert "改由您審核" in mail.outbox[0].subject


def test_a_reviewer_without_an_address_is_skipped_quietly():
    reviewer = member("TW-TXG", "unit_reviewer")
    reviewer.email = ""
    reviewer.save(update_fields=["email"])
    mail.outbox.clear()
    page = create_and_submit(member("TW-TXG", "editor"), "TW-TXG")
    assert UnitReviewTaskState.objects.get(pk=open_state(page).pk).reviewer == reviewer
    assert mail.outbox == []


def test_resubmission_after_rejection_mails_the_reviewer_again(client):
    reviewer = member("TW-TXG", "unit_reviewer")
    editor = member("TW-TXG", "editor")
    page = create_and_submit(editor, "TW-TXG", title="再次送審")
    client.force_login(reviewer)
    client.post(action_url(page, "reject", open_state(page)), {"comment": "請修改標題"})
    mail.outbox.clear()

    from tests.factories import page_form_data

    editor_client = Client()
    editor_client.force_login(editor)
    data = page_form_data("再次送審（修正）", page.slug)
    data["action-submit"] = "1"
    assert editor_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    assert open_state(page).reviewer == reviewer
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
