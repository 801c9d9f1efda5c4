"""What a person does in the browser, as small steps the tests share.

Selectors are roles and labels (what a screen-reader user hears), in the zh-Hant admin the
editors use. Playwright is imported lazily so that collecting these tests never fails on a
machine without it (conftest.py reports what is missing).
"""

import re

from .conftest import DEMO_PASSWORD


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def exactly(text):
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def textbox(scope, label):
    """The text field labelled ``label`` (a required field's label ends in "*")."""
    return scope.get_by_role("textbox", name=exactly(label))


# --- the Wagtail admin ----------------------------------------------------------------------------


def sign_in(page, username, password=DEMO_PASSWORD):
    page.goto("/admin/login/")
    page.get_by_label("使用者名稱").fill(username)
    page.get_by_label(re.compile(r"^\s*(密碼|Password)")).fill(password)
    page.get_by_role("button", name=re.compile("^(登錄|登入)$")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def open_own_section(page, section_title):
    """From the dashboard: 頁面 opens the explorer on the member's own section; its title leads
    to the section's listing."""
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="頁面").click()
    sidebar.get_by_role("link", name=re.compile(rf"^{re.escape(section_title)}")).first.click()
    expect(page.get_by_role("link", name="新增子頁面")).to_be_visible()


def start_new_page(page, type_label):
    """新增子頁面 → the content type (e.g. 活動訊息): the page editor opens."""
    page.get_by_role("link", name="新增子頁面").click()
    page.get_by_role("link", name=type_label, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/pages/add/"))


def settle_autosave(page):
    """Let Wagtail 8's autosave finish before a button submits the form.

    Autosave posts the form in the background 500 ms after the last change; on a new page its
    first save *creates* the page and turns the form into the edit form. A submission sent
    while such a save is in flight would create the page a second time ("slug in use"), so
    wait as a person would: past the interval, until nothing is being saved.
    """
    form = page.locator("form[data-controller~='w-autosave']")
    interval = int(form.get_attribute("data-w-autosave-interval-value") or 500)
    page.wait_for_timeout(interval + 400)
    page.wait_for_function(
        """() => {
            const el = document.getElementById('w-autosave-indicator');
            return !el || el.getAttribute('data-w-autosave-state-value') !== 'saving';
        }"""
    )


def next_step(page, name):
    """The footer's primary buttons: shown without opening any menu (the next step is never hidden)."""
    button = page.locator("footer").get_by_role("button", name=exactly(name))
    expect(button).to_be_visible()
    return button


def choose_upload(page, chooser_button, file, title):
    """Open a chooser (image or document), upload ``file`` in its 上傳 tab; the chooser closes."""
    chooser_button.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="上傳").click()
    dialog.get_by_role("tabpanel").locator("input[type=file]").set_input_files(files=[file])
    textbox(dialog, "標題").fill(title)
    dialog.get_by_role("button", name="上傳").click()
    expect(dialog).to_be_hidden()


def add_block(page, block_label):
    """Insert a block at the end of the body StreamField."""
    page.get_by_role("button", name="插入區塊").last.click()
    page.get_by_role("option", name=block_label, exact=True).click()


def review_queue(page):
    """The dashboard panel 「等待您審核的稿件」."""
    return page.get_by_role("region", name="等待您審核的稿件")


# --- the public site ------------------------------------------------------------------------------

