"""Approval publishes exactly the approved revision and leaves no newer draft.

Reported: after the responsible reviewer approved, the page showed 「發布+草稿」 — a revision
identical to the live one was left as the newer "current draft". Everything here goes through
the real workflow action view (the approve POST), as a reviewer does it.
"""

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, Revision, TaskState, WorkflowState

from tests.factories import action_url, create_and_submit, member, open_state, page_form_data


def assert_published_exactly(page, approved_revision, title):
    page.refresh_from_db()
    assert page.live
    assert not page.has_unpublished_changes
    assert page.live_revision_id == approved_revision.pk
    assert page.latest_revision_id == approved_revision.pk
    assert page.get_latest_revision().pk == approved_revision.pk
    assert not Revision.objects.for_instance(page).filter(pk__gt=approved_revision.pk).exists()
    assert page.title == title and page.specific.title == title


def assert_status_published(client, page):
    """The editor's status panel says published with no draft, and the explorer shows no
    「發布+草稿」."""
    page.refresh_from_db()
    with translation.override("zh-hant"):
        live_draft, draft = gettext("live + draft"), gettext("draft")
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    status = re.search(r"狀態：</span>\s*([^<]+?)\s*</h3>", editor).group(1)
    assert draft not in status and "草稿" not in status, status
    explorer = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    assert page.title in explorer
    assert live_draft not in explorer and "發布+草稿" not in explorer


@pytest.mark.parametrize("data", [{}, {"comment": "內容正確，同意發布。"}], ids=["plain", "with-comment"])
def test_approval_publishes_the_approved_revision_and_nothing_newer(review_site, client, data):
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="臺中銀髮就業博覽會")
    state = open_state(page)
    approved = state.revision
    revisions_before = Revision.objects.for_instance(page).count()

    client.force_login(reviewer)
    response = client.post(action_url(page, "approve", state), data)
    assert response.status_code == 302

    state.refresh_from_db()
    assert state.status == TaskState.STATUS_APPROVED
    assert state.comment == data.get("comment", "")
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == WorkflowState.STATUS_APPROVED
    assert_published_exactly(page, approved, "臺中銀髮就業博覽會")
    assert Revision.objects.for_instance(page).count() == revisions_before
    assert_status_published(client, page)
    editor_client = Client()
    editor_client.force_login(editor)
    assert_status_published(editor_client, page)


def test_approving_a_live_pages_newer_draft(review_site, client):
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="第一版標題")
    client.force_login(reviewer)
    client.post(action_url(page, "approve", open_state(page)), {})
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes

    # The editor changes the live page and submits the change.
    editor_client = Client()
    editor_client.force_login(editor)
    data = page_form_data("第二版標題", page.slug)
    data["action-submit"] = "1"
    assert editor_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    assert page.has_unpublished_changes and page.title == "第一版標題"
    state = open_state(page)
    approved = state.revision
    assert approved.content["title"] == "第二版標題"

    response = client.post(action_url(page, "approve", state), {"comment": "同意"})
    assert response.status_code == 302
    assert_published_exactly(page, approved, "第二版標題")
    assert Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().title == "第二版標題"
    assert_status_published(client, page)


@pytest.mark.parametrize("live_first", [False, True], ids=["new-page", "live-page-newer-draft"])
def test_approval_from_the_edit_view(review_site, client, live_first):
    """The editor's 「核准並發布」 button posts the whole edit form with the workflow action."""
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="第一版標題")
    client.force_login(reviewer)
    title = "第一版標題"
    if live_first:
        client.post(action_url(page, "approve", open_state(page)), {})
        editor_client = Client()
        editor_client.force_login(editor)
        data = page_form_data("第二版標題", page.slug)
        data["action-submit"] = "1"
        assert editor_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
        title = "第二版標題"
    state = open_state(page)
    data = page_form_data(title, page.slug)
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "同意"}',
        }
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    latest = page.get_latest_revision()
    assert latest.pk >= state.revision_id
    assert_published_exactly(page, latest, title)
    assert_status_published(client, page)


@pytest.mark.parametrize("autosave", [False, True], ids=["save-draft", "autosave"])
def test_a_save_after_approval_that_changes_nothing_leaves_no_draft(review_site, client, autosave):
    """The phantom draft: after approving, the editor the reviewer lands in (or its autosave,
    e.g. set off by typing the approval comment) saves the unchanged form again."""
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer", "editor")
    page = create_and_submit(editor, "TW-TXG", title="臺中銀髮就業博覽會")
    state = open_state(page)
    approved = state.revision
    client.force_login(reviewer)
    response = client.post(action_url(page, "approve", state), {"comment": "同意"})
    assert response.status_code == 302 and response.url == f"/admin/pages/{page.pk}/edit/"
    data = page_form_data("臺中銀髮就業博覽會", page.slug)
    data.update({"loaded_revision_id": str(approved.pk), "loaded_revision_created_at": approved.created_at.isoformat()})
    headers = {"HTTP_ACCEPT": "application/json"} if autosave else {}
    saved = client.post(f"/admin/pages/{page.pk}/edit/", data, **headers)
    assert saved.status_code in (200, 302)
    assert_published_exactly(page, approved, "臺中銀髮就業博覽會")
    assert_status_published(client, page)
    # A real change still makes a draft.
    data = page_form_data("臺中銀髮就業博覽會（更正）", page.slug)
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    assert page.has_unpublished_changes and page.latest_revision_id != approved.pk


def test_submitting_an_unchanged_live_page_keeps_its_submission(review_site, client):
    """The revision a review is about is never taken back, even when it repeats the live one."""
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="不變的標題")
    client.force_login(reviewer)
    client.post(action_url(page, "approve", open_state(page)), {})
    editor_client = Client()
    editor_client.force_login(editor)
    data = page_form_data("不變的標題", page.slug)
    data["action-submit"] = "1"
    assert editor_client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    state = open_state(page)
    assert state.revision_id == page.latest_revision_id
    assert client.post(action_url(page, "approve", state), {}).status_code == 302
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id == state.revision_id


def test_a_revision_saved_during_review_is_not_published_by_the_approval(review_site, client):
    """The approve POST publishes the revision the reviewer was shown (the task's), even when a
    newer one was saved while the review was open; the newer one stays a draft."""
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="審核中的版本")
    state = open_state(page)
    approved = state.revision
    newer_page = page.specific
    newer_page.title = "審核中偷改的版本"
    newer = newer_page.save_revision(user=editor)

    client.force_login(reviewer)
    assert client.post(action_url(page, "approve", state), {}).status_code == 302

    page.refresh_from_db()
    assert page.live
    assert page.live_revision_id == approved.pk
    assert page.title == "審核中的版本"
    assert Page.objects.get(pk=page.pk).specific.title == "審核中的版本"
    assert page.latest_revision_id == newer.pk and page.has_unpublished_changes
