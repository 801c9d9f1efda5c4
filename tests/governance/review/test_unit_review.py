"""The 單位審核 workflow (SPEC §4, §5) through the real admin views.

An editor submits; exactly one responsible reviewer (``resolve_reviewer``) sees it, gets the
buttons, and may approve (publish) or reject (with a comment). Everybody else is refused,
even with a hand-made POST, and nothing changes.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState, Workflow, WorkflowPage, WorkflowState

from site45.governance.models import Membership
from site45.governance.review.reviewers import resolve_reviewer
from site45.governance.review.task import UnitReviewerTask
from site45.governance.review.workflow_setup import TASK_NAME, WORKFLOW_NAME, install_unit_review_workflow
from tests.factories import (
    action_url,
    create_and_submit,
    make_page,
    member,
    open_state,
    page_form_data,
    submit_for_setup,
)


def assert_refused(response):
    """Wagtail answers PermissionDenied with a 403, or in the admin a redirect to the dashboard;
    ``admin_guards`` answers 404 to those who may neither edit nor review the page."""
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response.url in ("/admin/", reverse("wagtailadmin_home"))


def assert_unchanged(page, state):
    page.refresh_from_db()
    state.refresh_from_db()
    assert not page.live
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert page.workflow_in_progress


# --- installation -------------------------------------------------------------------------------


def test_every_page_uses_the_unit_review_workflow(review_site):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.active
    assert [t.specific.__class__ for t in workflow.tasks] == [UnitReviewerTask]
    assert workflow.tasks.get().name == TASK_NAME
    root = Page.objects.get(depth=1)
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    assert list(WorkflowPage.objects.values_list("page_id", flat=True)) == [root.pk]
    page = make_page("hot_news", unit_code="TW-TXG", publish=False)
    assert page.get_workflow() == workflow
    assert str(UnitReviewerTask._meta.verbose_name) == "單位審核"


def test_installing_twice_changes_nothing(review_site):
    first = install_unit_review_workflow()
    second = install_unit_review_workflow()
    assert first == second
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert UnitReviewerTask.objects.filter(name=TASK_NAME).count() == 1
    assert WorkflowPage.objects.count() == 1


# --- the whole round through the admin ---------------------------------------------------------


def test_editor_submits_reviewer_sees_it_and_approves(review_site, client):
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="臺中銀髮就業博覽會")
    state = open_state(page)
    assert state.reviewer == reviewer

    client.force_login(reviewer)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "臺中銀髮就業博覽會" in dashboard.content.decode()
    # our bounded "awaiting your review" panel stands in for Wagtail's
    panel_names = [getattr(p, "name", "") for p in dashboard.context["panels"]]
    assert "unit_review_queue" in panel_names and "workflow_objects_to_moderate" not in panel_names
    assert f'data-task-state="{state.pk}"' in dashboard.content.decode()

    report = client.get("/admin/reports/workflow/?reviewable=true")
    assert report.status_code == 200
    assert "臺中銀髮就業博覽會" in report.content.decode()

    assert [name for name, _label, _modal in state.task.specific.get_actions(page, reviewer)] == [
        "reject",
        "approve",
        "approve",
    ]
    editor_view = client.get(f"/admin/pages/{page.pk}/edit/")
    assert editor_view.status_code == 200
    html = editor_view.content.decode()
    assert 'data-workflow-action-name="approve"' in html
    assert 'data-workflow-action-name="reject"' in html
    # Wagtail adds 「並發布」 at the last task: the buttons read once, not 「核准並發布並發布」.
    assert "核准並發布" in html and "核准（附意見）並發布" in html and "並發布並發布" not in html

    response = client.post(action_url(page, "approve", state), {})
    assert response.status_code == 302
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live
    assert state.status == TaskState.STATUS_APPROVED
    assert state.finished_by == reviewer
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == WorkflowState.STATUS_APPROVED
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve", user=reviewer).exists()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_reject_needs_a_comment(review_site, client):
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG")
    state = open_state(page)
    client.force_login(reviewer)

    # the modal form refuses an empty comment (and a blank one)
    for comment in ("", "   "):
        response = client.post(
            action_url(page, "reject", state), {"comment": comment}, headers={"x-requested-with": "XMLHttpRequest"}
        )
        assert response.status_code == 200
        assert "必須填寫退回原因" in response.json()["html"]
        assert_unchanged(page, state)
    # a plain POST without a comment does nothing either
    client.post(action_url(page, "reject", state), {})
    assert_unchanged(page, state)
    # the edit view's workflow action passes extra data unvalidated: on_action refuses it
    data = page_form_data(page.title, page.slug)
    data.update({"action-workflow-action": "1", "workflow-action-name": "reject", "workflow-action-extra-data": "{}"})
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert_unchanged(page, state)

    mail.outbox.clear()
    response = client.post(action_url(page, "reject", state), {"comment": "活動日期有誤，請更正。"})
    assert response.status_code == 302
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == TaskState.STATUS_REJECTED
    assert state.comment == "活動日期有誤，請更正。"
    assert not page.live
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "活動日期有誤，請更正。" in mail.outbox[0].body


def test_reviewer_can_approve_from_the_edit_view(review_site, client):
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG")
    client.force_login(reviewer)
    data = page_form_data(page.title, page.slug)
    data.update({"action-workflow-action": "1", "workflow-action-name": "approve", "workflow-action-extra-data": "{}"})
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_only_the_submitter_may_withdraw_a_submission(review_site, client):
    """The reviewer answers with 核准 or 退回 (with a reason); cancelling is the submitter's withdrawal."""
    editor = member("TW-TXG", "editor")
    reviewer = member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG")
    state = open_state(page)
    cancel = page_form_data(page.title, page.slug)
    cancel["action-cancel-workflow"] = "1"

    client.force_login(reviewer)
    assert 'name="action-cancel-workflow"' not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert client.post(f"/admin/pages/{page.pk}/edit/", cancel).status_code in (302, 403)
    assert_unchanged(page, state)

    submitter = Client()
    submitter.force_login(editor)
    assert 'name="action-cancel-workflow"' in submitter.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert submitter.post(f"/admin/pages/{page.pk}/edit/", cancel).status_code in (200, 302)
    page.refresh_from_db()
    assert not page.workflow_in_progress


