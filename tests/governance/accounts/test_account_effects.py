"""Effects of approval, through the admin's 「核准」 POST as the br-ccn manager.

New → a user with membership, an e-mail with the account name and a single-use password link,
a copy to the contact window; a second reviewer is refused with the reason and nothing is
stored. Restore → active again. Suspend → inactive, sessions ended, pages kept, the open
review moved to the next responsible reviewer.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState

from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.approval_effects import inactivity_reference_date
from site45.governance.review.task import UnitReviewTaskState
from site45.governance.review.workflow_setup import install_unit_review_workflow
from tests.factories import application, make_member, make_page
from tests.factories import application_admin_url as url

User = get_user_model()


@pytest.fixture
def manager(site_tree):
    install_unit_review_workflow()
    return make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def approve(client, app, capture):
    client.post(url("receive", app.pk))
    with capture(execute=True):
        response = client.post(url("approve", app.pk), follow=True)
    app.refresh_from_db()
    return response.content.decode()


def test_new_account_is_created_with_membership_and_a_single_use_link(
    manager_client, django_capture_on_commit_callbacks
):
    app = application(
        "TW-TXG",
        account_name="txg-hua",
        account_role="county_officer",
        perm_editor=True,
        perm_reviewer=True,
        user_email="hua@taichung.gov.tw",
        contact_email="window@taichung.gov.tw",
    )
    page = approve(manager_client, app, django_capture_on_commit_callbacks)
    assert "已核准申請。" in page
    assert app.status == AccountApplication.APPROVED

    user = User.objects.get(username="txg-hua")
    assert user.email == "hua@taichung.gov.tw" and user.is_active and not user.has_usable_password()
    assert user.get_full_name() == "陳小華"
    membership = user.membership
    assert membership.unit.code == "TW-TXG" and membership.account_role == "county_officer"
    assert (membership.is_editor, membership.is_unit_reviewer, membership.is_account_manager) == (True, True, False)
    assert app.existing_user == user

    to_user = [m for m in mail.outbox if m.to == ["hua@taichung.gov.tw"]]
    to_window = [m for m in mail.outbox if m.to == ["window@taichung.gov.tw"]]
    assert len(to_user) == 1 and len(to_window) == 1
    assert "帳號開通" in to_user[0].subject
    assert "txg-hua" in to_user[0].body and "txg-hua" in to_window[0].body
    link = re.search(r"http://testserver(/\S+/password_reset/confirm/\S+/)", to_user[0].body).group(1)
    assert "password_reset" not in to_window[0].body and "http" not in to_window[0].body
    assert "僅能使用一次" in to_user[0].body and "3 天" in to_user[0].body

    # Nobody can sign in before the password is set.
    assert not Client().login(username="txg-hua", password="")

    visitor = Client()
    response = visitor.get(link)
    assert response.status_code == 302 and response["Location"].endswith("/set-password/")
    response = visitor.post(
        response["Location"], {"new_password1": "Taichung-45plus-2026!", "new_password2": "Taichung-45plus-2026!"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    user.refresh_from_db()
    assert user.check_password("Taichung-45plus-2026!")
    assert Client().login(username="txg-hua", password="Taichung-45plus-2026!")

    # The link was single-use.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not default_token_generator.check_token(user, token)
    again = Client().get(link, follow=True)
    assert "new_password1" not in again.content.decode()


def test_the_link_expires(manager_client, django_capture_on_commit_callbacks, settings, monkeypatch):
    app = application("TW-TXG", account_name="txg-expiring")
    approve(manager_client, app, django_capture_on_commit_callbacks)
    user = User.objects.get(username="txg-expiring")
    body = next(m.body for m in mail.outbox if m.to == [app.user_email])
    token = re.search(r"/confirm/[^/]+/([^/\s]+)/", body).group(1)
    assert default_token_generator.check_token(user, token)
    later = default_token_generator._now() + timezone.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    assert not default_token_generator.check_token(user, token)


def test_a_second_reviewer_is_refused_with_the_reason_and_nothing_is_stored(
    manager_client, django_capture_on_commit_callbacks
):
    make_member("TW-TXG", "unit_reviewer", username="txg-reviewer")
    app = application("TW-TXG", account_name="txg-second-reviewer", perm_reviewer=True, perm_editor=False)
    users_before = User.objects.count()
    page = approve(manager_client, app, django_capture_on_commit_callbacks)
    assert "無法核准" in page and "已有單位審核人員（txg-reviewer），每個單位限設 1 人。" in page
    assert app.status == AccountApplication.RECEIVED and app.result == AccountApplication.PENDING
    assert app.reviewer is None and app.existing_user is None
    assert User.objects.count() == users_before
    assert not User.objects.filter(username="txg-second-reviewer").exists()
    assert mail.outbox == []


def test_restore_reactivates_and_starts_the_grace_period(manager_client, django_capture_on_commit_callbacks):
    user = make_member("TW-TXG", username="txg-dormant", is_active=False)
    User.objects.filter(pk=user.pk).update(
        last_login=timezone.now() - timezone.timedelta(days=400),
        date_joined=timezone.now() - timezone.timedelta(days=500),
    )
    app = application("TW-TXG", change_type=AccountApplication.RESTORE, account_name="txg-dormant", perm_editor=False)
    approve(manager_client, app, django_capture_on_commit_callbacks)
    user.refresh_from_db()
    assert user.is_active and app.status == AccountApplication.APPROVED
    assert inactivity_reference_date(user) == timezone.localdate()


def _open_review(page):
    return UnitReviewTaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def test_suspend_deactivates_ends_sessions_keeps_pages_and_moves_the_review(
    manager_client, django_capture_on_commit_callbacks
):
    reviewer = make_member("TW-TXG", "unit_reviewer", username="txg-leaving")
    branch_reviewer = make_member("br-ccn", "unit_reviewer", account_role="wda_officer", username="ccn-reviewer")
    editor = make_member("TW-TXG", "editor", username="txg-editor")
    own_page = make_page("hot_news", unit_code="TW-TXG", owner=reviewer)
    draft = make_page("hot_news", unit_code="TW-TXG", publish=False)
    draft.save_revision(user=editor)
    draft.get_workflow().start(draft, editor)
    assert _open_review(draft).reviewer == reviewer

    signed_in = Client()
    signed_in.force_login(reviewer)
    assert signed_in.get("/admin/").status_code == 200
    assert any(s.get_decoded().get("_auth_user_id") == str(reviewer.pk) for s in Session.objects.all())

    app = application("TW-TXG", change_type=AccountApplication.SUSPEND, account_name="txg-leaving", perm_editor=False)
    approve(manager_client, app, django_capture_on_commit_callbacks)
    assert app.status == AccountApplication.APPROVED

    reviewer.refresh_from_db()
    assert not reviewer.is_active
    assert not any(s.get_decoded().get("_auth_user_id") == str(reviewer.pk) for s in Session.objects.all())
    response = signed_in.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # The manager's own session is untouched.
    assert manager_client.get("/admin/").status_code == 200

    # Nothing deleted: the account, its membership and its pages stay attributed; the unit's
    # only reviewer seat is released, and that is in the audit log.
    reviewer.membership.refresh_from_db()
    assert User.objects.filter(pk=reviewer.pk).exists() and reviewer.membership.unit.code == "TW-TXG"
    assert not reviewer.membership.is_unit_reviewer
    actions = set(ModelLogEntry.objects.filter(object_id=str(reviewer.pk)).values_list("action", flat=True))
    assert {"site45.account_suspended", "site45.role_revoked"} <= actions
    own_page.refresh_from_db()
    assert own_page.owner == reviewer
    # The open review moved to the next responsible reviewer.
    assert _open_review(draft).reviewer == branch_reviewer


def _lifecycle_entries(obj):
    return list(
        ModelLogEntry.objects.filter(object_id=str(obj.pk), action__startswith="site45.")
        .order_by("timestamp", "pk")
        .values_list("action", "user__username", "data")
    )


def test_each_step_of_a_new_account_is_in_the_audit_log(manager_client, django_capture_on_commit_callbacks):
    app = application("TW-TXG", account_name="txg-logged")
    approve(manager_client, app, django_capture_on_commit_callbacks)
    manager_client.post(url("complete", app.pk))
    steps = [
        (action, who) for action, who, _data in _lifecycle_entries(app) if action.startswith("site45.application_")
    ]
    assert steps == [
        ("site45.application_received", "ccn-manager"),
        ("site45.application_approved", "ccn-manager"),
        ("site45.application_completed", "ccn-manager"),
    ]
    user = User.objects.get(username="txg-logged")
    actions = [action for action, _who, _data in _lifecycle_entries(user)]
    assert actions[0] == "site45.membership_created"
    assert "site45.account_created" in actions and "site45.password_link_sent" in actions
    created = next(data for action, _who, data in _lifecycle_entries(user) if action == "site45.account_created")
    assert created["reason"] == f"依帳號申請（第 {app.pk} 號）開通"


def test_a_rejection_is_logged_with_its_reason(manager_client):
    app = application("TW-TXG", account_name="txg-refused")
    manager_client.post(url("receive", app.pk))
    manager_client.post(url("reject", app.pk), {"reason": "未經主管核定"})
    assert ("site45.application_rejected", "ccn-manager", {"reason": "未經主管核定"}) in _lifecycle_entries(app)


def test_after_a_reviewer_is_suspended_the_unit_can_seat_a_new_one(manager_client, django_capture_on_commit_callbacks):
    make_member("TW-TXG", "unit_reviewer", username="txg-old-reviewer")
    leave = application(
        "TW-TXG", change_type=AccountApplication.SUSPEND, account_name="txg-old-reviewer", perm_editor=False
    )
    approve(manager_client, leave, django_capture_on_commit_callbacks)
    new = application("TW-TXG", account_name="txg-new-reviewer", perm_reviewer=True, perm_editor=False)
    approve(manager_client, new, django_capture_on_commit_callbacks)
    assert new.status == AccountApplication.APPROVED
    assert User.objects.get(username="txg-new-reviewer").membership.is_unit_reviewer


def test_restore_asking_for_a_seat_taken_meanwhile_is_refused(manager_client, django_capture_on_commit_callbacks):
    make_member("TW-TXG", "unit_reviewer", username="txg-current-reviewer")
    old = make_member("TW-TXG", username="txg-former-reviewer", is_active=False)
    app = application(
        "TW-TXG",
        change_type=AccountApplication.RESTORE,
        account_name="txg-former-reviewer",
        perm_reviewer=True,
        perm_editor=True,
    )
    page = approve(manager_client, app, django_capture_on_commit_callbacks)
    assert "無法核准" in page and "已有單位審核人員（txg-current-reviewer）" in page
    old.refresh_from_db()
    assert not old.is_active and app.status == AccountApplication.RECEIVED


def test_restore_applies_the_permission_boxes(manager_client, django_capture_on_commit_callbacks):
    old = make_member("TW-TXG", username="txg-returning", is_active=False, departure_date=timezone.localdate())
    app = application(
        "TW-TXG",
        change_type=AccountApplication.RESTORE,
        account_name="txg-returning",
        perm_reviewer=True,
        perm_editor=False,
    )
    approve(manager_client, app, django_capture_on_commit_callbacks)
    old.refresh_from_db()
    old.membership.refresh_from_db()
    assert old.is_active and old.membership.is_unit_reviewer and not old.membership.is_editor
    assert old.membership.departure_date is None  # back at work: not suspended again as a leaver
    assert "site45.account_restored" in [a for a, _w, _d in _lifecycle_entries(old)]


def test_the_password_link_can_be_sent_again_until_the_password_is_set(
    manager_client, django_capture_on_commit_callbacks
):
    app = application("TW-TXG", account_name="txg-lost-link", user_email="lost@taichung.gov.tw")
    approve(manager_client, app, django_capture_on_commit_callbacks)
    assert "重新寄送設定密碼連結" in manager_client.get(url("inspect", app.pk)).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(url("resend_link", app.pk), follow=True)
    assert "已重新寄送設定密碼連結給使用者。" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["lost@taichung.gov.tw"]]
    assert "/password_reset/confirm/" in mail.outbox[0].body

    user = User.objects.get(username="txg-lost-link")
    user.set_password("Taichung-45plus-2026!")
    user.save()
    mail.outbox.clear()
    response = manager_client.post(url("resend_link", app.pk), follow=True)
    assert "只有已核准、尚未設定密碼的新增帳號可以重新寄送設定密碼連結。" in response.content.decode()
    assert mail.outbox == []
    assert "重新寄送設定密碼連結" not in manager_client.get(url("inspect", app.pk)).content.decode()


def test_another_branch_manager_cannot_resend_the_link(manager_client, django_capture_on_commit_callbacks):
    app = application("TW-TXG", account_name="txg-not-yours")
    approve(manager_client, app, django_capture_on_commit_callbacks)
    other = make_member("br-kpt", "account_manager", account_role="wda_supervisor", username="kpt-manager")
    client = Client()
    client.force_login(other)
    mail.outbox.clear()
    assert client.post(url("resend_link", app.pk)).status_code == 404
    assert mail.outbox == []
