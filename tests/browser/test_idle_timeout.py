"""The admin's idle timeout as a person meets it, in Chromium.

The server signs a session out after ``ADMIN_IDLE_TIMEOUT_SECONDS`` without use
(``site45/signin``); the page warns before that with a dialog whose 「繼續使用」 takes the
focus, so Enter alone keeps the session. Left alone, the page goes to the sign-in page, which
says why. The timeout is its minimum (60 s, the warning 30 s before).

Nobody waits the minutes out: both clocks are moved. The browser's with Playwright's clock
(the page's timers fire as if the time had passed), the server's by moving the session's last
use back by as much (``SignedInSession.last_activity_at``, what the server reads; the test
database has no shared cache for the idle clock). Every answer still comes from the real
server code: the status the page asks for, the 「繼續使用」 POST, the sign-out.
"""

import datetime
import re

import pytest
from django.db.models import F

from site45.signin.models import SignedInSession

from .helpers import expect, sign_in

TIMEOUT = 60
WARNING = 30
USER = "txg-editor-1"


@pytest.fixture
def short_idle_timeout(settings):
    settings.ADMIN_IDLE_TIMEOUT_SECONDS = TIMEOUT
    settings.ADMIN_IDLE_WARNING_SECONDS = WARNING


def time_passes(page, seconds):
    """``seconds`` without use, for the server and then for the page's timers."""
    SignedInSession.objects.filter(user__username=USER).update(
        last_activity_at=F("last_activity_at") - datetime.timedelta(seconds=seconds)
    )
    page.clock.fast_forward(seconds * 1000)


def test_the_admin_warns_before_signing_out_and_enter_keeps_the_session(short_idle_timeout, page):
    page.clock.install()
    sign_in(page, USER)
    page.wait_for_load_state("networkidle")
    warning = page.get_by_role("alertdialog", name="即將自動登出")
    expect(warning).to_have_count(0)

    time_passes(page, TIMEOUT - WARNING + 1)
    expect(warning).to_be_visible()
    stay = warning.get_by_role("button", name="繼續使用")
    expect(stay).to_be_focused()
    expect(warning).to_contain_text("秒後自動登出")
    with page.expect_response(re.compile(r"/admin/signin/session/$")) as kept:
        page.keyboard.press("Enter")
    assert kept.value.ok
    expect(warning).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Left alone this time: the warning comes back, then the sign-in page says why.
    time_passes(page, TIMEOUT - WARNING + 1)
    expect(warning).to_be_visible()
    time_passes(page, WARNING)
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    expect(page.get_by_text(re.compile("為保護帳號安全已自動登出"))).to_be_visible()
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))  # the server ended it, not only the page