def test_another_countys_reviewer_sees_nothing_and_is_refused(review_site, client):
    editor = member("TW-TXG", "editor")
    member("TW-TXG", "unit_reviewer")
    outsider = member("TW-CHA", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="只屬於臺中的稿件")
    state = open_state(page)

    client.force_login(outsider)
    assert "只屬於臺中的稿件" not in client.get("/admin/").content.decode()
    assert "只屬於臺中的稿件" not in client.get("/admin/reports/workflow/?reviewable=true").content.decode()
    assert state.task.specific.get_actions(page, outsider) == []
    assert not TaskState.objects.reviewable_by(outsider).filter(pk=state.pk).exists()
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200

    for action, data in (("approve", {}), ("reject", {"comment": "不通過"})):
        assert_refused(client.post(action_url(page, action, state), data))
        assert_unchanged(page, state)

    # Naming their own page in the URL (where they do have the buttons) with our task state
    own = create_and_submit(member("TW-CHA", "editor"), "TW-CHA")
    client.force_login(outsider)
    assert open_state(own).reviewer == outsider
    assert_refused(client.post(action_url(own, "approve", state), {}))
    assert_unchanged(page, state)


@pytest.mark.parametrize("who", ["submitter", "same_unit_editor", "branch_reviewer", "system_admin"])
def test_nobody_but_the_responsible_reviewer_may_act(review_site, client, who):
    editor = member("TW-TXG", "editor")
    member("TW-TXG", "unit_reviewer")
    others = {
        "submitter": lambda: editor,
        "same_unit_editor": lambda: member("TW-TXG", "editor"),
        "branch_reviewer": lambda: member("br-ccn", "unit_reviewer", account_role="wda_officer"),
        "system_admin": lambda: member("wda-dsted", "system_admin", account_role="wda_officer"),
    }
    page = create_and_submit(editor, "TW-TXG")
    state = open_state(page)
    user = others[who]()
    client.force_login(user)
    assert state.task.specific.get_actions(page, user) == []
    assert_refused(client.post(action_url(page, "approve", state), {}))
    assert_refused(client.post(action_url(page, "reject", state), {"comment": "退回"}))
    assert_unchanged(page, state)


