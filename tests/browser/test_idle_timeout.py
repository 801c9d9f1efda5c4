"""The admin's idle timeout as a person meets it, in Chromium.

The server signs a session out after ``ADMIN_IDLE_TIMEOUT_SECONDS`` without use
(``site45/signin``); the page warns before that with a dialog whose 「繼續使用」 takes the
focus, so Enter alone keeps the session. Left alone, the page goes to the sign-in page, which
says why. The timeout is shortened to its minimum (60 s, the warning 30 s before) for the test.
"""

import re

import pytest

from .helpers import expect, sign_in

TIMEOUT = 60
WARNING = 30


@pytest.fixture
def short_idle_timeout(settings):
    settings.ADMIN_IDLE_TIMEOUT_SECONDS = TIMEOUT
    settings.ADMIN_IDLE_WARNING_SECONDS = WARNING


def test_the_admin_warns_before_signing_out_and_enter_keeps_the_session(short_idle_timeout, page):
    sign_in(page, "txg-editor-1")
    warning = page.get_by_role("alertdialog", name="即將自動登出")

    expect(warning).to_be_visible(timeout=(TIMEOUT - WARNING + 15) * 1000)
    stay = warning.get_by_role("button", name="繼續使用")
    expect(stay).to_be_focused()
    expect(warning).to_contain_text("秒後自動登出")
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    # Left alone this time: the warning comes back, then the sign-in page says why.
    expect(warning).to_be_visible(timeout=(TIMEOUT - WARNING + 15) * 1000)
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="), timeout=(WARNING + 15) * 1000)
    expect(page.get_by_text(re.compile("為保護帳號安全已自動登出"))).to_be_visible()
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))  # the server ended it, not only the page
