"""The admin at the agency's size: listings and publishing do not cost more as content grows.

- The explorer and the admin page search, for every role, render in the same number of queries
  with 6 rows and with a full page of rows (50 / 20) after the tree grew by thousands of pages;
  the rows mix every state a row can be in (live, draft, live + draft, locked, in review,
  scheduled, translated, a source of translations), so each kind of per-row question is asked.
- Publishing a page through the editor, and through the reviewer's approval, costs the same
  number of queries on the demo-sized tree and after it grew.
- The translation buttons and the review locks read from the loaded rows answer exactly what
  wagtail-localize's hook and the database answer (``page_listings``).
"""

import datetime
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Page, TaskState
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import Translation, TranslationSource

from site45.demo.bulk_seed import BulkSeeder
from site45.governance.permissions import hooks as permissions_hooks
from site45.governance.permissions.page_listings import (
    TRANSLATION_STATE,
    load_current_task_states,
    load_translation_states,
    translation_listing_buttons,
)
from site45.governance.review.task import UnitReviewTaskState
from site45.home.models import UnitPage, UnitsIndexPage
from site45.news.models import HotNewsPage
from tests import admin_actions
from tests.factories import action_url, create_and_submit, make_member, open_state

#: Pages added between the two measurements (in batches: site45/demo/bulk_seed.py).
GROWTH = 5000
CEILING = 80


def grow(section, count):
    """``count`` live hot news in the first 60 unit sections of ``section``'s language, in batches."""
    sections = UnitPage.objects.filter(locale=section.locale).order_by("pk")[:60]
    BulkSeeder(count, locale=section.locale, sections=sections, models=[HotNewsPage]).run()


ROLES = {
    "system_admin": ("wda-dsted", ("system_admin",), {"account_role": "wda_officer"}),
    "hq_editor": ("wda-dsted", ("editor",), {"account_role": "wda_officer"}),
    "hq_reviewer": ("wda-dsted", ("unit_reviewer",), {"account_role": "wda_officer"}),
    "county_editor": ("TW-TXG", ("editor",), {}),
    "county_reviewer": ("TW-TXG", ("unit_reviewer",), {}),
    "other_county_editor": ("TW-KHH", ("editor",), {}),
    "account_manager": ("br-ccn", ("account_manager",), {"account_role": "wda_supervisor"}),
    "account_auditor": ("wda-dsted", ("account_auditor",), {"account_role": "wda_officer"}),
}
KINDS = 7


def section(code):
    return UnitPage.objects.get(unit__code=code, locale__language_code="zh-hant")


def add_rows(parent, start, count, editor, colleague, en):
    """``count`` pages under ``parent``, cycling through every state a listing row shows."""
    for n in range(start, start + count):
        kind = n % KINDS
        author = colleague if n % 2 else editor
        page = HotNewsPage(title=f"列表頁{n}", slug=f"row-{n}", live=False, owner=author)
        parent.add_child(instance=page)
        revision = page.save_revision(user=author)
        if kind != 1:  # 1: a draft never published
            revision.publish()
        if kind == 2:  # live + draft
            page.title = f"列表頁{n}（修訂）"
            page.save_revision(user=author)
        elif kind == 3:  # locked by a colleague
            Page.objects.filter(pk=page.pk).update(locked=True, locked_by=colleague, locked_at=timezone.now())
        elif kind == 4:  # in review
            page.save_revision(user=editor)
            page.get_workflow().start(page, editor)
        elif kind == 5:  # scheduled
            go_live = timezone.now() + datetime.timedelta(days=3)
            page.go_live_at = go_live
            page.save_revision(user=author, approved_go_live_at=go_live)
        elif kind == 6:  # translated, and a source of enabled translations
            source, _created = TranslationSource.get_or_create_from_instance(page)
            Translation.objects.create(source=source, target_locale=en)


#: Writes of the sign-in clock (``signin.sessions``, ``governance.accounts.activity``): made at most once a
#: while per session, whatever the page, so a later request may make one the earlier did not.
CLOCK_TABLES = ("signin_signedinsession", "governance_accountactivity")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, without_clock(ctx)


