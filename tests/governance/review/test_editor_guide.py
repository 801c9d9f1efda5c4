"""「編輯操作說明」 in the admin's 說明 menu: in zh-Hant, for everyone who works in the admin, with
the pictures the browser tests take (SPEC §5)."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from site45.governance.review.editor_guide import GUIDE_SCREENSHOTS, SCREENSHOT_DIR
from tests.factories import member

BROWSER_TESTS = Path(settings.BASE_DIR) / "tests" / "browser"
GUIDE_URL = "/admin/guide/"


def sidebar_menu(html):
    """The sidebar's menu, as Wagtail hands it to its JavaScript (JSON in a script element)."""
    props = BeautifulSoup(html, "html.parser").find(id="wagtail-sidebar-props")
    return json.dumps(json.loads(props.string), ensure_ascii=False)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "unit_code, role",
    [("TW-TXG", "editor"), ("TW-TXG", "unit_reviewer"), ("br-kpt", "account_manager")],
)
def test_the_guide_is_in_the_help_menu_in_zh_hant(review_site, unit_code, role):
    client = signed_in(member(unit_code, role))
    sidebar = sidebar_menu(client.get("/admin/").content)
    assert "編輯操作說明" in sidebar and GUIDE_URL in sidebar
    assert "wagtail.org" not in sidebar  # Wagtail's English help links are gone

    response = client.get(GUIDE_URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [" ".join(h.get_text().split()) for h in soup.select("main h2.w-h2")]
    assert headings == ["1. 新增稿件", "2. 儲存草稿與送審", "3. 修改退回的稿件", "4. 審核人員：核准或退回"]
    assert soup.find(string=re.compile("核准並發布")) is not None


def test_every_picture_is_one_the_browser_tests_take_and_is_there(review_site):
    html = signed_in(member("TW-TXG", "editor")).get(GUIDE_URL).content.decode()
    pictures = [img["src"] for img in BeautifulSoup(html, "html.parser").select("main img")]
    assert len(pictures) == len(GUIDE_SCREENSHOTS)
    taken = set()
    for source in BROWSER_TESTS.glob("test_*.py"):
        taken |= set(re.findall(r'screenshot\(\s*\w+,\s*"([a-z0-9-]+)"', source.read_text()))
    for name in GUIDE_SCREENSHOTS:
        assert name in taken, f"no browser test takes the screenshot {name!r} the guide shows"
        assert any(src.endswith(f"/{SCREENSHOT_DIR}/{name}.png") for src in pictures)
        assert finders.find(f"{SCREENSHOT_DIR}/{name}.png"), f"{name}.png is missing: run the browser tests"
    for img in BeautifulSoup(html, "html.parser").select("main img"):
        assert re.search(r"[\u4e00-\u9fff]", img["alt"])  # every picture described in Chinese


def test_the_guide_needs_a_signed_in_user(review_site):
    response = Client().get(GUIDE_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
