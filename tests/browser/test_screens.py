"""Screens a person can look at after a run, in ``test-artifacts/screens/``.

The home page on a 360 px phone and a 1280 px desktop, a content page (an event with its
picture), and a reviewer's queue on the admin dashboard. The directory is printed at the end of
the run; it is not committed.
"""

import pytest

from .helpers import expect, review_queue, sign_in

pytestmark = pytest.mark.usefixtures("live_server")


@pytest.mark.parametrize("width, height", [(360, 800), (1280, 900)])
def test_home_page(new_context, screenshot, width, height):
    page = new_context(width=width, height=height).new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    path = screenshot(page, f"home-{width}px")
    assert path.stat().st_size > 10_000


def test_detail_page(page, screenshot, demo_site):
    event = demo_site.pages["taichung-matching-day"]
    page.goto(event.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    image = page.locator("main img").first
    expect(image).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert image.evaluate("(img) => img.complete && img.naturalWidth > 0"), "the picture does not load"
    screenshot(page, "detail-event-1280px")


def test_reviewer_queue(page, screenshot):
    sign_in(page, "txg-reviewer")
    queue = review_queue(page)
    expect(queue.get_by_role("row").filter(has_text="（待審）")).not_to_have_count(0)
    page.wait_for_load_state("networkidle")
    screenshot(page, "reviewer-queue-txg-reviewer")