FOCUS_STATE_JS = """
(el) => {
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const outlineWidth = parseFloat(cs.outlineWidth) || 0;
  const outlineOffset = parseFloat(cs.outlineOffset) || 0;
  const hasOutline = cs.outlineStyle !== 'none' && outlineWidth > 0;
  // How far the ring reaches past the border box; a clipping ancestor must leave room for it.
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const spread = shadow ? Math.max(0, ...(cs.boxShadow.match(/-?[\\d.]+px/g) || []).map(parseFloat)) : 0;
  // (The outline is the ring that must show whole; a wide halo may be cut at its edge.)
  const reach = Math.max(0, hasOutline ? outlineWidth + outlineOffset : Math.min(spread, 3));
  let clippedBy = null;
  for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
    const acs = getComputedStyle(a);
    if (acs.overflowX === 'visible' && acs.overflowY === 'visible') continue;
    const ar = a.getBoundingClientRect();
    if (r.left - reach < ar.left - 0.5 || r.top - reach < ar.top - 0.5 ||
        r.right + reach > ar.right + 0.5 || r.bottom + reach > ar.bottom + 0.5) {
      clippedBy = a.tagName.toLowerCase() + (a.className ? '.' + String(a.className).split(' ').join('.') : '');
      break;
    }
  }
  return {
    style: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow, cs.backgroundColor,
            cs.color, cs.textDecorationLine].join(' | '),
    ring: hasOutline || shadow,
    clippedBy,
    onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
              r.top < window.innerHeight && r.left < window.innerWidth,
    focusVisible: el.matches(':focus-visible'),
  };
}
"""

DESCRIBE_JS = """
(el) => {
  const label = el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('title') || '';
  return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + label.trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
}
"""


def focused(page):
    return page.locator("*:focus")


def tab_to(page, locator, max_steps=80):
    """Press Tab until ``locator`` has the focus (fails if it never does)."""
    target = locator.element_handle()
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        if page.evaluate("(t) => document.activeElement === t", target):
            return
    raise AssertionError(f"Tab never reached {locator} in {max_steps} steps")


def tab_walk(page, max_steps=300):
    """Tab through the whole page from the top; for each stop, its description and focus state.

    Each stop is marked ``data-tab-stop="n"`` so that its unfocused look can be read afterwards.
    """
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops = []
    first = None
    for n in range(max_steps):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        element = handle.as_element()
        if element is None or page.evaluate("(el) => el === document.body || el === document.documentElement", element):
            break
        if first is not None and page.evaluate("(pair) => pair[0] === pair[1]", [element, first]):
            break  # wrapped round
        first = first or element
        if element.get_attribute("data-tab-stop") is not None:
            continue  # the same control again (a date field tabs through day, month and year)
        element.evaluate("(el, n) => el.setAttribute('data-tab-stop', n)", n)
        stops.append({"n": n, "what": element.evaluate(DESCRIBE_JS), **element.evaluate(FOCUS_STATE_JS)})
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for stop in stops:
        stop["unfocused"] = page.locator(f"[data-tab-stop='{stop['n']}']").evaluate(FOCUS_STATE_JS)["style"]
    return stops


def focus_problems(stops):
    """Tab stops whose focus would not be seen: no change, no ring, clipped, off screen."""
    problems = []
    for stop in stops:
        reasons = []
        if not stop["focusVisible"]:
            reasons.append("does not match :focus-visible")
        if stop["style"] == stop["unfocused"]:
            reasons.append("looks the same focused and unfocused")
        if not stop["ring"]:
            reasons.append("no outline or box-shadow when focused")
        if stop["clippedBy"]:
            reasons.append(f"focus ring clipped by {stop['clippedBy']}")
        if not stop["onScreen"]:
            reasons.append("focused element is not on screen")
        if reasons:
            problems.append(f"  tab stop {stop['n']}: {stop['what']}: {'; '.join(reasons)}")
    return problems


def no_horizontal_scroll(page):
    return page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")


def root_font_size(page):
    return page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")


# --- mail -----------------------------------------------------------------------------------------


def mailed_path(to, path_pattern):
    """The path of the link matching ``path_pattern`` in the last test-outbox mail to ``to``.

    The live server runs in this process with the locmem backend, so ``django.core.mail.outbox``
    holds what it sent. Links point at ``WAGTAILADMIN_BASE_URL`` (``http://testserver``); the
    path alone opens on the live server (the browser context's ``base_url``).
    """
    from django.core import mail

    bodies = [m.body for m in mail.outbox if to in m.to]
    assert bodies, f"no mail to {to} in the outbox ({[m.to for m in mail.outbox]})"
    match = re.search(rf"https?://[^/\s]+({path_pattern})", bodies[-1])
    assert match, f"no link matching {path_pattern} in the last mail to {to}:\n{bodies[-1]}"
    return match.group(1)
