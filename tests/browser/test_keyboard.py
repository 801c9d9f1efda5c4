"""Keyboard only: the main menu, the font-size control and the search work with
Tab and Enter alone, the focus is always visible, and A+ enlarges the text to at least 150%
without sideways scrolling at 1280 px.

"Visible focus" is checked on every tab stop of a page: the focused element matches
``:focus-visible``, looks different from its unfocused self, carries an outline or box-shadow
ring that no ``overflow`` ancestor cuts off, and is on screen.
"""

import re

import pytest

from .helpers import expect, focus_problems, focused, no_horizontal_scroll, root_font_size, tab_to, tab_walk

pytestmark = pytest.mark.usefixtures("live_server")


def main_menu(page):
    return page.get_by_role("navigation", name="主選單")


def test_skip_link_is_the_first_tab_stop_and_jumps_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要內容")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_main_menu_by_keyboard(page):
    page.goto("/")
    link = main_menu(page).get_by_role("link", name="活動訊息")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/events/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("活動訊息")
    expect(main_menu(page).get_by_role("link", name="活動訊息")).to_have_attribute("aria-current", "page")


def test_phone_menu_opens_and_works_by_keyboard(new_context):
    page = new_context(width=360, height=800).new_page()
    page.goto("/")
    toggle = page.get_by_role("button", name="選單")
    expect(main_menu(page).get_by_role("link", name="公告")).to_be_hidden()
    tab_to(page, toggle)
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    link = main_menu(page).get_by_role("link", name="公告")
    expect(link).to_be_visible()
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/announcements/$"))


def test_search_by_keyboard(page):
    page.goto("/")
    field = page.get_by_role("search").get_by_role("searchbox", name="搜尋")
    tab_to(page, field)
    page.keyboard.type("就業")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    results = page.locator(".search-results .card-title a")
    expect(results.first).to_be_visible()
    first_title = results.first.inner_text()

    # The search button works too, and a result opens with Enter.
    button = page.locator("main").get_by_role("search").get_by_role("button", name="搜尋")
    tab_to(page, button)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    tab_to(page, results.first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(first_title)


def test_font_size_control_by_keyboard_enlarges_text_150_percent_without_sideways_scrolling(page, demo_site):
    page.goto("/")
    control = page.get_by_role("group", name="文字大小")
    larger = control.get_by_role("button", name="放大文字")
    standard = control.get_by_role("button", name="標準文字大小")
    normal_size = root_font_size(page)

    tab_to(page, larger)
    page.keyboard.press("Enter")
    expect(larger).to_have_attribute("aria-pressed", "true")
    expect(standard).to_have_attribute("aria-pressed", "false")
    large_size = root_font_size(page)
    assert large_size >= 1.5 * normal_size, f"A+ gives {large_size}px, standard is {normal_size}px"

    # The choice is remembered; no page scrolls sideways at 1280 px with it.
    from site45.home.models import content_page_models

    event = content_page_models()["event"].listing().filter(locale__language_code="zh-hant").first()
    for path in ["/", "/events/", event.url, "/search/?q=就業", "/site-map/", "/units/", "/units/tw-txg/", "/en/"]:
        page.goto(path)
        assert root_font_size(page) == large_size, f"{path}: the large text size was not kept"
        scroll_width, client_width = no_horizontal_scroll(page)
        assert scroll_width <= client_width, (
            f"{path}: scrolls sideways at 1280px with A+ ({scroll_width} > {client_width})"
        )

    tab_to(page, page.get_by_role("group", name="Text size").get_by_role("button", name="Standard text size"))
    page.keyboard.press("Enter")
    assert root_font_size(page) == normal_size


@pytest.mark.parametrize("path", ["/", "/events/", "event-detail", "/search/?q=就業", "/site-map/", "/en/"])
def test_focus_is_always_visible(page, path):
    if path == "event-detail":
        from site45.home.models import content_page_models

        path = content_page_models()["event"].listing().filter(locale__language_code="zh-hant").first().url
    page.goto(path)
    stops = tab_walk(page)
    assert len(stops) > 10, f"{path}: only {len(stops)} tab stops"
    problems = focus_problems(stops)
    assert not problems, f"{path}: focus not visible on {len(problems)} of {len(stops)} tab stops:\n" + "\n".join(
        problems
    )


def test_focus_is_visible_with_large_text_on_a_phone(new_context):
    page = new_context(width=360, height=800).new_page()
    page.goto("/")
    page.get_by_role("button", name="放大文字").click()
    page.get_by_role("button", name="選單").click()
    problems = focus_problems(tab_walk(page))
    assert not problems, "focus not visible:\n" + "\n".join(problems)


# Every field of the public account-application form is reached with Tab, shows its focus, and
# the form is sent with Enter on its submit button (an empty form answers with errors).
def test_account_application_form_by_keyboard(page):
    page.goto("/account-application/")
    form = page.locator("main form")
    stops = tab_walk(page)
    problems = focus_problems(stops)
    assert not problems, "focus not visible:\n" + "\n".join(problems)
    # Every control is a tab stop; of a radio group, one radio is (arrow keys move within it).
    unreached = form.evaluate(
        """(form) => [...form.querySelectorAll('input:not([type=hidden]), select, textarea')]
            .filter((el) => !el.disabled && el.getClientRects().length)
            .filter((el) => el.type === 'radio'
                ? !form.querySelector(`input[type=radio][name="${el.name}"][data-tab-stop]`)
                : !el.hasAttribute('data-tab-stop'))
            .map((el) => el.name || el.id)"""
    )
    assert not unreached, f"not reachable with Tab: {unreached}"
    submit = form.get_by_role("button").last
    page.goto("/account-application/")
    tab_to(page, submit, max_steps=200)
    page.keyboard.press("Enter")
    # An empty form comes back with its error summary, which takes the focus; its links lead
    # to the fields, again by keyboard.
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(page.locator("#error-summary")).to_be_focused()
    page.keyboard.press("Tab")
    expect(focused(page)).to_have_attribute("href", re.compile("^#"))
    target = focused(page).get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
