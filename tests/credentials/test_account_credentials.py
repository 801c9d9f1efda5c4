"""Changing one's own e-mail address and password, and password-reset requests, through the
real 帳號設定 page, the mailed link, the user admin and /admin/password_reset/. Mail is sent
after the change commits, so requests that mail run inside ``django_capture_on_commit_callbacks(execute=True)``."""

import re
import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from site45.credentials import log_actions
from site45.governance.models import Membership
from tests.factories import account_form, make_member
from tests.rate_limits import counted_from_zero

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-only-123"
ACCOUNT = reverse("wagtailadmin_account")
RESET = reverse("wagtailadmin_password_reset")
RESET_DONE = reverse("wagtailadmin_password_reset_done")
LINK = re.compile(r"http://[^/\s]*(/admin/account/email/confirm/[^/\s]+/)")


fresh_cache = pytest.fixture(autouse=True)(counted_from_zero)


@pytest.fixture
def editor(site_tree):
    user = make_member("TW-TXG", "editor", username="txg-editor")
    user.email, user.first_name, user.last_name = "old@taichung.gov.tw", "美玲", "陳"
    user.save()
    return user


@pytest.fixture
def browser(editor):
    client = Client()
    assert (
        client.post(reverse("wagtailadmin_login"), {"username": editor.username, "password": PASSWORD}).status_code
        == 302
    )
    return client


def ask_for(browser, user, new_email, password=PASSWORD):
    return browser.post(
        ACCOUNT, account_form(user, **{"email_change-new_email": new_email, "email_change-current_password": password})
    )


def actions_of(user, action):
    return ModelLogEntry.objects.filter(object_id=str(user.pk), action=action)


# --- the e-mail address --------------------------------------------------------------------------


def test_the_name_panel_no_longer_changes_the_address(browser, editor, mailoutbox):
    """Before: Wagtail's 「Name and Email」 field changed the address with no check at all."""
    page = browser.get(ACCOUNT).content.decode()
    assert 'name="name_email-email"' not in page and 'name="email_change-new_email"' in page
    assert "old@taichung.gov.tw" in page
    response = browser.post(ACCOUNT, account_form(editor, **{"name_email-email": "attacker@evil.example"}))
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.email == "old@taichung.gov.tw" and not mailoutbox


