"""Sessions of the admin, through real requests: the idle timeout and what
counts as use, the 「繼續使用」 keep-alive, sessions that end with the browser, suspension
ending every session of an account, and one session per account (規定 五).

The idle clock is moved by setting the session's last-activity time in the user → session
table (``SignedInSession.last_activity_at``) directly, as a clock would.

Every test runs with both session engines the settings choose from (``cache_config.
session_engine``): ``db``, and ``cached_db``, production's with a shared cache (here over the
suite's cache), whose cached copies must die with the rows when the server ends a session.
"""

import datetime
import json
import re
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from site45.core.cache_config import CACHED_DB_SESSIONS, DB_SESSIONS
from site45.governance.accounts import lifecycle_log
from site45.governance.accounts.approval_effects import deactivate_account, end_sessions
from site45.signin.models import SignedInSession
from tests.factories import make_member

PASSWORD = "pw-for-tests-only-123"
ADMIN = "/admin/"
LOGIN = reverse("wagtailadmin_login")
STATUS = reverse("signin_session_status")


@pytest.fixture(autouse=True, params=[DB_SESSIONS, CACHED_DB_SESSIONS], ids=["db", "cached_db"])
def session_engine(request, settings):
    settings.SESSION_ENGINE = request.param
    yield request.param


def SessionStore(*args, **kwargs):
    return import_module(settings.SESSION_ENGINE).SessionStore(*args, **kwargs)


@pytest.fixture
def editor(site_tree):
    return make_member("TW-TXG", "editor", username="txg-editor")


def sign_in(user, address="10.0.0.1", **extra):
    """A browser at ``address`` that signed in through the real sign-in form."""
    browser = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=f"browser at {address}")
    response = browser.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": ADMIN, **extra})
    assert response.status_code == 302 and response["Location"] == ADMIN, response.content[:500]
    return browser


def row_of(browser):
    return SignedInSession.objects.get(session_id=browser.session.session_key)


def idle_for(browser, seconds):
    SignedInSession.objects.filter(session_id=browser.cookies[settings.SESSION_COOKIE_NAME].value).update(
        last_activity_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def is_signed_in(browser):
    response = browser.get(ADMIN)
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    return False


# --- idle timeout --------------------------------------------------------------------------------


def test_fourteen_idle_minutes_keep_the_session_and_restart_the_clock(editor):
    browser = sign_in(editor)
    idle_for(browser, 14 * 60)
    assert is_signed_in(browser)
    assert (timezone.now() - row_of(browser).last_activity_at).total_seconds() < 5


def test_use_within_half_a_minute_of_the_last_is_not_written_again(editor):
    browser = sign_in(editor)
    idle_for(browser, 10)
    before = row_of(browser).last_activity_at
    assert is_signed_in(browser)
    assert row_of(browser).last_activity_at == before  # 10 s: not written again
    idle_for(browser, 31)
    assert is_signed_in(browser)
    assert (timezone.now() - row_of(browser).last_activity_at).total_seconds() < 5


def test_fifteen_idle_minutes_sign_out_with_a_message_and_back_to_the_same_page(editor):
    browser = sign_in(editor)
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    idle_for(browser, 15 * 60 + 1)

    response = browser.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN) and "next=/admin/pages/" in response["Location"]
    assert not Session.objects.filter(session_key=key).exists()
    assert not SignedInSession.objects.filter(user=editor).exists()
    page = browser.get(response["Location"]).content.decode()
    assert "您已閒置超過 15 分鐘，為保護帳號安全已自動登出，請重新登入。" in page
    assert not is_signed_in(browser)


@pytest.mark.parametrize("public", ["/", "/search/"])
def test_the_timeout_also_applies_on_the_public_site_which_does_not_count_as_use(editor, public):
    browser = sign_in(editor)
    idle_for(browser, 10 * 60)
    browser.get(public)
    assert (timezone.now() - row_of(browser).last_activity_at).total_seconds() >= 10 * 60 - 5
    idle_for(browser, 16 * 60)
    browser.get(public)
    assert not SignedInSession.objects.filter(user=editor).exists()


def test_the_timeout_is_a_setting(editor, settings):
    settings.ADMIN_IDLE_TIMEOUT_SECONDS = 5 * 60
    browser = sign_in(editor)
    idle_for(browser, 4 * 60)
    assert is_signed_in(browser)
    idle_for(browser, 5 * 60 + 1)
    assert not is_signed_in(browser)


def test_background_requests_of_the_admin_do_not_count_as_use(editor):
    browser = sign_in(editor)
    idle_for(browser, 10 * 60)
    before = row_of(browser).last_activity_at

    # the warning script's status check
    assert browser.get(STATUS).json()["signed_in"] is True
    # Wagtail's editing-session ping (whatever its answer for this object)
    ping = reverse("wagtailadmin_editing_sessions:ping", args=["wagtailcore", "page", "1", 0])
    browser.post(ping)
    # Wagtail's autosave: a POST asking for JSON
    browser.post("/admin/pages/1/edit/", {}, HTTP_ACCEPT="application/json")

    assert row_of(browser).last_activity_at == before
    # ... and the timeout still comes
    idle_for(browser, 15 * 60 + 1)
    response = browser.get(STATUS)  # signed out: the admin sends the script to the sign-in page
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not is_signed_in(browser)


