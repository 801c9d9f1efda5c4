"""The enforced Content-Security-Policy breaks nothing, in Chromium.

Every page records each ``securitypolicyviolation`` event — a listener installed before any
script of the page runs, in every frame (the preview iframe too), reporting to Python at once
so navigations lose nothing — and every console message about the Content Security Policy
(a blocked frame ancestor is reported only there). The admin's editorial screens (dashboard,
a page listing, the page editor with its date picker, image and document chooser dialogs,
the live preview and the accessibility checks, the image and document listings, a report)
and the public home, an index, a content page, the search page and the application form must
work with none. The header must be the enforced one (not
report-only), so that "no violation" means the policy applied.
"""

import re

from .files import png
from .helpers import expect, open_own_section, sign_in, start_new_page

REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__site45CspViolation([e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber,
                               document.location.pathname].join(' | '));
});
"""


class Recorder:
    """The CSP violations and CSP console messages of every page of a browser context."""

    def __init__(self, context):
        self.found = []
        context.expose_binding("__site45CspViolation", lambda source, text: self.found.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("page", lambda page: page.on("console", self.on_console))

    def on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.found.append(f"console: {message.text[:300]}")


def recorded_page(new_context):
    context = new_context()
    recorder = Recorder(context)
    return context.new_page(), recorder


def assert_enforced(response):
    headers = response.headers
    assert "content-security-policy" in headers, headers
    policy = dict(d.strip().split(" ", 1) for d in headers["content-security-policy"].split(";"))
    assert policy["script-src"] == "'self'" and policy["object-src"] == "'none'", policy
    assert "content-security-policy-report-only" not in headers


INSERT_BLOCK = re.compile("^(Insert a block|插入區塊)$")


def settle(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)


def test_public_pages_load_with_no_csp_violation(new_context):
    page, recorder = recorded_page(new_context)
    assert_enforced(page.goto("/"))
    page.get_by_role("button", name="放大文字").click()  # site.js (text size) works
    assert page.evaluate("document.documentElement.dataset.fontSize") == "large"
    page.goto("/events/")
    settle(page)
    page.locator("main").get_by_role("link").filter(has_text=re.compile(".{6,}")).first.click()
    settle(page)
    page.goto("/search/?q=就業")
    settle(page)
    page.goto("/account-application/")
    settle(page)
    assert recorder.found == []


def event_page_of(unit_code):
    from site45.news.models import EventPage

    return EventPage.objects.filter(unit__code=unit_code).order_by("pk").first()


def hot_news_of(unit_code):
    from site45.news.models import HotNewsPage

    return HotNewsPage.objects.filter(unit__code=unit_code).order_by("pk").first()


def test_admin_editorial_screens_load_with_no_csp_violation(new_context):
    page, recorder = recorded_page(new_context)
    sign_in(page, "txg-editor-1")
    assert_enforced(page.goto("/admin/"))
    settle(page)
    open_own_section(page, "臺中市政府")
    settle(page)
    assert recorder.found == [], "dashboard and listing"

    # A new event: the date/time picker works without Wagtail's inline script.
    start_new_page(page, "活動訊息")
    settle(page)
    page.get_by_role("textbox", name=re.compile("^開始時間")).click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.keyboard.press("Escape")
    page.get_by_role("textbox", name=re.compile("^標題")).first.click()

    # The image chooser (with its upload tab) and the document chooser.
    page.get_by_role("button", name=INSERT_BLOCK).last.click()
    page.get_by_role("option", name="圖片", exact=True).click()
    page.get_by_role("button", name="選擇一個圖片").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("tab", name="上傳").click()
    dialog.get_by_role("tabpanel").locator("input[type=file]").set_input_files(files=[png("CSP")])
    settle(page)
    page.keyboard.press("Escape")
    page.get_by_role("button", name=INSERT_BLOCK).last.click()
    page.get_by_role("option", name="文件連結", exact=True).click()
    page.get_by_role("button", name="選擇一個文件").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    settle(page)
    page.keyboard.press("Escape")
    assert recorder.found == [], "page editor and choosers"

    # An existing page: the live preview (a same-origin iframe) and the accessibility checks.
    existing = event_page_of("TW-TXG")
    assert_enforced(page.goto(f"/admin/pages/{existing.pk}/edit/"))
    settle(page)
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_contain_text(existing.title[:10])
    page.locator("[data-side-panel-toggle='checks']").click()
    settle(page)
    page.wait_for_timeout(1000)  # axe-core runs in the background
    assert recorder.found == [], "editor with preview and checks"

    # A hot news page: its attachments InlinePanel (constructed by csp-init.js) adds a child form.
    news = hot_news_of("TW-TXG")
    page.goto(f"/admin/pages/{news.pk}/edit/")
    settle(page)
    count = """() => [...document.querySelectorAll("[id^='inline_child_attachments-']")]
        .filter((el) => /^inline_child_attachments-\\d+$/.test(el.id)).length"""
    before = page.evaluate(count)
    page.locator("#id_attachments-ADD").dispatch_event("click")  # (the open preview panel overlaps it)
    page.wait_for_function(f"() => ({count})() === {before + 1}")
    assert recorder.found == [], "inline panel"

    # Libraries and a report.
    for url in ("/admin/images/", "/admin/documents/", "/admin/pages/search/?q=就業", "/admin/reports/site-history/"):
        page.goto(url)
        settle(page)
    # The public site as a signed-in editor (our templates carry no Wagtail userbar).
    page.goto(existing.url)
    settle(page)
    assert recorder.found == [], "libraries, report and the public page"