def without_clock(ctx):
    return len(
        [
            q
            for q in ctx.captured_queries
            if not (q["sql"].startswith(("UPDATE", "INSERT")) and any(t in q["sql"] for t in CLOCK_TABLES))
        ]
    )


@pytest.fixture
def listing_site(review_site):
    Locale.objects.get_or_create(language_code="en")
    return review_site


def test_explorer_and_search_queries_do_not_grow_with_rows_or_pages_for_any_role(listing_site):
    en = Locale.objects.get(language_code="en")
    editor = make_member("TW-TXG", username="rows-editor")
    colleague = make_member("TW-TXG", username="rows-colleague")
    txg = section("TW-TXG")
    units_index = UnitsIndexPage.objects.get(locale__language_code="zh-hant")
    clients = {}
    for role, (unit, roles, extra) in ROLES.items():
        clients[role] = Client()
        clients[role].force_login(make_member(unit, *roles, **extra))
    urls = {
        "explorer": f"/admin/pages/{txg.pk}/",
        "units": f"/admin/pages/{units_index.pk}/",
        "search": "/admin/pages/search/?q=列表頁",
    }

    add_rows(txg, 0, 6, editor, colleague, en)
    for client in clients.values():  # warm the per-process caches (content types, sites)
        for url in urls.values():
            client.get(url)
    few = {(role, name): count_queries(client, url) for role, client in clients.items() for name, url in urls.items()}

    started = time.monotonic()
    grow(txg, GROWTH)
    add_rows(txg, 6, 60, editor, colleague, en)
    assert HotNewsPage.objects.count() >= GROWTH + 66, time.monotonic() - started
    many = {(role, name): count_queries(client, url) for role, client in clients.items() for name, url in urls.items()}

    for key, (status, queries) in many.items():
        assert status == few[key][0], key
        assert queries == few[key][1] and queries <= CEILING, (key, few[key], (status, queries))
    # Every role that lists pages did list them (the others are sent away before any listing).
    listing_roles = {role for (role, name), (status, _q) in many.items() if name == "explorer" and status == 200}
    assert listing_roles == {"system_admin", "hq_editor", "hq_reviewer", "county_editor", "county_reviewer"}
    assert many[("other_county_editor", "search")][0] == 200


def test_the_loaded_translation_buttons_are_wagtail_localizes(listing_site):
    en = Locale.objects.get(language_code="en")
    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer")
    editor = make_member("TW-TXG", username="tr-editor")
    txg = section("TW-TXG")
    add_rows(txg, 0, KINDS, editor, editor, en)
    translated = HotNewsPage.objects.get(slug="row-0")
    txg.copy_for_translation(en, copy_parents=True)
    translated.copy_for_translation(en)  # an English copy: nothing left to translate into

    rows = list(Page.objects.child_of(txg).specific().order_by("path"))
    next_url = f"/admin/pages/{txg.pk}/"

    def buttons(hook, pages):
        return [sorted((b.label, b.url) for b in hook(page=p, user=admin, next_url=next_url)) for p in pages]

    theirs = buttons(localize_hooks.page_listing_more_buttons, rows)
    with CaptureQueriesContext(connection) as ctx:
        load_translation_states(rows, admin)
        ours = buttons(translation_listing_buttons, rows)
    assert all(TRANSLATION_STATE in p.__dict__ for p in rows)
    assert ours == theirs and len(ctx.captured_queries) == 3
    labels = {label for row in ours for label, _url in row}
    assert len(labels) == 2  # both buttons occur: translate, and sync translated pages
    assert [] in ours  # …and a page already translated into every locale shows neither

    # In the hook's list, ours took wagtail-localize's place; its header buttons stay.
    from wagtail import hooks

    assert translation_listing_buttons in hooks.get_hooks(permissions_hooks.LISTING_MORE_BUTTONS)
    assert localize_hooks.page_listing_more_buttons not in hooks.get_hooks(permissions_hooks.LISTING_MORE_BUTTONS)
    assert localize_hooks.page_listing_more_buttons in hooks.get_hooks("register_page_header_buttons")

    # A user without the right gets no buttons and no queries.
    with CaptureQueriesContext(connection) as ctx:
        load_translation_states(rows, editor)
    assert len(ctx.captured_queries) <= 2  # the user's permissions only