@pytest.mark.parametrize(
    "new_email, password, message",
    [
        ("new@taichung.gov.tw", "wrong-password-123", "目前的密碼不正確"),
        ("new@taichung.gov.tw", "", "目前的密碼不正確"),
        ("new@gmail.com", PASSWORD, "gov.tw 網域"),
        ("new@evilgov.tw", PASSWORD, "gov.tw 網域"),
        ("new@gov.tw.example.com", PASSWORD, "gov.tw 網域"),
        ("old@taichung.gov.tw", PASSWORD, "與目前的相同"),
        ("new\u2028x@taichung.gov.tw", PASSWORD, "電子信箱"),
    ],
)
def test_a_refused_request_changes_and_sends_nothing(
    browser, editor, mailoutbox, django_capture_on_commit_callbacks, new_email, password, message
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for(browser, editor, new_email, password)
    assert response.status_code == 200 and message in response.content.decode()
    editor.refresh_from_db()
    assert editor.email == "old@taichung.gov.tw"
    assert not mailoutbox and not actions_of(editor, log_actions.EMAIL_CHANGE_REQUESTED).exists()


def test_wrong_passwords_on_the_panel_are_limited(browser, editor):
    for _ in range(5):
        ask_for(browser, editor, "new@taichung.gov.tw", "wrong-password-123")
    # The sixth try is refused even with the right password until the window ends.
    assert "目前的密碼不正確" in ask_for(browser, editor, "new@taichung.gov.tw").content.decode()


def test_the_change_happens_only_through_the_link_sent_to_the_new_address(
    browser, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for(browser, editor, "New@Taichung.GOV.TW")
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.email == "old@taichung.gov.tw"  # nothing changed yet
    to_new, to_old = mailoutbox
    assert to_new.to == ["New@taichung.gov.tw"] and to_old.to == ["old@taichung.gov.tw"]
    assert "New@taichung.gov.tw" in to_old.body and LINK.search(to_old.body) is None
    link = LINK.search(to_new.body).group(1)
    assert actions_of(editor, log_actions.EMAIL_CHANGE_REQUESTED).count() == 1

    page = browser.get(link)  # a mail scanner's fetch changes nothing
    assert page.status_code == 200 and "確認變更" in page.content.decode()
    editor.refresh_from_db()
    assert editor.email == "old@taichung.gov.tw"

    with django_capture_on_commit_callbacks(execute=True):
        done = browser.post(link)
    assert done.status_code == 302 and done["Location"] == ACCOUNT
    editor.refresh_from_db()
    assert editor.email == "New@taichung.gov.tw"
    assert mailoutbox[-1].to == ["old@taichung.gov.tw"] and "電子信箱已變更" in mailoutbox[-1].subject
    entry = actions_of(editor, log_actions.EMAIL_CHANGED).get()
    assert entry.user_id == editor.pk and "old@" not in str(entry.data)

    again = browser.post(link)  # a link works once
    assert again.status_code == 400 and "已使用過或已失效" in again.content.decode()


def test_the_link_is_only_for_the_account_that_asked_and_expires(
    browser, editor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_for(browser, editor, "new@taichung.gov.tw")
    link = LINK.search(mailoutbox[0].body).group(1)

    other = make_member("TW-TXG", "editor", username="txg-colleague")
    stranger = Client()
    stranger.force_login(other)
    refused = stranger.post(link)
    assert refused.status_code == 400 and "不是給目前登入的帳號" in refused.content.decode()
    assert Client().post(link)["Location"].startswith(reverse("wagtailadmin_login"))  # signed out: sign in first

    browser = Client()
    browser.force_login(editor)
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 24 * 3600 + 5):
        expired = browser.post(link)
    assert expired.status_code == 400 and "已逾期" in expired.content.decode()
    assert browser.post(link[:-5] + "xxxx/").status_code == 400  # tampered
    editor.refresh_from_db()
    assert editor.email == "old@taichung.gov.tw"


def test_an_admin_changing_someones_address_is_logged_and_the_old_address_told(
    editor, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import edit_post, edit_url

    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    client = Client()
    client.force_login(admin)
    assert Membership.objects.filter(user=editor).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(editor), edit_post(editor, email="moved@taichung.gov.tw", first_name="美玲", last_name="陳")
        )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.email == "moved@taichung.gov.tw"
    entry = actions_of(editor, log_actions.EMAIL_CHANGED).get()
    assert entry.user_id == admin.pk and "管理者" in entry.data["reason"]
    assert mailoutbox[-1].to == ["old@taichung.gov.tw"] and "moved@taichung.gov.tw" in mailoutbox[-1].body


# --- the password ----------------------------------------------------------------------------------


def test_a_password_change_is_in_the_account_record_and_mailed(
    browser, editor, mailoutbox, django_capture_on_commit_callbacks
):
    new = "Fresh-pass-Pingtung-5"
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            ACCOUNT,
            account_form(
                editor,
                **{"password-old_password": PASSWORD, "password-new_password1": new, "password-new_password2": new},
            ),
        )
    assert response.status_code == 302
    entry = actions_of(editor, log_actions.PASSWORD_CHANGED).get()
    assert entry.user_id == editor.pk and "自己的密碼" in entry.data["reason"]
    assert [m.to for m in mailoutbox] == [["old@taichung.gov.tw"]] and "密碼已變更" in mailoutbox[0].subject
    assert new not in mailoutbox[0].body

    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    record = Client()
    record.force_login(admin)
    page = record.get(reverse("account_log")).content.decode()
    assert "變更密碼" in page and "使用者變更自己的密碼" in page


# --- password-reset requests -----------------------------------------------------------------------


def reset_from(address, email):
    return Client(REMOTE_ADDR=address).post(RESET, {"email": email})


def test_password_reset_requests_are_limited_per_account_with_the_same_answer(editor, mailoutbox, settings):
    settings.PASSWORD_RESET_ACCOUNT_RATE_LIMIT = 3
    answers = [reset_from(f"10.0.0.{i}", "old@taichung.gov.tw") for i in range(1, 5)]
    assert len(mailoutbox) == 3  # the limit, then nothing more
    unknown = reset_from("10.0.0.9", "nobody@taichung.gov.tw")
    for response in [*answers, unknown]:
        assert response.status_code == 302 and response["Location"] == RESET_DONE


def test_password_reset_requests_are_limited_per_address_with_the_same_answer(editor, site_tree, mailoutbox, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 3
    others = [make_member("TW-TXG", "editor", username=f"txg-{i}") for i in range(4)]
    for i, user in enumerate(others):
        user.email = f"user{i}@taichung.gov.tw"
        user.save()
    answers = [reset_from("10.9.9.9", user.email) for user in others]
    assert len(mailoutbox) == 3
    assert all(r.status_code == 302 and r["Location"] == RESET_DONE for r in answers)
    assert reset_from("10.9.9.10", others[3].email).status_code == 302 and len(mailoutbox) == 4
