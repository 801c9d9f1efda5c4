"""Attachment 2 (matrix.csv) × SPEC §4–§5, cell by cell, through the real admin views.

The expectations are generated from ``matrix.csv`` (read here with the ``csv`` module, not
through the project's loader): for every unit type — the first unit of that type in the
organisation tree — and every content type:

- create: the add view of the unit's own section works for the types the matrix allows
  (a draft is created) and refuses the others (nothing is created);
- edit: the unit's own page opens and saves; another unit's page is refused (except for
  hq_special, which acts on all content, 全);
- submit: the edit view's submit action opens one 單位審核 whose reviewer is
  ``resolve_reviewer(unit, editor)`` — and that is the seat the matrix's
  ``drafts_reviewed_by`` column names (own unit, or the supervising county unit);
- approve: the responsible reviewer publishes; another unit's reviewer is refused; a
  reviewer's own submission goes one level up (SPEC §4) and their own approval is refused;
- visibility: another unit's draft never shows in the explorer, the admin search, the page
  chooser or the public API.

Then the escalation rules with empty seats, a reviewer revoked mid-review, a user with no
unit and an inactive user.

The users (an editor and a seated reviewer for every unit involved, the system
administrator) are built once for the module inside a transaction that is rolled back when
the module ends; each test runs in a savepoint inside it, as usual.
"""

import csv
import itertools
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from wagtail.models import Page, TaskState

import site45.governance
from site45.governance.models import Membership, Unit
from site45.governance.review.reviewers import resolve_reviewer
from site45.governance.review.task import UnitReviewTaskState
from site45.governance.review.workflow_setup import install_unit_review_workflow
from tests import admin_actions as admin
from tests.factories import make_member, make_page

# --- Attachment 2, read from the CSV ----------------------------------------------------------

MATRIX_CSV = Path(site45.governance.__file__).resolve().parent / "data" / "matrix.csv"

with open(MATRIX_CSV, encoding="utf-8", newline="") as _fh:
    _reader = csv.DictReader(_fh)
    _HEADER = _reader.fieldnames
    ROWS = {row["unit_type"]: row for row in _reader}

#: The content-type columns: everything between the name and the first role column.
CONTENT_TYPES = tuple(_HEADER[_HEADER.index("name_zh") + 1 : _HEADER.index("system_admin")])
UNIT_TYPES = tuple(ROWS)


def allowed(unit_type, content_type):
    return ROWS[unit_type][content_type] == "Y"


def has_reviewer_seat(unit_type):
    return ROWS[unit_type]["unit_reviewer"] not in ("0", "N")


ALL_CELLS = [(t, c) for t in UNIT_TYPES for c in CONTENT_TYPES]
ALLOWED_CELLS = [(t, c) for t, c in ALL_CELLS if allowed(t, c)]
SEATED_ALLOWED_CELLS = [(t, c) for t, c in ALLOWED_CELLS if has_reviewer_seat(t)]
SEATED_TYPES = [t for t in UNIT_TYPES if has_reviewer_seat(t)]


def cell_id(cell):
    return f"{cell[0]}-{cell[1]}"


# --- SPEC §4, spelled out independently of site45.governance.review.reviewers ------------------

#: "hq_special may act on all content (全)."
FULL_ACCESS_TYPES = {"hq_special"}


def reviewing_unit(unit):
    """The unit whose seat reviews ``unit``'s drafts, as the CSV's drafts_reviewed_by says."""
    rule = ROWS[unit.unit_type]["drafts_reviewed_by"]
    if rule == "supervising_county_unit":
        assert unit.supervising_unit.unit_type == "county"
        return unit.supervising_unit
    assert rule == "own_unit", rule
    return unit


def one_level_up(unit):
    """SPEC §4: where a submission goes when ``unit``'s seat is empty or its reviewer submitted.

    ``None`` means the system administrator.
    """
    kind = unit.unit_type
    if kind in ("county", "commissioned_center", "service_station"):
        return unit.jurisdiction_branch
    if kind in ("silver_center", "employment_center"):
        assert unit.parent.unit_type == "branch"
        return unit.parent  # their branch
    if kind in ("branch", "hq_division"):
        return Unit.objects.filter(unit_type="hq_special").order_by("pk").first()
    assert kind == "hq_special", kind
    return None


def chain_of(unit):
    """Every unit a submission of ``unit`` may reach, own seat first."""
    chain, current = [], reviewing_unit(unit)
    while current is not None:
        chain.append(current)
        current = one_level_up(current)
    return chain


