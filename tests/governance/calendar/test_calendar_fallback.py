"""The working-day calendar never raises on an ordinary date.

Reported: when every application an account manager waits on was received today, the dashboard
and the overdue list raised ``ValueError: … is outside the loaded period``, and so did the daily
rules run for a past date. Now a query loads whatever years it needs, an unseeded year follows
the holiday law, and the calendar's editors see a warning on the dashboard instead of a crash.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from site45.governance.accounts.applications import AccountApplication
from site45.governance.accounts.notices import RuleNotice
from site45.governance.calendar.admin import WARN_AHEAD_DAYS, years_to_warn_about
from site45.governance.calendar.seed import seed_calendar
from site45.governance.privacy.personal_data import mask_name
from tests.factories import application, make_member

D = datetime.date
DAY = datetime.timedelta(days=1)
WARNING_ID = "working-calendar-not-loaded"


def received(app, day):
    AccountApplication.objects.filter(pk=app.pk).update(status=AccountApplication.RECEIVED, received_date=day)


@pytest.fixture
def manager(site_tree):
    return make_member("br-ccn", "account_manager", account_role="wda_supervisor", username="ccn-manager")


@pytest.fixture
def all_received_today(site_tree):
    today = timezone.localdate()
    apps = [application("TW-TXG", user_name="臺中申請人"), application("TW-CHA", user_name="彰化申請人")]
    for app in apps:
        received(app, today)
    return apps


def seed_the_years_needed_now():
    today = timezone.localdate()
    seed_calendar({today.year, (today + WARN_AHEAD_DAYS * DAY).year})


def test_dashboard_and_overdue_list_when_every_application_arrived_today(client, manager, all_received_today):
    seed_the_years_needed_now()
    client.force_login(manager)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    page = home.content.decode()
    assert mask_name("臺中申請人") in page and mask_name("彰化申請人") in page
    assert WARNING_ID not in page  # the calendar is loaded: nothing to warn about
    index = reverse("account_applications:index")
    overdue = client.get(index, {"overdue": "true"})
    assert overdue.status_code == 200
    assert mask_name("臺中申請人") not in overdue.content.decode()
    not_overdue = client.get(index, {"overdue": "false"})
    assert not_overdue.status_code == 200 and mask_name("臺中申請人") in not_overdue.content.decode()
    assert not AccountApplication.objects.overdue().exists()


def test_an_unseeded_year_warns_the_calendars_editors_and_still_answers(client, manager, all_received_today):
    # Nothing seeded at all: the law answers, and the account manager (a calendar editor) is told.
    AccountApplication.objects.filter(pk=all_received_today[0].pk).update(received_date=timezone.localdate() - 30 * DAY)
    client.force_login(manager)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert WARNING_ID in page
    assert f"{timezone.localdate().year} 年的工作日行事曆尚未載入" in page
    assert reverse("working_calendar:index") in page
    overdue = client.get(reverse("account_applications:index"), {"overdue": "true"})
    assert overdue.status_code == 200
    assert mask_name("臺中申請人") in overdue.content.decode()
    assert mask_name("彰化申請人") not in overdue.content.decode()


def test_those_who_may_not_edit_the_calendar_get_no_warning(client, site_tree):
    editor = make_member("TW-TXG", "editor")
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200 and WARNING_ID not in home.content.decode()


def test_which_years_are_warned_about(db):
    assert years_to_warn_about(D(2026, 6, 1)) == [2026]
    assert years_to_warn_about(D(2026, 12, 1)) == [2026, 2027]  # deadlines run into 2027 soon
    seed_calendar([2026])
    assert years_to_warn_about(D(2026, 6, 1)) == []
    assert years_to_warn_about(D(2026, 12, 1)) == [2027]


def run(day):
    out = io.StringIO()
    call_command("enforce_account_rules", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "offset_days, late",
    [
        (-400, set()),
        (-41, set()),  # before either was received: nothing can be late
        (-1, {"older"}),
        (0, {"older"}),  # the one received today is not late yet
        (365, {"older", "today"}),
        (366, {"older", "today"}),  # a year ahead (an unseeded year)
    ],
)
def test_the_daily_rules_dated_in_the_past_or_a_year_ahead(db, offset_days, late):
    today = timezone.localdate()
    make_member("br-ccn", "account_manager", account_role="wda_officer", username="ccn-manager")
    apps = {"today": application("TW-TXG"), "older": application("TW-CHA")}
    received(apps["today"], today)
    received(apps["older"], today - 40 * DAY)
    run(today + offset_days * DAY)  # a failing rule raises CommandError (exit status 1)
    flagged = set(RuleNotice.objects.filter(kind=RuleNotice.APPLICATION_OVERDUE).values_list("key", flat=True))
    assert flagged == {str(apps[name].pk) for name in late}


def test_overdue_in_an_unseeded_year_counts_the_laws_holidays(db):
    # 2031, never seeded: the law's Lunar New Year (除夕 and 春節, 21–24 January plus the
    # weekend) does not count towards the deadline of an application received Mon 20 January.
    from site45.governance.calendar.working_days import add_working_days, is_working_day

    app = application("TW-TXG")
    received(app, D(2031, 1, 20))
    app.refresh_from_db()
    deadline = app.deadline
    assert all(not is_working_day(D(2031, 1, d)) for d in (21, 22, 23, 24, 27))  # the Lunar New Year
    assert deadline == add_working_days(D(2031, 1, 20), 5) == D(2031, 2, 3)  # 28, 29, 30, 31, 3
    qs = AccountApplication.objects.all()
    assert list(qs.overdue(today=deadline)) == []
    assert list(qs.overdue(today=deadline + DAY)) == [app]