def test_system_admin_sees_every_submission_but_acts_only_as_resolved_reviewer(review_site, client):
    admin = member("wda-dsted", "system_admin", account_role="wda_officer")
    assert admin.is_superuser
    editor = member("TW-TXG", "editor")
    member("TW-TXG", "unit_reviewer")
    page = create_and_submit(editor, "TW-TXG", title="總管理者看得到")
    client.force_login(admin)
    assert "總管理者看得到" in client.get("/admin/reports/workflow/").content.decode()
    assert "總管理者看得到" not in client.get("/admin/reports/workflow/?reviewable=true").content.decode()
    assert open_state(page).task.specific.get_actions(page, admin) == []

    # hq_special's reviewer submits: next level is the system administrator
    hq_reviewer = member("wda-dsted", "unit_reviewer", account_role="wda_officer")
    own = create_and_submit(hq_reviewer, "wda-dsted")
    state = open_state(own)
    assert state.reviewer == admin
    client.force_login(admin)
    assert client.post(action_url(own, "approve", state), {}).status_code == 302
    own.refresh_from_db()
    assert own.live


# --- who is responsible ------------------------------------------------------------------------


def test_silver_point_submission_goes_to_the_county_reviewer(review_site, client):
    txg_reviewer = member("TW-TXG", "unit_reviewer")
    point_editor = member("TW-TXG-silver-1", "editor", account_role="silver_point_counsellor")
    page = create_and_submit(point_editor, "TW-TXG-silver-1", title="據點徵才")
    state = open_state(page)
    assert state.reviewer == txg_reviewer
    client.force_login(txg_reviewer)
    assert "據點徵才" in client.get("/admin/").content.decode()
    # the county reviewer has no page rights in the point's section, yet may open the editor now
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    client.post(action_url(page, "approve", state), {})
    page.refresh_from_db()
    assert page.live


def test_empty_seat_goes_to_the_branch_reviewer(review_site, client):
    assert not Membership.objects.filter(unit__code="TW-TXG", is_unit_reviewer=True).exists()
    branch_reviewer = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    page = create_and_submit(member("TW-TXG", "editor"), "TW-TXG", title="出缺時的稿件")
    state = open_state(page)
    assert state.reviewer == branch_reviewer
    client.force_login(branch_reviewer)
    assert "出缺時的稿件" in client.get("/admin/").content.decode()
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.post(action_url(page, "approve", state), {}).status_code == 302
    page.refresh_from_db()
    assert page.live


def test_reviewers_own_submission_goes_up_one_level(review_site, client):
    txg_reviewer = member("TW-TXG", "unit_reviewer", "editor")
    branch_reviewer = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    page = create_and_submit(txg_reviewer, "TW-TXG")
    state = open_state(page)
    assert state.reviewer == branch_reviewer
    assert state.task.specific.get_actions(page, txg_reviewer) == []
    client.force_login(txg_reviewer)
    assert_refused(client.post(action_url(page, "approve", state), {}))
    assert_unchanged(page, state)


def test_resolve_reviewer_never_returns_the_submitter(review_site):
    from site45.governance.models import Unit

    admin = member("wda-dsted", "system_admin", "unit_reviewer", account_role="wda_officer")
    txg = member("TW-TXG", "unit_reviewer")
    branch = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    for unit_code, submitter in (("TW-TXG", txg), ("br-ccn", branch), ("wda-dsted", admin)):
        assert resolve_reviewer(Unit.objects.get(code=unit_code), submitter) != submitter
    # the system administrator's own hq_special submission has nobody left
    assert resolve_reviewer(Unit.objects.get(code="wda-dsted"), admin) is None