# --- the organisation's people, built once per module ------------------------------------------

_slugs = itertools.count(1)


class Org:
    """The first unit of each type, a unit of someone else for each, and their people."""

    def __init__(self):
        self.units = {t: Unit.objects.filter(unit_type=t).order_by("pk").first() for t in UNIT_TYPES}
        assert all(self.units.values()), "every unit type of matrix.csv exists in the org tree"
        self.editors = {}  # unit pk -> user
        self.reviewers = {}  # unit pk -> user (the seat)
        self.admin = make_member("wda-dsted", "system_admin", username="matrix-admin", account_role="wda_officer")
        assert self.admin.is_superuser
        self.others = {}
        for unit_type, unit in self.units.items():
            self.editor(unit)
            for seat in chain_of(unit):
                self.reviewer(seat)
            other = self._other_unit(unit)
            self.others[unit_type] = other
            self.editor(other)
            self.reviewer(reviewing_unit(other))

    def _other_unit(self, unit):
        """Another unit of the same type, or a county under another branch, outside ``unit``'s chain."""
        same = Unit.objects.filter(unit_type=unit.unit_type).exclude(pk=unit.pk).order_by("pk").first()
        if same is not None:
            return same
        chain = {u.pk for u in chain_of(unit)}
        counties = Unit.objects.filter(unit_type="county").order_by("pk")
        if unit.jurisdiction_branch_id:
            counties = counties.exclude(jurisdiction_branch_id=unit.jurisdiction_branch_id)
        return next(c for c in counties if c.pk not in chain)

    def editor(self, unit):
        if unit.pk not in self.editors:
            self.editors[unit.pk] = make_member(unit.code, "editor", username=f"matrix-editor-{unit.code}")
        return self.editors[unit.pk]

    def reviewer(self, unit):
        """The seated reviewer of ``unit`` (who may also draft: a reviewer who submits)."""
        assert has_reviewer_seat(unit.unit_type), unit
        if unit.pk not in self.reviewers:
            self.reviewers[unit.pk] = make_member(
                unit.code, "unit_reviewer", "editor", username=f"matrix-reviewer-{unit.code}"
            )
        return self.reviewers[unit.pk]

    def responsible(self, unit):
        """Who must review a plain editor's submission of ``unit`` with every seat filled."""
        return self.reviewers[reviewing_unit(unit).pk]

    def above(self, unit):
        """Who reviews when ``unit``'s seat cannot answer (one level up; None = system admin)."""
        up = one_level_up(unit)
        return self.admin if up is None else self.reviewers[up.pk]

    def host_for(self, unit_type, content_type):
        """A unit other than ``unit_type``'s that may publish ``content_type`` (for "another unit's page")."""
        other = self.others[unit_type]
        if allowed(other.unit_type, content_type):
            return other
        return next(
            u
            for u in Unit.objects.exclude(unit_type__in=[unit_type, *FULL_ACCESS_TYPES, "root"]).order_by("pk")
            if allowed(u.unit_type, content_type)
        )