def test_the_loaded_review_state_answers_as_the_database(listing_site):
    editor = make_member("TW-TXG", username="lock-editor")
    reviewer = make_member("TW-TXG", "unit_reviewer", username="lock-reviewer")
    other = make_member("TW-KHH", "unit_reviewer")
    txg = section("TW-TXG")
    add_rows(txg, 0, KINDS, editor, editor, Locale.objects.get_or_create(language_code="en")[0])
    in_review = [p for p in Page.objects.child_of(txg) if p.workflow_in_progress]
    assert in_review
    for page in in_review:
        state = UnitReviewTaskState.objects.get(
            workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
        )
        state.reviewer = reviewer
        state.save(update_fields=["reviewer"])

    rows = list(Page.objects.child_of(txg).specific().prefetch_workflow_states())
    users = (reviewer, other, editor)
    with CaptureQueriesContext(connection) as ctx:
        load_current_task_states(rows)
        answers = {
            (page.pk, user.pk): page.current_workflow_task.locked_for_user(page, user)
            for page in rows
            if page.workflow_in_progress
            for user in users
        }
    assert len(ctx.captured_queries) <= 2  # the specific task states, the specific tasks
    assert len(answers) == len(in_review) * len(users)
    for page in in_review:
        fresh = Page.objects.get(pk=page.pk).specific
        for user in users:
            assert answers[(page.pk, user.pk)] == fresh.current_workflow_task.locked_for_user(fresh, user), (page, user)
        assert answers[(page.pk, reviewer.pk)] is False and answers[(page.pk, other.pk)] is True


def publish_queries(client, page, title):
    data = admin_actions.form_data("hot_news", title, page.slug)
    data["action-publish"] = "1"
    started = time.monotonic()
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(admin_actions.edit_url(page), data)
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == title and not page.has_unpublished_changes
    return without_clock(ctx), elapsed


def approval_queries(client, page):
    state = open_state(page)
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(action_url(page, "approve", state), {})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    return without_clock(ctx)


def test_publishing_costs_the_same_on_a_small_and_a_grown_tree(listing_site):
    admin = make_member("wda-dsted", "system_admin", account_role="wda_officer")
    editor = make_member("TW-TXG", username="pub-editor")
    reviewer = make_member("TW-TXG", "unit_reviewer", username="pub-reviewer")
    admin_client, reviewer_client = Client(), Client()
    admin_client.force_login(admin)
    reviewer_client.force_login(reviewer)
    txg = section("TW-TXG")

    def fresh_page(slug):
        page = HotNewsPage(title=slug, slug=slug, live=False, owner=admin)
        txg.add_child(instance=page)
        page.save_revision(user=admin)
        return page

    # Warm-up: the first publish of the process fills caches.
    publish_queries(admin_client, fresh_page("warm-up"), "暖身")
    approval_queries(reviewer_client, create_and_submit(editor, "TW-TXG"))

    small = publish_queries(admin_client, fresh_page("publish-small"), "小樹發布")
    small_review = approval_queries(reviewer_client, create_and_submit(editor, "TW-TXG"))

    grow(txg, GROWTH)
    BulkSeeder(1000, sections=[txg], models=[HotNewsPage]).run()  # a large section: the page's own
    large = publish_queries(admin_client, fresh_page("publish-large"), "大樹發布")
    large_review = approval_queries(reviewer_client, create_and_submit(editor, "TW-TXG"))

    print(f"publish: {small[0]} queries {small[1]:.2f} s small, {large[0]} queries {large[1]:.2f} s grown")
    assert large[0] == small[0], (small, large)
    assert large_review == small_review, (small_review, large_review)
