"""Lockout of the admin sign-in, through the real /admin/login/ POST with
django-axes switched on: 5 failures lock the account name and throttle the address for 15
minutes, the locked page says when to try again and whom to ask (and nothing about whether the
account exists), account managers lift locks in their routing scope, and every attempt is in
the 登入紀錄 report.

The clock is moved by setting the time of the stored failures (``AccessAttempt.attempt_time``)
back, as a clock would.
"""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from site45.governance.accounts import lifecycle_log
from site45.governance.privacy.personal_data import mask_name
from tests.factories import make_member

PASSWORD = "pw-for-tests-only-123"
ADMIN = "/admin/"
LOGIN = reverse("wagtailadmin_login")
LOCKOUTS = reverse("signin_lockouts")
UNLOCK = reverse("signin_unlock")
SIGNIN_LOG = reverse("signin_log")
LOCKED_TEXT = "登入失敗次數已達 5 次"


@pytest.fixture(autouse=True)
def axes_on(settings):
    """The suite runs with axes off (site45/settings/test.py); these tests run it as in production."""
    settings.AXES_ENABLED = True


@pytest.fixture
def editor(site_tree):
    return make_member("TW-TXG", "editor", username="txg-editor")


def attempt(username, password, address="10.0.0.1"):
    browser = Client(REMOTE_ADDR=address)
    response = browser.post(LOGIN, {"username": username, "password": password, "next": ADMIN})
    return browser, response


def fail(username, times, address="10.0.0.1"):
    return [attempt(username, "wrong-password", address)[1] for _ in range(times)]


def signs_in(username, address="10.0.0.1"):
    browser, response = attempt(username, PASSWORD, address)
    if response.status_code == 302:
        assert browser.get(ADMIN).status_code == 200
        return True
    assert response.status_code == 429 and LOCKED_TEXT in response.content.decode()
    assert browser.get(ADMIN).status_code == 302  # not signed in
    return False


def rewind(minutes):
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=minutes))


def test_production_wires_axes_into_the_sign_in():
    from site45.settings import base

    assert getattr(base, "AXES_ENABLED", True) is True
    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert base.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert base.AXES_FAILURE_LIMIT == 5 and base.AXES_COOLOFF_TIME >= datetime.timedelta(minutes=15)


def test_four_failures_do_not_lock(editor):
    for response in fail("txg-editor", 4):
        assert response.status_code == 200 and LOCKED_TEXT not in response.content.decode()
    assert signs_in("txg-editor")


def test_the_fifth_failure_locks_and_the_sixth_attempt_with_the_right_password_is_refused(editor):
    *first, fifth = fail("txg-editor", 5)
    assert all(r.status_code == 200 for r in first)
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert LOCKED_TEXT in page and "15 分鐘" in page
    until = timezone.localtime(timezone.now() + datetime.timedelta(minutes=15))
    assert until.strftime("%Y-%m-%d %H:") in page  # when to try again
    assert "帳號申請管理者" in page and "系統管理者" in page  # whom to ask
    assert 'role="alert"' in page
    assert not signs_in("txg-editor")
    (entry,) = ModelLogEntry.objects.filter(action=lifecycle_log.ACCOUNT_LOCKED_OUT, object_id=str(editor.pk))
    assert "10.0.0.1" in entry.data["reason"]


def test_the_lock_is_per_account_from_any_address_and_case_does_not_matter(editor):
    fail("txg-editor", 2, "10.0.0.1")
    fail("TXG-Editor", 2, "10.0.0.2")
    fail(" txg-editor", 1, "10.0.0.3")
    assert not signs_in("txg-editor", "10.0.0.4")


def test_the_lock_lasts_at_least_fifteen_minutes(editor):
    fail("txg-editor", 5)
    rewind(14)
    assert not signs_in("txg-editor")  # and this refused attempt starts the 15 minutes again
    rewind(14)
    assert not signs_in("txg-editor")
    rewind(16)
    assert signs_in("txg-editor")