@pytest.fixture(scope="module")
def org(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            install_unit_review_workflow()
            yield Org()
            transaction.set_rollback(True)


@pytest.fixture
def world(org, site_tree):
    return org


# --- small helpers ----------------------------------------------------------------------------


def login(user):
    client = Client()
    client.force_login(user)
    return client


def text_of(response):
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode("utf-8", "replace")


def assert_refused(response, *hidden):
    """A refusal: 403/404, or a redirect (to the login, the dashboard or elsewhere), never the page."""
    assert response.status_code in (302, 403, 404), response.status_code
    text = text_of(response)
    for marker in hidden:
        assert marker not in text


def assert_to_login(response):
    assert response.status_code == 302, response.status_code
    assert "/admin/login/" in response["Location"], response["Location"]


def open_state(page):
    return UnitReviewTaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def draft(code, unit, owner, title=None):
    n = next(_slugs)
    return make_page(
        code,
        unit_code=unit.code,
        publish=False,
        owner=owner,
        title=title or f"矩陣草稿{n}",
        slug=f"matrix-{code.replace('_', '-')}-{n}",
    )


def submit_as(user, page, code):
    response = admin.submit(login(user), page, code)
    assert response.status_code == 302, response.status_code
    page.refresh_from_db()
    assert page.workflow_in_progress
    return open_state(page)


def assert_still_waiting(page, state):
    page.refresh_from_db()
    state.refresh_from_db()
    assert not page.live
    assert state.status == TaskState.STATUS_IN_PROGRESS


def assert_approves(user, page, state):
    response = admin.approve(login(user), page, state)
    assert response.status_code == 302, response.status_code
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert state.status == TaskState.STATUS_APPROVED and state.finished_by_id == user.pk


def test_the_matrix_covers_every_unit_and_content_type():
    assert len(UNIT_TYPES) == 10
    assert set(CONTENT_TYPES) == set(admin.FORM_FIELDS)
    assert all(ROWS[t][c] in ("Y", "N") for t, c in ALL_CELLS)


# --- create ------------------------------------------------------------------------------------


@pytest.mark.parametrize("unit_type,content_type", ALL_CELLS, ids=map(cell_id, ALL_CELLS))
def test_create(world, unit_type, content_type):
    unit = world.units[unit_type]
    editor = world.editor(unit)
    section = admin.section_of(unit)
    client = login(editor)
    model = admin.page_model(content_type)
    slug = f"matrix-create-{next(_slugs)}"
    pages_before = Page.objects.count()

    form = client.get(admin.add_url(content_type, section))
    response = admin.create(client, content_type, section, "矩陣新增測試", slug)

    if allowed(unit_type, content_type):
        assert form.status_code == 200
        assert response.status_code == 302, response.context and response.context["form"].errors
        page = model.objects.get(slug=slug)
        assert page.get_parent().pk == section.pk
        assert page.unit_id == unit.pk
        assert page.owner_id == editor.pk
        assert not page.live and page.has_unpublished_changes
        assert not page.workflow_in_progress
        assert Page.objects.count() == pages_before + 1
    else:
        assert_refused(form)
        assert_refused(response)
        assert not model.objects.filter(slug=slug).exists()
        assert Page.objects.count() == pages_before


@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_add_subpage_offers_exactly_the_allowed_types(world, unit_type):
    unit = world.units[unit_type]
    section = admin.section_of(unit)
    response = login(world.editor(unit)).get(f"/admin/pages/{section.pk}/add_subpage/")
    html = text_of(response)
    if not any(allowed(unit_type, c) for c in CONTENT_TYPES):
        assert response.status_code in (302, 403)
        return
    assert response.status_code == 200
    offered = {c for c in CONTENT_TYPES if admin.add_url(c, section) in html}
    assert offered == {c for c in CONTENT_TYPES if allowed(unit_type, c)}


# --- edit, submit, approve ---------------------------------------------------------------------


@pytest.mark.parametrize("unit_type,content_type", ALLOWED_CELLS, ids=map(cell_id, ALLOWED_CELLS))
def test_edit_submit_approve(world, unit_type, content_type):
    unit = world.units[unit_type]
    editor = world.editor(unit)
    client = login(editor)
    page = draft(content_type, unit, editor)

    # edit own unit's page: the editor opens and saves it (still a draft)
    assert client.get(admin.edit_url(page)).status_code == 200
    response = admin.save_draft(client, page, content_type, "矩陣改過的標題")
    assert response.status_code == 302, response.context and response.context["form"].errors
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().title == "矩陣改過的標題"
    assert not page.live

    # edit another unit's page: refused (hq_special acts on all content)
    host = world.host_for(unit_type, content_type)
    theirs = draft(content_type, host, world.editor(host), title="別單位的草稿矩陣")
    if unit_type in FULL_ACCESS_TYPES:
        assert client.get(admin.edit_url(theirs)).status_code == 200
    else:
        assert_refused(client.get(admin.edit_url(theirs)), "別單位的草稿矩陣")
        assert_refused(admin.save_draft(client, theirs, content_type, "被別單位改掉"))
        theirs.refresh_from_db()
        assert theirs.get_latest_revision().as_object().title == "別單位的草稿矩陣"

    # submit: one open review, with the reviewer resolve_reviewer names — the matrix's seat
    state = submit_as(editor, page, content_type)
    expected = world.responsible(unit)
    assert state.reviewer_id == resolve_reviewer(unit, editor).pk == expected.pk
    assert state.workflow_state.requested_by_id == editor.pk

    # another unit's reviewer is refused; the submitter too
    outsider = world.reviewers[reviewing_unit(world.others[unit_type]).pk]
    assert outsider.pk != expected.pk
    assert_refused(admin.approve(login(outsider), page, state))
    assert_still_waiting(page, state)
    assert_refused(admin.approve(client, page, state))
    assert_still_waiting(page, state)

    # the responsible reviewer publishes
    assert_approves(expected, page, state)


@pytest.mark.parametrize("unit_type,content_type", SEATED_ALLOWED_CELLS, ids=map(cell_id, SEATED_ALLOWED_CELLS))
def test_reviewers_own_submission_goes_one_level_up(world, unit_type, content_type):
    unit = world.units[unit_type]
    reviewer = world.reviewer(unit)
    page = draft(content_type, unit, reviewer)
    state = submit_as(reviewer, page, content_type)

    above = world.above(unit)
    assert state.reviewer_id != reviewer.pk
    assert state.reviewer_id == resolve_reviewer(unit, reviewer).pk == above.pk

    assert_refused(admin.approve(login(reviewer), page, state))
    assert_still_waiting(page, state)
    assert_approves(above, page, state)


# --- nobody sees another unit's drafts ---------------------------------------------------------

MARK = "鑫淼焱"


#: Each unit type with the content types it may publish: one draft of each is looked for at once.
PUBLISHING_TYPES = {t: [c for c in CONTENT_TYPES if allowed(t, c)] for t in UNIT_TYPES}
PUBLISHING_TYPES = {t: types for t, types in PUBLISHING_TYPES.items() if types}


@pytest.mark.parametrize("unit_type", list(PUBLISHING_TYPES))
def test_other_units_drafts_are_never_listed(world, unit_type):
    """A draft of every type the unit may publish (every allowed cell of its row): listed for
    its own editor, never for another unit's editor or reviewer, never in the public API."""
    unit = world.units[unit_type]
    section = admin.section_of(unit)
    drafts = {
        f"{MARK}{unit_type}{content_type}": draft(
            content_type, unit, world.editor(unit), title=f"{MARK}{unit_type}{content_type}"
        )
        for content_type in PUBLISHING_TYPES[unit_type]
    }

    places = [
        ("explorer", f"/admin/pages/{section.pk}/"),
        ("explorer search", f"/admin/pages/{section.pk}/?q={MARK}&search_all=1"),
        ("admin search", f"/admin/pages/search/?q={MARK}"),
        ("chooser browse", f"/admin/choose-page/{section.pk}/"),
        ("chooser search", f"/admin/choose-page/search/?q={MARK}"),
    ]
    # positive control: the places do list the drafts for their own unit
    owner = login(world.editor(unit))
    for name, url in places:
        response = owner.get(url)
        assert response.status_code == 200, name
        listed = text_of(response)
        assert [title for title in drafts if title not in listed] == [], name

    other = world.others[unit_type]
    for user in (world.editor(other), world.reviewers[reviewing_unit(other).pk]):
        client = login(user)
        for name, url in places:
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), (name, response.status_code)
            listed = text_of(response)
            assert [title for title in drafts if title in listed] == [], name

    # the public API: never, for anyone (not even the owner)
    for client in (Client(), owner):
        listing = client.get("/api/v2/pages/", {"search": MARK})
        assert listing.status_code == 200
        assert [title for title in drafts if title in text_of(listing)] == []
        ids = {item["id"] for item in listing.json()["items"]}
        for page in drafts.values():
            assert page.pk not in ids
            assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