def test_revoking_the_reviewer_mid_review_moves_the_open_task(review_site, client):
    txg_reviewer = member("TW-TXG", "unit_reviewer")
    branch_reviewer = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    page = create_and_submit(member("TW-TXG", "editor"), "TW-TXG", title="換人審核")
    state = open_state(page)
    assert state.reviewer == txg_reviewer

    membership = txg_reviewer.membership
    membership.is_unit_reviewer = False
    membership.save()
    state.refresh_from_db()
    assert state.reviewer == branch_reviewer
    assert PageLogEntry.objects.filter(page=page, action="governance.unit_review.reassign").exists()

    client.force_login(txg_reviewer)
    assert "換人審核" not in client.get("/admin/").content.decode()
    assert_refused(client.post(action_url(page, "approve", state), {}))
    assert_unchanged(page, state)

    client.force_login(branch_reviewer)
    assert "換人審核" in client.get("/admin/").content.decode()
    client.post(action_url(page, "approve", state), {})
    page.refresh_from_db()
    assert page.live


def test_deactivation_reactivation_and_a_new_seat_move_the_open_task(review_site):
    txg_reviewer = member("TW-TXG", "unit_reviewer")
    branch_reviewer = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    page = submit_for_setup(member("TW-TXG", "editor"), "TW-TXG")
    state = open_state(page)
    assert state.reviewer == txg_reviewer

    txg_reviewer.is_active = False
    txg_reviewer.save()
    state.refresh_from_db()
    assert state.reviewer == branch_reviewer

    # reactivated: the task comes back to the county
    txg_reviewer.is_active = True
    txg_reviewer.save(update_fields=["is_active"])
    state.refresh_from_db()
    assert state.reviewer == txg_reviewer

    # the role passes to a colleague: the task follows the seat
    txg_reviewer.membership.is_unit_reviewer = False
    txg_reviewer.membership.save()
    new_reviewer = member("TW-TXG", "unit_reviewer")
    state.refresh_from_db()
    assert state.reviewer == new_reviewer

    # a sign-in (last_login only) does not re-resolve anything
    new_reviewer.save(update_fields=["last_login"])

    # decided states stay as they were
    state.approve(user=new_reviewer)
    new_reviewer.membership.delete()
    state.refresh_from_db()
    assert state.reviewer == new_reviewer


def test_moderation_queue_is_one_query_whatever_its_length(review_site, django_assert_num_queries):
    reviewer = member("TW-TXG", "unit_reviewer")
    editor = member("TW-TXG", "editor")
    for _ in range(3):
        submit_for_setup(editor, "TW-TXG")
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    task = UnitReviewerTask.objects.get(name=TASK_NAME)
    with django_assert_num_queries(1):
        assert task.get_task_states_user_can_moderate(reviewer).count() == 3
    for _ in range(5):
        submit_for_setup(editor, "TW-TXG")
    with django_assert_num_queries(1):
        assert task.get_task_states_user_can_moderate(reviewer).count() == 8


def test_reports_list_reviews_that_come_from_outside_the_reviewers_sections(review_site, client):
    """The county reviewer has no page rights in a silver point's section, the branch reviewer
    none in a county's; the workflow reports still list the reviews they are responsible for."""
    txg_reviewer = member("TW-TXG", "unit_reviewer")
    point = create_and_submit(
        member("TW-TXG-silver-1", "editor", account_role="silver_point_counsellor"),
        "TW-TXG-silver-1",
        title="據點的待審稿件",
    )
    branch_reviewer = member("br-ccn", "unit_reviewer", account_role="wda_officer")
    own = create_and_submit(txg_reviewer, "TW-TXG", title="審核人員自己的稿件")
    assert open_state(point).reviewer == txg_reviewer
    assert open_state(own).reviewer == branch_reviewer

    client.force_login(txg_reviewer)
    html = client.get("/admin/reports/workflow/?reviewable=true").content.decode()
    assert "據點的待審稿件" in html and "審核人員自己的稿件" not in html
    assert "據點的待審稿件" in client.get("/admin/reports/workflow_tasks/?reviewable=true").content.decode()

    client.force_login(branch_reviewer)
    html = client.get("/admin/reports/workflow/?reviewable=true").content.decode()
    assert "審核人員自己的稿件" in html and "據點的待審稿件" not in html

    outsider = member("TW-CHA", "unit_reviewer")
    client.force_login(outsider)
    html = client.get("/admin/reports/workflow/").content.decode()
    assert "據點的待審稿件" not in html and "審核人員自己的稿件" not in html