def test_the_locked_page_does_not_tell_whether_the_account_exists(editor):
    real = fail("txg-editor", 5, "10.0.0.1")[-1]
    made_up = fail("nobody-by-this-name", 5, "10.0.0.2")[-1]
    assert real.status_code == made_up.status_code == 429

    def text(response):
        page = response.content.decode()
        return page[page.index("<main") : page.index("</main>")]

    assert text(real) == text(made_up)


def test_five_failures_from_one_address_throttle_it_for_every_account(editor):
    other = make_member("TW-TXG", "editor", username="txg-other")
    for n in range(5):
        attempt(f"guess-{n}", "wrong-password", "203.0.113.7")
    assert not signs_in(other.username, "203.0.113.7")
    assert signs_in(other.username, "198.51.100.1")  # the account itself is not locked


def test_the_suite_runs_axes_off_so_client_login_works(editor, client, settings):
    """Axes' backend refuses ``authenticate()`` without a request (``Client.login`` makes one
    without); the suite therefore runs with ``AXES_ENABLED = False`` (site45/settings/test.py),
    as axes documents for tests, and these tests switch it on."""
    from axes.exceptions import AxesBackendRequestParameterRequired

    with pytest.raises(AxesBackendRequestParameterRequired):
        client.login(username="txg-editor", password=PASSWORD)
    settings.AXES_ENABLED = False
    assert client.login(username="txg-editor", password=PASSWORD)
    assert client.get(ADMIN).status_code == 200


# --- unlocking -------------------------------------------------------------------------------------


@pytest.fixture
def managers(site_tree):
    return {
        "ccn": make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager"),
        "kpt": make_member("br-kpt", "account_manager", account_role="wda_supervisor", username="kpt-manager"),
    }


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


def test_a_manager_in_scope_sees_and_lifts_the_lock(editor, managers):
    editor.first_name, editor.last_name = "小華", "陳"
    editor.save(update_fields=["first_name", "last_name"])
    fail("txg-editor", 5)
    ccn = signed_in(managers["ccn"])
    page = ccn.get(LOCKOUTS).content.decode()
    assert "txg-editor" in page and "解除鎖定" in page
    # as on lists: masked, the family name first (陳○華)
    assert mask_name("陳小華") in page and "陳小華" not in page and "小華 陳" not in page

    response = ccn.post(UNLOCK, {"username": "txg-editor"})
    assert response.status_code == 302
    assert "已解除「txg-editor」的登入鎖定。" in ccn.get(response["Location"]).content.decode()
    assert signs_in("txg-editor")
    (entry,) = ModelLogEntry.objects.filter(action=lifecycle_log.ACCOUNT_UNLOCKED, object_id=str(editor.pk))
    assert entry.user_id == managers["ccn"].pk
    assert "txg-editor" not in ccn.get(LOCKOUTS).content.decode()


def test_a_manager_out_of_scope_neither_sees_nor_lifts_the_lock(editor, managers):
    fail("txg-editor", 5)
    kpt = signed_in(managers["kpt"])
    assert "txg-editor" not in kpt.get(LOCKOUTS).content.decode()
    assert kpt.post(UNLOCK, {"username": "txg-editor"}).status_code == 404  # not even whether it exists
    assert kpt.post(UNLOCK, {"username": "nobody-by-this-name"}).status_code == 404
    assert kpt.post(UNLOCK, {"ip_address": "10.0.0.1"}).status_code == 404  # addresses: system admin only
    assert not signs_in("txg-editor")
    assert not ModelLogEntry.objects.filter(action=lifecycle_log.ACCOUNT_UNLOCKED).exists()


def refused(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == ADMIN)


def test_users_who_are_not_account_managers_get_no_lockout_page(editor):
    fail("txg-editor", 5)
    other = make_member("TW-TXG", "editor", "unit_reviewer", username="txg-reviewer")
    browser = signed_in(other)
    assert refused(browser.get(LOCKOUTS))
    assert refused(browser.post(UNLOCK, {"username": "txg-editor"}))
    assert LOCKOUTS not in browser.get(ADMIN).content.decode()
    assert not signs_in("txg-editor")