# --- escalation: empty seats and revoked reviewers ---------------------------------------------


def vacate(user, how):
    """Empty a reviewer seat: the role revoked, the membership removed or the user deactivated."""
    if how == "deactivated":
        user = get_user_model().objects.get(pk=user.pk)
        user.is_active = False
        user.save()
        return
    membership = Membership.objects.get(user_id=user.pk)
    if how == "removed":
        membership.delete()
    else:
        membership.is_unit_reviewer = False
        membership.save()


#: Every unit type, each seat emptied a different way in turn.
EMPTY_SEAT_CASES = [(t, ("revoked", "removed", "deactivated")[n % 3]) for n, t in enumerate(UNIT_TYPES)]


@pytest.mark.parametrize("unit_type,how", EMPTY_SEAT_CASES, ids=[f"{t}-{h}" for t, h in EMPTY_SEAT_CASES])
def test_empty_seat_goes_one_level_up(world, unit_type, how):
    unit = world.units[unit_type]
    seat = reviewing_unit(unit)
    vacate(world.reviewers[seat.pk], how)
    editor = world.editor(unit)
    page = draft("hot_news", unit, editor)
    state = submit_as(editor, page, "hot_news")

    above = world.above(seat)
    assert state.reviewer_id == resolve_reviewer(unit, editor).pk == above.pk
    assert_approves(above, page, state)