def test_status_tells_the_script_the_time_left(editor):
    browser = sign_in(editor)
    idle_for(browser, 14 * 60)
    state = browser.get(STATUS).json()
    assert state["signed_in"] is True
    assert 55 <= state["seconds_left"] <= 60
    assert state["timeout_seconds"] == 900 and state["warning_seconds"] == 60


def test_keep_alive_needs_csrf_and_restarts_the_clock(editor):
    browser = sign_in(editor)
    strict = Client(enforce_csrf_checks=True, REMOTE_ADDR="10.0.0.1")
    strict.cookies = browser.cookies
    idle_for(browser, 14 * 60 + 30)

    assert strict.post(STATUS).status_code == 403  # no token
    assert (timezone.now() - row_of(browser).last_activity_at).total_seconds() > 14 * 60

    page = strict.get(ADMIN).content.decode()  # a page of the admin carries the token
    token = json.loads(re.search(r'<script id="wagtail-config" type="application/json">(.*?)</script>', page).group(1))
    idle_for(browser, 14 * 60 + 30)
    response = strict.post(STATUS, HTTP_X_CSRFTOKEN=token["CSRF_TOKEN"])
    assert response.status_code == 200
    assert response.json()["seconds_left"] >= 895
    idle_for(browser, 14 * 60)  # an hour of work later, again near the limit: still signed in
    assert is_signed_in(browser)


def test_admin_pages_load_the_warning_script_without_inline_script(editor):
    browser = sign_in(editor)
    page = browser.get(ADMIN).content.decode()
    tag = re.search(r'<script src="([^"]*signin/idle-timeout\.js)" data-signin-idle="([^"]*)" defer></script>', page)
    assert tag, "the warning script is not on the page"
    config = json.loads(tag.group(2).replace("&quot;", '"'))
    assert config["timeoutSeconds"] == 900 and config["warningSeconds"] == 60
    assert config["statusUrl"] == STATUS
    assert config["texts"]["stay"] == "繼續使用"
    assert "%(seconds)s" in config["texts"]["body"]
    script = browser.get(tag.group(1))
    assert script.status_code == 200
    source = b"".join(script.streaming_content).decode()
    for needed in ("role", "alertdialog", "aria-modal", ".focus()", "'Escape'", "'Tab'"):
        assert needed in source


# --- browser close ---------------------------------------------------------------------------


@pytest.mark.parametrize("remember", [False, True])
def test_the_session_cookie_ends_with_the_browser_even_with_remember_me(editor, remember):
    browser = sign_in(editor, **({"remember": "on"} if remember else {}))
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]
    session = SessionStore(cookie.value)
    assert session.get_expire_at_browser_close()
    age = (Session.objects.get(session_key=cookie.value).expire_date - timezone.now()).total_seconds()
    assert age <= settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_the_sign_in_page_does_not_offer_remember_me(site_tree):
    page = Client().get(LOGIN).content.decode()
    css = re.search(r'<link rel="stylesheet" href="([^"]*signin/signin\.css)">', page)
    assert css
    source = b"".join(Client().get(css.group(1)).streaming_content).decode()
    assert "body.login .remember-me" in source and "display: none" in source


# --- suspension ends every session --------------------------------------------------------------