def test_the_system_admin_lifts_account_and_address_locks(editor, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    fail("nobody-by-this-name", 5, "203.0.113.9")
    browser = signed_in(root)
    page = browser.get(LOCKOUTS).content.decode()
    assert "nobody-by-this-name" in page and "203.0.113.9" in page

    assert browser.post(UNLOCK, {"ip_address": "203.0.113.9"}).status_code == 302
    assert signs_in("txg-editor", "203.0.113.9")
    assert browser.post(UNLOCK, {"username": ""}).status_code == 302  # nothing chosen: a message, no error
    response = browser.post(UNLOCK, {"ip_address": "not-an-address"}, follow=True)
    assert response.status_code == 200 and "不是有效的網路位址" in response.content.decode()


def test_the_lockout_list_is_not_a_get_action(editor, managers):
    fail("txg-editor", 5)
    ccn = signed_in(managers["ccn"])
    assert ccn.get(UNLOCK + "?username=txg-editor").status_code == 405
    assert not signs_in("txg-editor")


# --- every attempt is logged ---------------------------------------------------------------------


def test_every_failed_and_successful_sign_in_is_logged_with_time_account_and_address(editor, django_user_model):
    before = timezone.now()
    fail("txg-editor", 2, "192.0.2.1")
    assert signs_in("txg-editor", "192.0.2.2")

    failures = AccessFailureLog.objects.filter(username="txg-editor").order_by("attempt_time")
    assert [f.ip_address for f in failures] == ["192.0.2.1", "192.0.2.1"]
    assert all(f.attempt_time >= before for f in failures)
    (success,) = AccessLog.objects.filter(username="txg-editor")
    assert success.ip_address == "192.0.2.2" and success.attempt_time >= before
    for row in (*failures, success):  # the password is never stored
        assert PASSWORD not in (getattr(row, "post_data", "") or "")
    assert "wrong-password" not in "".join(AccessAttempt.objects.values_list("post_data", flat=True))

    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    browser = signed_in(root)
    page = browser.get(SIGNIN_LOG).content.decode()
    assert page.count("192.0.2.1") == 2 and "192.0.2.2" in page
    only_failures = browser.get(SIGNIN_LOG + "?result=failure").content.decode()
    assert "192.0.2.1" in only_failures and "192.0.2.2" not in only_failures
    only_successes = browser.get(SIGNIN_LOG + "?result=success&username=TXG-EDITOR").content.decode()
    assert "192.0.2.2" in only_successes and "192.0.2.1" not in only_successes
    by_address = browser.get(SIGNIN_LOG + "?ip_address=192.0.2.1").content.decode()
    assert "192.0.2.1" in by_address and "192.0.2.2" not in by_address

    export = browser.get(SIGNIN_LOG + "?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode("utf-8-sig") if export.streaming else export.content.decode()
    assert "txg-editor" in body and "192.0.2.2" in body and "失敗" in body and "成功" in body
    assert timezone.localtime(success.attempt_time).strftime("%Y-%m-%d %H:%M") in body  # Taipei time


def test_only_the_system_admin_reads_the_sign_in_log(editor, managers):
    assert refused(signed_in(managers["ccn"]).get(SIGNIN_LOG))
    assert refused(signed_in(editor).get(SIGNIN_LOG))
    assert reverse("signin_log") not in signed_in(managers["ccn"]).get(ADMIN).content.decode()


def test_bad_filter_values_are_a_form_error_not_a_server_error(editor, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    browser = signed_in(root)
    response = browser.get(SIGNIN_LOG + "?result=maybe&attempt_time_after=yesterday")
    assert response.status_code == 200


def test_the_address_behind_our_own_proxy_is_the_one_counted(editor, settings):
    settings.RATE_LIMIT_TRUSTED_PROXIES = 1
    for _ in range(5):
        Client(REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="203.0.113.50").post(
            LOGIN, {"username": "guess", "password": "x"}
        )
    assert set(AccessFailureLog.objects.values_list("ip_address", flat=True)) == {"203.0.113.50"}
    assert django_settings.AXES_CLIENT_IP_CALLABLE == "site45.signin.lockout.client_ip"