@pytest.mark.parametrize("unit_type", ["county", "silver_point", "silver_center", "hq_division"])
def test_two_empty_seats_go_two_levels_up(world, unit_type):
    unit = world.units[unit_type]
    seat = reviewing_unit(unit)
    up = one_level_up(seat)
    vacate(world.reviewers[seat.pk], "revoked")
    vacate(world.reviewers[up.pk], "revoked")
    editor = world.editor(unit)
    page = draft("hot_news", unit, editor)
    state = submit_as(editor, page, "hot_news")
    expected = world.above(up)
    assert state.reviewer_id == resolve_reviewer(unit, editor).pk == expected.pk
    assert_approves(expected, page, state)


@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_reviewer_revoked_mid_review(world, unit_type):
    unit = world.units[unit_type]
    editor = world.editor(unit)
    page = draft("hot_news", unit, editor, title="換人審核的矩陣稿件")
    state = submit_as(editor, page, "hot_news")
    old = world.responsible(unit)
    assert state.reviewer_id == old.pk

    vacate(old, "revoked")
    state.refresh_from_db()
    new = world.above(reviewing_unit(unit))
    assert state.reviewer_id == resolve_reviewer(unit, editor).pk == new.pk

    old_client = login(old)
    assert "換人審核的矩陣稿件" not in text_of(old_client.get("/admin/"))
    assert_refused(admin.approve(old_client, page, state))
    assert_still_waiting(page, state)
    assert "換人審核的矩陣稿件" in text_of(login(new).get("/admin/"))
    assert_approves(new, page, state)


# --- a user with no unit, an inactive user -----------------------------------------------------


def test_user_without_a_unit_can_do_nothing_and_sees_no_drafts(world):
    nobody = get_user_model().objects.create_user("matrix-nobody", password="pw-for-tests-only-123")
    client = login(nobody)
    pages_before = Page.objects.count()
    for unit_type, unit in world.units.items():
        section = admin.section_of(unit)
        title = f"{MARK}無單位{unit_type}"
        page = draft("hot_news", unit, world.editor(unit), title=title)
        assert_to_login(client.get(admin.add_url("hot_news", section)))
        assert_to_login(admin.create(client, "hot_news", section, "無單位新增", f"nobody-{unit_type}"))
        assert_to_login(client.get(admin.edit_url(page)))
        assert_to_login(admin.save_draft(client, page, "hot_news", "無單位改標題"))
        assert_to_login(admin.submit(client, page, "hot_news"))
        for url in (
            f"/admin/pages/{section.pk}/",
            f"/admin/pages/search/?q={MARK}",
            f"/admin/choose-page/{section.pk}/",
            f"/admin/choose-page/search/?q={MARK}",
            f"/admin/api/main/pages/?child_of={section.pk}",
        ):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url
            assert title not in text_of(response)
        assert title not in text_of(client.get("/api/v2/pages/", {"search": MARK}))
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        page.refresh_from_db()
        assert page.title == title and not page.workflow_in_progress
    assert Page.objects.count() == pages_before + len(world.units)


def test_inactive_user_cannot_log_in_and_reaches_no_admin_url(world):
    unit = world.units["county"]
    inactive = make_member(unit.code, "editor", username="matrix-inactive", is_active=False)
    assert not Client().login(username="matrix-inactive", password="pw-for-tests-only-123")
    form_login = Client()
    response = form_login.post("/admin/login/", {"username": "matrix-inactive", "password": "pw-for-tests-only-123"})
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in form_login.session
    assert_to_login(form_login.get("/admin/"))

    # even with a session made for them, every admin URL sends them to the login
    client = login(inactive)
    section = admin.section_of(unit)
    page = draft("hot_news", unit, world.editor(unit), title=f"{MARK}停用")
    state = submit_as(world.editor(unit), page, "hot_news")
    for url in (
        "/admin/",
        f"/admin/pages/{section.pk}/",
        admin.add_url("hot_news", section),
        admin.edit_url(page),
        f"/admin/pages/search/?q={MARK}",
        f"/admin/choose-page/{section.pk}/",
        f"/admin/api/main/pages/?child_of={section.pk}",
        "/admin/reports/workflow/",
    ):
        assert_to_login(client.get(url))
    assert_to_login(admin.create(client, "hot_news", section, "停用新增", "inactive-create"))
    assert_to_login(admin.approve(client, page, state))
    assert_still_waiting(page, state)
