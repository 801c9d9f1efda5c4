"""Effects of approval (issue 4 item 6), through the admin's 「核准」 POST as the br-ccn manager.

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
from wagtail.models import TaskState

from site45.governance.account_effects import inactivity_reference_date
from site45.governance.applications import AccountApplication
from site45.governance.review_task import UnitReviewTaskState
from site45.governance.workflow_setup import install_unit_review_workflow
from tests.factories import make_page
from tests.governance_factories import make_member
from tests.test_applications import application, url

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
        manager_client, django_capture_on_commit_callbacks):
    app = application("TW-TXG", account_name="txg-hua", account_role="county_officer",
                      perm_editor=True, perm_reviewer=True, user_email="hua@taichung.gov.tw",
                      contact_email="window@taichung.gov.tw")
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
    response = visitor.post(response["Location"], {"new_password1": "Taichung-45plus-2026!",
                                                   "new_password2": "Taichung-45plus-2026!"})
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
        manager_client, django_capture_on_commit_callbacks):
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
        date_joined=timezone.now() - timezone.timedelta(days=500))
    app = application("TW-TXG", change_type=AccountApplication.RESTORE, account_name="txg-dormant",
                      perm_editor=False)
    approve(manager_client, app, django_capture_on_commit_callbacks)
    user.refresh_from_db()
    assert user.is_active and app.status == AccountApplication.APPROVED
    assert inactivity_reference_date(user) == timezone.localdate()


def _open_review(page):
    return UnitReviewTaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def test_suspend_deactivates_ends_sessions_keeps_pages_and_moves_the_review(
        manager_client, django_capture_on_commit_callbacks):
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

    app = application("TW-TXG", change_type=AccountApplication.SUSPEND, account_name="txg-leaving",
                      perm_editor=False)
    approve(manager_client, app, django_capture_on_commit_callbacks)
    assert app.status == AccountApplication.APPROVED

    reviewer.refresh_from_db()
    assert not reviewer.is_active
    assert not any(s.get_decoded().get("_auth_user_id") == str(reviewer.pk) for s in Session.objects.all())
    response = signed_in.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # The manager's own session is untouched.
    assert manager_client.get("/admin/").status_code == 200

    # Nothing deleted: the account, its membership and its pages stay attributed.
    assert User.objects.filter(pk=reviewer.pk).exists() and reviewer.membership.is_unit_reviewer
    own_page.refresh_from_db()
    assert own_page.owner == reviewer
    # The open review moved to the next responsible reviewer.
    assert _open_review(draft).reviewer == branch_reviewer
