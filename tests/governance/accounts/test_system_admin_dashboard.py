"""The system administrator's dashboard leads with 「待處理事項」 (accounts/admin_dashboard.py):
overdue applications, the next 帳號清查, empty reviewer seats and the submissions waiting
longest — through the real /admin/ dashboard, as the superuser and as 系統總管理者 of hq_special."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from site45.governance.accounts.admin_dashboard import WAITING_ROWS, NeedsActionPanel
from site45.governance.accounts.applications import AccountApplication, overdue_if_received_before
from site45.governance.accounts.semiannual_audit.audits import audit_due_date, open_audit
from site45.governance.calendar.working_days import add_working_days
from site45.governance.org.models import Unit
from site45.governance.privacy.personal_data import mask_name
from site45.governance.review.reviewers import empty_reviewer_seats
from site45.governance.review.task import UnitReviewTaskState
from site45.governance.review.unit_filters import empty_seats_url
from site45.governance.review.waiting import in_review
from tests.factories import application, member, named, open_state, submit_for_setup

DASHBOARD = "/admin/"
PANEL = "needs-action"


@pytest.fixture(autouse=True)
def _site(review_site):
    return review_site


@pytest.fixture(params=["superuser", "hq_special_system_admin"])
def admin(request):
    if request.param == "superuser":
        return get_user_model().objects.create_superuser("emergency-admin", password="pw-for-tests-only-123")
    return member("wda-dsted", "system_admin", account_role="wda_officer")


def dashboard(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def panel_ids(soup):
    return [section["id"].removesuffix("-section") for section in soup.select("section[id$='-section']")]


def needs_action(soup):
    return soup.select_one(f"section#{PANEL}-section")


def text(node):
    return " ".join(node.get_text().split())


def received(app, on):
    AccountApplication.objects.filter(pk=app.pk).update(status=AccountApplication.RECEIVED, received_date=on)


# --- who sees it, and where ---------------------------------------------------------------------


def test_the_needs_action_panel_comes_first(client, admin):
    soup = dashboard(client, admin)
    ids = panel_ids(soup)
    assert ids[0] == PANEL, ids
    assert "account-applications" in ids and "account-audit" in ids  # the other panels stay, after it
    assert text(needs_action(soup).select_one("h2")) == "待處理事項"
    # The empty seats are a line of this panel, not a panel (nor a list) of their own.
    assert "unit-review-empty-seats" not in ids
    assert not needs_action(soup).select("[data-unit]")


@pytest.mark.parametrize(
    ("unit", "roles", "account_role"),
    [
        ("TW-TXG", ("editor",), "county_officer"),
        ("TW-TXG", ("unit_reviewer",), "county_officer"),
        ("br-ccn", ("account_manager",), "wda_supervisor"),
        ("wda-dsted", ("account_auditor",), "wda_officer"),
    ],
)
def test_other_users_have_no_needs_action_panel(client, unit, roles, account_role):
    submit_for_setup(member("TW-TXG", "editor"), "TW-TXG")
    soup = dashboard(client, member(unit, *roles, account_role=account_role))
    assert PANEL not in panel_ids(soup)
    assert "待處理事項" not in soup.get_text()
    assert "等候審核最久的稿件" not in soup.get_text()


# --- overdue applications -----------------------------------------------------------------------


def test_overdue_applications_counted_at_the_deadline_and_one_day_past(client, admin):
    today = timezone.localdate()
    cutoff = overdue_if_received_before(today)  # received on it: the deadline is today, not late
    on_time = application("TW-TXG", user_name="準時申請人")
    late = application("TW-KHH", user_name="逾期申請人")
    received(on_time, cutoff)
    received(late, add_working_days(cutoff, -1))
    replied = application("TW-CHA", user_name="已回覆申請人")
    AccountApplication.objects.filter(pk=replied.pk).update(
        status=AccountApplication.APPROVED, received_date=add_working_days(cutoff, -3)
    )

    soup = dashboard(client, admin)
    line = needs_action(soup).select_one('[data-count="overdue-applications"]')
    assert text(line) == "帳號申請逾期未回覆：1 件"
    link = line.select_one("a")["href"]
    assert link == "/admin/account_applications/?overdue=true"

    listed = client.get(link).content.decode()
    assert mask_name("逾期申請人") in listed
    assert mask_name("準時申請人") not in listed and mask_name("已回覆申請人") not in listed

    received(on_time, add_working_days(cutoff, -1))  # one working day earlier: late too
    line = needs_action(dashboard(client, admin)).select_one('[data-count="overdue-applications"]')
    assert text(line) == "帳號申請逾期未回覆：2 件"


def test_no_overdue_application_is_said_so(client, admin):
    received(application("TW-TXG"), overdue_if_received_before(timezone.localdate()))
    line = needs_action(dashboard(client, admin)).select_one('[data-count="overdue-applications"]')
    assert text(line) == "沒有逾期未回覆的申請。"
    assert not line.select("a")


# --- the semiannual account audit ---------------------------------------------------------------


def test_the_next_audit_due_date_and_whether_one_is_open(client, admin):
    line = needs_action(dashboard(client, admin)).select_one("[data-due]")
    due = audit_due_date(timezone.localdate())
    assert line["data-due"] == due.strftime("%Y-%m-%d") and line["data-audit-open"] == "false"
    assert f"下次帳號清查應於 {due:%Y-%m-%d} 前開始。" in text(line)
    assert "目前沒有進行中的帳號清查。" in text(line)
    assert line.select_one("a")["href"] == reverse("account_audits:index")

    audit = open_audit(admin, title="本期帳號清查")
    line = needs_action(dashboard(client, admin)).select_one("[data-due]")
    assert line["data-audit-open"] == "true"
    assert "「本期帳號清查」清查中。" in text(line)
    assert line["data-due"] == audit_due_date(timezone.localdate()).strftime("%Y-%m-%d")
    assert line.select_one("a")["href"] == reverse("account_audits:entries", args=[audit.pk])


# --- empty reviewer seats -----------------------------------------------------------------------


def listed_unit_ids(client, url):
    """The units the unit admin lists at ``url``, every page of it."""
    ids, page = set(), 1
    while True:
        response = client.get(f"{url}&p={page}")
        assert response.status_code == 200
        found = {int(pk) for pk in re.findall(r'href="/admin/units/edit/(\d+)/"', response.content.decode())}
        if not found or found <= ids:
            return ids
        ids |= found
        page += 1


def test_empty_seats_are_a_count_linking_to_exactly_those_units(client, admin):
    empty = set(empty_reviewer_seats().values_list("pk", flat=True))
    txg = Unit.objects.get(code="TW-TXG")
    assert txg.pk in empty and len(empty) > 1

    line = needs_action(dashboard(client, admin)).select_one('[data-count="empty-seats"]')
    assert f"{len(empty)} 個單位審核人員出缺" in text(line)
    assert line.select_one("a")["href"] == empty_seats_url() == "/admin/units/?empty_reviewer_seat=true"
    assert listed_unit_ids(client, empty_seats_url()) == empty

    member("TW-TXG", "unit_reviewer")  # the seat is filled: one fewer, and gone from the list
    line = needs_action(dashboard(client, admin)).select_one('[data-count="empty-seats"]')
    assert f"{len(empty) - 1} 個單位審核人員出缺" in text(line)
    assert listed_unit_ids(client, empty_seats_url()) == empty - {txg.pk}
    assert txg.pk in listed_unit_ids(client, "/admin/units/?empty_reviewer_seat=false")
    # A unit without a reviewer seat at all (a silver point) is never "empty".
    silver = Unit.objects.get(code="TW-TXG-silver-1")
    assert silver.pk not in listed_unit_ids(client, empty_seats_url())


def test_a_bad_filter_value_is_not_an_error(client, admin):
    client.force_login(admin)
    assert client.get("/admin/units/?empty_reviewer_seat=bogus").status_code == 200


# --- the submissions waiting longest ------------------------------------------------------------


def submitted(unit_code, days_ago, hours_ago=0):
    page = submit_for_setup(named(member(unit_code, "editor"), "王", "小明"), unit_code)
    state = open_state(page)
    started = timezone.now() - datetime.timedelta(days=days_ago, hours=hours_ago, minutes=5)
    UnitReviewTaskState.objects.filter(pk=state.pk).update(started_at=started)
    return state


def test_the_submissions_waiting_longest_across_the_site_oldest_first(client, admin):
    reviewer = named(member("TW-CHA", "unit_reviewer"), "林", "美玲")
    newer = submitted("TW-TXG", days_ago=1)
    oldest = submitted("TW-CHA", days_ago=3, hours_ago=5)
    soup = dashboard(client, admin)
    panel = needs_action(soup)
    assert "全站共 2 件稿件等待審核" in text(panel.select_one('[data-count="waiting"]'))
    rows = panel.select("tr[data-task-state]")
    assert [int(row["data-task-state"]) for row in rows] == [oldest.pk, newer.pk]
    headers = [text(th) for th in panel.select("th")]
    assert headers == ["標題", "單位", "送審者", "負責審核人員", "已等候"]
    cells = [text(td) for td in rows[0].select("td")]
    assert cells[1] == Unit.objects.get(code="TW-CHA").display_name
    assert cells[2] == "王小明"
    assert cells[3] == "林美玲" and oldest.reviewer_id == reviewer.pk
    assert cells[4] == "3 天 5 小時"
    assert rows[0].select_one("a")["href"] == f"/admin/pages/{oldest.workflow_state.object_id}/edit/"
    assert text(rows[1].select("td")[1]) == Unit.objects.get(code="TW-TXG").display_name


def test_only_the_first_few_are_listed_then_a_link(client, admin):
    states = [submitted("TW-TXG", days_ago=n) for n in range(WAITING_ROWS + 1, 0, -1)]
    panel = needs_action(dashboard(client, admin))
    rows = panel.select("tr[data-task-state]")
    assert [int(row["data-task-state"]) for row in rows] == [s.pk for s in states[:WAITING_ROWS]]
    more = panel.find("a", string=re.compile("還有 1 件"))
    assert more is not None and more["href"] == "/admin/reports/workflow/?status=in_progress"


def test_exactly_as_many_as_listed_has_no_more_link(client, admin):
    for n in range(WAITING_ROWS, 0, -1):
        submitted("TW-TXG", days_ago=n)
    panel = needs_action(dashboard(client, admin))
    assert len(panel.select("tr[data-task-state]")) == WAITING_ROWS
    assert "還有" not in text(panel)


def test_nothing_waiting_is_said_so(client, admin):
    assert not in_review().exists()
    assert "目前沒有等待審核的稿件。" in text(needs_action(dashboard(client, admin)))


# --- a fixed number of queries ------------------------------------------------------------------


def test_the_panel_costs_the_same_queries_whatever_the_data(django_user_model):
    admin = django_user_model.objects.create_superuser("counting-admin", password="pw-for-tests-only-123")
    late = add_working_days(overdue_if_received_before(timezone.localdate()), -1)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            NeedsActionPanel(admin).render_html({})
        return len(ctx.captured_queries)

    received(application("TW-TXG"), late)
    submitted("TW-TXG", days_ago=2)
    few = queries()
    assert few <= 10, few

    for code in ("TW-KHH", "TW-CHA", "TW-TPE", "TW-TNN"):
        received(application(code), late)
    for code in ("TW-CHA", "TW-KHH", "TW-TPE", "TW-TNN", "TW-TXG", "TW-TXG"):
        submitted(code, days_ago=1)
    member("TW-CHA", "unit_reviewer")
    member("br-ccn", "unit_reviewer", account_role="wda_officer")
    open_audit(admin)
    assert queries() == few, few