def stored_session_of(user):
    """A second, independent session of ``user`` (as a session from before the one-session
    rule, or on another server), in a second browser."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    browser = Client(REMOTE_ADDR="10.0.0.9")
    browser.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return browser


def test_suspending_ends_every_session_of_the_account_at_once(editor):
    other = make_member("TW-TXG", "editor", username="txg-other")
    first = sign_in(editor, "10.0.0.1")
    second = stored_session_of(editor)
    bystander = sign_in(other, "10.0.0.2")
    assert is_signed_in(first) and is_signed_in(second)
    assert SignedInSession.objects.filter(user=editor).count() == 2

    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer", username="sysadmin")
    assert deactivate_account(editor, admin, lifecycle_log.ACCOUNT_SUSPENDED_EX_OFFICIO, "test")

    assert not SignedInSession.objects.filter(user=editor).exists()
    assert not is_signed_in(first) and not is_signed_in(second)
    assert is_signed_in(bystander)


def test_turning_off_the_active_box_in_the_user_admin_ends_both_sessions(editor):
    first = sign_in(editor, "10.0.0.1")
    second = stored_session_of(editor)
    superuser = type(editor).objects.create_superuser("root", password=PASSWORD)
    admin = sign_in(superuser, "10.0.0.3")
    from tests.factories import edit_post, edit_url

    data = edit_post(editor)
    data.pop("is_active")
    assert admin.post(edit_url(editor), data).status_code == 302
    editor.refresh_from_db()
    assert not editor.is_active
    assert not is_signed_in(first) and not is_signed_in(second)


def test_ending_sessions_reads_the_index_not_every_session(editor):
    def cost():
        sign_in(editor)
        with CaptureQueriesContext(connection) as captured:
            assert end_sessions(editor) == 1
        return len(captured)

    few = cost()
    for n in range(30):
        stored_session_of(make_member("TW-TXG", "editor", username=f"crowd-{n}"))
    assert cost() == few <= 6


def test_the_index_follows_sessions_saved_and_deleted_any_way(editor):
    browser = stored_session_of(editor)
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert SignedInSession.objects.get(session_id=key).user_id == editor.pk
    Session.objects.filter(session_key=key).delete()  # e.g. clearsessions
    assert not SignedInSession.objects.filter(session_id=key).exists()

    signed_in = sign_in(editor)
    key = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    signed_in.post(reverse("wagtailadmin_logout"))
    assert not SignedInSession.objects.filter(session_id=key).exists()


# --- one session per account (規定 五) ----------------------------------------------------------


def test_a_second_sign_in_ends_the_first_and_is_logged_with_both_addresses(editor):
    first = sign_in(editor, "192.0.2.10")
    assert is_signed_in(first)
    second = sign_in(editor, "198.51.100.20")

    assert is_signed_in(second)
    assert not is_signed_in(first)
    (row,) = SignedInSession.objects.filter(user=editor)
    assert row.ip_address == "198.51.100.20" and row.user_agent == "browser at 198.51.100.20"

    (entry,) = ModelLogEntry.objects.filter(action=lifecycle_log.SESSION_DISPLACED, object_id=str(editor.pk))
    assert entry.user_id == editor.pk
    reason = entry.data["reason"]
    assert reason.startswith("同一帳號於另一處登入，先前的工作階段已結束")
    assert "192.0.2.10" in reason and "198.51.100.20" in reason
    assert entry.data["previous_addresses"] == ["192.0.2.10"] and entry.data["address"] == "198.51.100.20"


def test_signing_in_again_in_the_same_browser_or_as_someone_else_logs_nothing(editor):
    other = make_member("TW-TXG", "editor", username="txg-other")
    browser = sign_in(editor)
    browser.post(LOGIN, {"username": editor.username, "password": PASSWORD})
    bystander = sign_in(other, "10.0.0.2")
    assert is_signed_in(browser) and is_signed_in(bystander)
    assert not ModelLogEntry.objects.filter(action=lifecycle_log.SESSION_DISPLACED).exists()


def test_the_account_record_shows_the_displacement_to_the_account_manager(editor):
    sign_in(editor, "192.0.2.10")
    sign_in(editor, "198.51.100.20")
    manager = make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")
    reader = Client()
    reader.force_login(manager)
    page = reader.get(reverse("account_log")).content.decode()
    assert "同一帳號於另一處登入" in page and "198.51.100.20" in page


# --- signing out is real -----------------------------------------------------------

LOGOUT = reverse("wagtailadmin_logout")


def session_cookie_deleted(response):
    morsel = response.cookies.get(settings.SESSION_COOKIE_NAME)
    return morsel is not None and morsel.value == "" and str(morsel["max-age"]) == "0"


@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_a_get_of_the_sign_out_url_changes_nothing(editor, method):
    browser = sign_in(editor)
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    response = getattr(browser, method)(LOGOUT)
    assert response.status_code == 405 and "POST" in response["Allow"]
    # Never "cookie deleted but session alive": the cookie is kept, and it still signs in.
    assert not session_cookie_deleted(response)
    assert "messages" not in response.cookies  # no 「已登出」 for a sign-out that did not happen
    assert Session.objects.filter(session_key=key).exists()
    assert is_signed_in(browser)
    assert browser.cookies[settings.SESSION_COOKIE_NAME].value == key


def test_a_post_signs_out_on_the_server_too(editor):
    """Django's LogoutView contract: POST signs out and goes to the sign-in page."""
    browser = sign_in(editor)
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    response = browser.post(LOGOUT)
    assert response.status_code == 302 and LOGIN in response["Location"]
    assert session_cookie_deleted(response)
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, kept by an attacker
    assert not is_signed_in(replay)


def test_any_response_deleting_the_session_cookie_ends_the_session(editor, rf):
    """The guard behind the rule: whatever view deletes the cookie, the session ends with it."""
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from site45.signin.middleware import IdleTimeoutMiddleware

    browser = sign_in(editor)
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value

    def view_that_drops_the_cookie(request):
        response = HttpResponse("bye")
        response.delete_cookie(settings.SESSION_COOKIE_NAME)
        return response

    request = rf.get("/somewhere/")
    request.session = SessionStore(session_key=key)
    request.user = AnonymousUser()
    IdleTimeoutMiddleware(view_that_drops_the_cookie)(request)
    assert not Session.objects.filter(session_key=key).exists()
    assert not is_signed_in(browser)
