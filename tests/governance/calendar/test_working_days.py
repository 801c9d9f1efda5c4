"""The Taiwan working-day calendar: rules, seeding and its admin.

Dates are checked against the DGPA 政府行政機關辦公日曆表: 2025 (114年, revised June 2025):
春節 1/25–2/2, 1/27 調整放假 made up on Sat 2/8; 2026 (115年): 120 days off, 春節 2/14–2/22 with
除夕前一日 (Sun 2/15) given on Fri 2/20, 和平紀念日 (Sat 2/28) on Fri 2/27, no make-up workday.
"""

import datetime
import io

import holidays
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from site45.governance.calendar.exceptions import CalendarException
from site45.governance.calendar.seed import MAKEUP_WORKDAYS_CSV, _csv_makeup_workdays, seed_calendar
from site45.governance.calendar.working_days import (
    WorkingCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)
from tests.factories import make_member

D = datetime.date


def seed(*years):
    out = io.StringIO()
    call_command("seed_calendar", "--years", *[str(y) for y in years], stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    seed(2025, 2026, 2027)


def days_off(year):
    cal = WorkingCalendar(D(year, 1, 1), D(year, 12, 31))
    day, off = D(year, 1, 1), []
    while day.year == year:
        if not cal.is_working_day(day):
            off.append(day)
        day += datetime.timedelta(days=1)
    return off


# --- what the seeding gives ---------------------------------------------------------------


def test_seeded_years_match_the_dgpa_totals(seeded):
    # DGPA: 2026 has 120 days off; 2025 had 115, plus 3 holidays added by the June 2025 law
    # (9/28 observed 9/29, 10/25 observed 10/24, 12/25), with Sat 2/8 worked.
    assert len(days_off(2026)) == 120
    assert len(days_off(2025)) == 118
    assert not CalendarException.objects.filter(date__year=2026, kind=CalendarException.MAKEUP_WORKDAY).exists()
    makeup = CalendarException.objects.get(date=D(2025, 2, 8))
    assert makeup.kind == CalendarException.MAKEUP_WORKDAY
    assert makeup.source == CalendarException.SEEDED
    assert "1月27日" in makeup.name
    assert CalendarException.objects.get(date=D(2025, 1, 27)).kind == CalendarException.HOLIDAY


def test_lunar_new_year_2026_is_off_from_14_to_22_february(seeded):
    assert is_working_day(D(2026, 2, 13))
    for day in range(14, 23):
        assert not is_working_day(D(2026, 2, day)), day
    assert is_working_day(D(2026, 2, 23))
    assert not is_working_day(D(2026, 2, 27))  # 和平紀念日 (Sat 2/28) observed on Friday
    assert CalendarException.objects.get(date=D(2026, 2, 20)).kind == CalendarException.HOLIDAY


def test_package_and_csv_agree_on_the_make_up_workdays():
    from_csv = set(_csv_makeup_workdays(MAKEUP_WORKDAYS_CSV))
    assert from_csv == {D(2024, 2, 17), D(2025, 2, 8)}
    for year in (2024, 2025, 2026):
        package = {d for d in holidays.TW(years=year).weekend_workdays if d.year == year}
        assert package == {d for d in from_csv if d.year == year}, year


# --- the rules ------------------------------------------------------------------------------


def test_weekends_are_off_and_weekdays_on(db):
    assert is_working_day(D(2026, 3, 6))  # Friday
    assert not is_working_day(D(2026, 3, 7))  # Saturday
    assert not is_working_day(D(2026, 3, 8))  # Sunday
    assert is_working_day(datetime.datetime(2026, 3, 9, 10, 30))  # a datetime means its date
    # Received Friday, Saturday or Sunday: the five working days are Mon 9 – Fri 13.
    for received in (D(2026, 3, 6), D(2026, 3, 7), D(2026, 3, 8)):
        assert add_working_days(received, 5) == D(2026, 3, 13)
    assert add_working_days(D(2026, 3, 4), 5) == D(2026, 3, 11)  # over one weekend
    assert add_working_days(D(2026, 3, 6), 0) == D(2026, 3, 6)


def test_deadlines_across_the_lunar_new_year_2026(seeded):
    # Received Wed 11, Thu 12, Fri 13 February: the nine days off (14–22) do not count.
    assert add_working_days(D(2026, 2, 11), 5) == D(2026, 2, 25)  # 12, 13, 23, 24, 25
    assert add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)  # 13, 23, 24, 25, 26
    # 23–26, then Fri 27 (和平紀念日補假) and the weekend are off: Monday 2 March.
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 3, 2)
    # Received during the holidays: counting starts on Monday 23, so the same Monday 2 March.
    assert add_working_days(D(2026, 2, 17), 5) == D(2026, 3, 2)
    assert working_days_between(D(2026, 2, 13), D(2026, 3, 2)) == 5
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 22)) == 0


def test_an_unseeded_year_follows_the_holiday_law(db):
    # Nothing seeded: the law (the holidays package) answers, the same as the seeded calendar.
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 3, 2)
    assert not is_working_day(D(2026, 2, 20))
    assert WorkingCalendar(D(2026, 2, 1)).unloaded_years == {2026}


def test_a_loaded_year_is_decided_by_its_rows_alone(db):
    # One holiday row makes 2026 loaded: the agency's calendar wins over the law, even when it
    # lacks the Lunar New Year (the receipt is then due inside the holidays).
    CalendarException.objects.create(date=D(2026, 1, 1), kind=CalendarException.HOLIDAY, name="開國紀念日")
    assert add_working_days(D(2026, 2, 13), 5) == D(2026, 2, 20)
    assert WorkingCalendar(D(2026, 2, 1)).unloaded_years == set()
    # A closure alone does not make a year loaded: the law still gives its holidays.
    CalendarException.objects.create(date=D(2031, 7, 9), kind=CalendarException.CLOSURE, name="颱風停止上班")
    assert not is_working_day(D(2031, 7, 9))
    assert not is_working_day(D(2031, 1, 1))
    assert WorkingCalendar(D(2031, 1, 1)).unloaded_years == {2031}


def test_a_make_up_saturday_is_a_working_day(seeded):
    assert is_working_day(D(2025, 2, 8))  # Saturday, 補行上班 for 1/27
    assert not is_working_day(D(2025, 2, 15))  # an ordinary Saturday
    # Received Tue 4 Feb 2025: 5, 6, 7, Sat 8, Mon 10.
    assert add_working_days(D(2025, 2, 4), 5) == D(2025, 2, 10)
    # Received Mon 3 Feb: the make-up Saturday is itself the 5th working day.
    assert add_working_days(D(2025, 2, 3), 5) == D(2025, 2, 8)
    # Received before 春節 (Fri 24 Jan): 1/25–2/2 are off, so Mon 3 – Fri 7.
    assert add_working_days(D(2025, 1, 24), 5) == D(2025, 2, 7)
    CalendarException.objects.filter(date=D(2025, 2, 8)).delete()
    assert add_working_days(D(2025, 2, 4), 5) == D(2025, 2, 11)


def test_the_deadline_on_both_sides_of_a_holiday(seeded):
    # 勞動節 Fri 1 May 2026.
    assert add_working_days(D(2026, 4, 23), 5) == D(2026, 4, 30)  # due the day before
    assert add_working_days(D(2026, 4, 24), 5) == D(2026, 5, 4)  # would fall on it: moves past
    assert add_working_days(D(2026, 4, 27), 5) == D(2026, 5, 5)  # spans it
    assert add_working_days(D(2026, 5, 1), 5) == D(2026, 5, 8)  # received on it
    # 國慶日 Sat 10 Oct 2026, observed Fri 9 Oct.
    assert add_working_days(D(2026, 10, 1), 5) == D(2026, 10, 8)
    assert add_working_days(D(2026, 10, 2), 5) == D(2026, 10, 12)


def test_a_closure_is_off_even_on_a_weekday(db):
    CalendarException.objects.create(date=D(2026, 7, 9), kind=CalendarException.CLOSURE, name="颱風停止上班")
    assert not is_working_day(D(2026, 7, 9))
    assert add_working_days(D(2026, 7, 6), 5) == D(2026, 7, 14)


def test_counting_backwards_and_between_are_consistent(seeded):
    cal = WorkingCalendar(D(2024, 12, 1), D(2027, 1, 31))
    day = D(2025, 1, 1)
    while day.year < 2027:
        for n in (1, 3, 5):
            due = add_working_days(day, n)
            assert due == cal.add_working_days(day, n)
            assert working_days_between(day, due) == n
            assert cal.working_days_between(due, day) == -n
            assert cal.is_working_day(due)
            if cal.is_working_day(day):
                assert add_working_days(due, -n) == day
        day += datetime.timedelta(days=11)


def test_a_loaded_calendar_loads_the_years_a_question_needs(seeded):
    with CaptureQueriesContext(connection) as ctx:
        cal = WorkingCalendar(D(2026, 12, 1), D(2026, 12, 31))
        assert cal.is_working_day(D(2026, 2, 2))  # same year: already loaded
        assert not cal.is_working_day(D(2026, 2, 20))
    assert len(ctx.captured_queries) == 1
    with CaptureQueriesContext(connection) as ctx:
        assert cal.add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 5)  # 29, 30, 31, 4, 5
        assert not cal.is_working_day(D(2027, 1, 1))
        assert cal.working_days_between(D(2025, 12, 31), D(2026, 1, 2)) == 1  # Jan 1 is off
    assert len(ctx.captured_queries) == 2  # 2027, then 2025
    assert cal.unloaded_years == set()
    with pytest.raises(ValueError):
        WorkingCalendar(D(2026, 2, 1), D(2026, 1, 1))


def test_year_boundaries_across_the_seeded_period(db):
    seed(2026)
    # Dec 31 2026 (Thu) is a working day of the seeded year; Jan 1 2027 lies past it: the law.
    assert is_working_day(D(2026, 12, 31))
    assert not is_working_day(D(2027, 1, 1))
    assert not is_working_day(D(2026, 1, 1))
    assert is_working_day(D(2025, 12, 31))  # before the seeded period: the law, a Wednesday
    assert not is_working_day(D(2025, 1, 1))
    # Five working days spanning the year change, both ways round the seeded period.
    assert add_working_days(D(2026, 12, 28), 5) == D(2027, 1, 5)  # 29, 30, 31, Mon 4, Tue 5
    assert add_working_days(D(2025, 12, 29), 5) == D(2026, 1, 6)  # 30, 31, 2, 5, 6
    assert working_days_between(D(2026, 12, 28), D(2027, 1, 5)) == 5
    assert add_working_days(D(2027, 1, 5), -5) == D(2026, 12, 28)
    cal = WorkingCalendar(D(2026, 12, 31))
    assert cal.add_working_days(D(2026, 12, 31), 5) == D(2027, 1, 8)
    assert cal.unloaded_years == {2027}


def test_add_working_days_uses_a_constant_number_of_queries(seeded):
    counts = {}
    for n in (1, 5, 250, 2000):
        with CaptureQueriesContext(connection) as ctx:
            add_working_days(D(2025, 1, 2), n)
        counts[n] = len(ctx.captured_queries)
    assert set(counts.values()) == {1}, counts
    with CaptureQueriesContext(connection) as ctx:
        assert working_days_between(D(2025, 1, 1), D(2027, 12, 31)) > 700
    assert len(ctx.captured_queries) == 1
    with CaptureQueriesContext(connection) as ctx:
        cal = WorkingCalendar(D(2025, 1, 1), D(2027, 12, 31))
        for offset in range(0, 900, 3):
            cal.add_working_days(D(2025, 1, 1) + datetime.timedelta(days=offset), 5)
    assert len(ctx.captured_queries) == 1


def test_long_runs_of_closures_load_a_further_window(db):
    # 60 days closed in a row: more than the first window holds, still the right answer.
    start = D(2026, 8, 3)
    CalendarException.objects.bulk_create(
        CalendarException(date=start + datetime.timedelta(days=i), kind=CalendarException.CLOSURE, name="停班")
        for i in range(1, 61)
    )
    due = add_working_days(start, 2)
    assert due > start + datetime.timedelta(days=60)
    assert working_days_between(start, due) == 2


# --- seeding --------------------------------------------------------------------------------


def test_seeding_is_idempotent_and_keeps_manual_rows(db):
    # The agency decided before seeding that Fri 9 Oct 2026 is worked after all.
    CalendarException.objects.create(date=D(2026, 10, 9), kind=CalendarException.MAKEUP_WORKDAY, name="機關自訂上班")
    # And a typhoon day, which the package knows nothing of.
    CalendarException.objects.create(date=D(2026, 7, 9), kind=CalendarException.CLOSURE, name="颱風停止上班")
    first = seed_calendar([2026])
    assert first["created"] > 15 and first["manual_kept"] == 1
    rows = list(CalendarException.objects.order_by("date").values_list("date", "kind", "name", "source"))

    second = seed_calendar([2026])
    assert second == {"created": 0, "updated": 0, "unchanged": first["created"], "deleted": 0, "manual_kept": 1}
    assert list(CalendarException.objects.order_by("date").values_list("date", "kind", "name", "source")) == rows
    assert CalendarException.objects.get(date=D(2026, 10, 9)).kind == CalendarException.MAKEUP_WORKDAY
    assert CalendarException.objects.get(date=D(2026, 7, 9)).kind == CalendarException.CLOSURE
    assert is_working_day(D(2026, 10, 9))

    # A seeded row changed behind the seed's back is corrected; one the source no longer gives
    # is removed; manual rows stay whatever they say.
    CalendarException.objects.filter(date=D(2026, 2, 16)).update(name="改過的名稱")
    CalendarException.objects.create(
        date=D(2026, 3, 3), kind=CalendarException.HOLIDAY, name="舊資料", source=CalendarException.SEEDED
    )
    third = seed_calendar([2026])
    assert third["updated"] == 1 and third["deleted"] == 1 and third["manual_kept"] == 1
    assert CalendarException.objects.get(date=D(2026, 2, 16)).name != "改過的名稱"
    assert not CalendarException.objects.filter(date=D(2026, 3, 3)).exists()
    assert CalendarException.objects.filter(date=D(2026, 7, 9)).exists()


def test_seeding_one_year_leaves_the_others_alone(db):
    seed(2025, 2026)
    before = CalendarException.objects.filter(date__year=2025).count()
    out = seed(2026)
    assert "2026" in out
    assert CalendarException.objects.filter(date__year=2025).count() == before


# --- the admin ------------------------------------------------------------------------------


@pytest.fixture
def superuser(site_tree, django_user_model):
    return django_user_model.objects.create_superuser("cal-admin", "cal@example.gov.tw", "pw-for-tests-only-123")


def assert_refused(response):
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert "/working_calendar/" not in response["Location"]


def form_data(day, kind, name):
    return {"date": day.isoformat(), "kind": kind, "name": name}


def test_superuser_lists_filters_adds_and_edits(client, superuser, seeded):
    client.force_login(superuser)
    index = reverse("working_calendar:index")
    response = client.get(index)
    assert response.status_code == 200
    assert "工作日行事曆" in response.content.decode()

    response = client.get(index, {"year": "2025", "kind": CalendarException.MAKEUP_WORKDAY})
    assert response.status_code == 200
    assert [row.date for row in response.context["object_list"]] == [D(2025, 2, 8)]
    assert "星期六" in response.content.decode()
    response = client.get(index, {"year": "2026"})
    assert {row.date.year for row in response.context["object_list"]} == {2026}

    # A typhoon day entered in the admin moves a deadline.
    assert add_working_days(D(2026, 7, 6), 5) == D(2026, 7, 13)
    response = client.post(
        reverse("working_calendar:add"), form_data(D(2026, 7, 9), CalendarException.CLOSURE, "颱風停止上班")
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    closure = CalendarException.objects.get(date=D(2026, 7, 9))
    assert (closure.kind, closure.source) == (CalendarException.CLOSURE, CalendarException.MANUAL)
    assert add_working_days(D(2026, 7, 6), 5) == D(2026, 7, 14)

    # The same date twice is refused with a message, not a crash.
    response = client.post(reverse("working_calendar:add"), form_data(D(2026, 7, 9), CalendarException.CLOSURE, "重複"))
    assert response.status_code == 200
    assert response.context["form"].errors["date"]

    # Editing a seeded row makes it manual: seeding no longer overwrites it.
    seeded_row = CalendarException.objects.get(date=D(2026, 2, 20))
    response = client.post(
        reverse("working_calendar:edit", args=[seeded_row.pk]),
        form_data(seeded_row.date, CalendarException.MAKEUP_WORKDAY, "機關自訂上班"),
    )
    assert response.status_code == 302
    seeded_row.refresh_from_db()
    assert (seeded_row.kind, seeded_row.source) == (CalendarException.MAKEUP_WORKDAY, CalendarException.MANUAL)
    seed_calendar([2026])
    seeded_row.refresh_from_db()
    assert seeded_row.kind == CalendarException.MAKEUP_WORKDAY and seeded_row.name == "機關自訂上班"

    response = client.post(reverse("working_calendar:delete", args=[closure.pk]))
    assert response.status_code == 302
    assert not CalendarException.objects.filter(pk=closure.pk).exists()
    assert add_working_days(D(2026, 7, 6), 5) == D(2026, 7, 13)


def test_account_manager_may_edit_the_calendar(client, site_tree, seeded):
    manager = make_member("br-ccn", "account_manager", account_role="wda_officer")
    client.force_login(manager)
    assert reverse("working_calendar:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("working_calendar:index")).status_code == 200
    response = client.post(
        reverse("working_calendar:add"), form_data(D(2026, 8, 31), CalendarException.CLOSURE, "颱風停止上班")
    )
    assert response.status_code == 302
    row = CalendarException.objects.get(date=D(2026, 8, 31))
    response = client.post(
        reverse("working_calendar:edit", args=[row.pk]),
        form_data(row.date, CalendarException.CLOSURE, "颱風停止上班（全國）"),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.name == "颱風停止上班（全國）"


def test_an_editor_is_refused_everything(client, site_tree, seeded):
    editor = make_member("TW-TXG")
    reviewer = make_member("TW-TXG", "unit_reviewer")
    row = CalendarException.objects.get(date=D(2026, 2, 16))
    for user in (editor, reviewer):
        client.force_login(user)
        assert reverse("working_calendar:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
        assert_refused(client.get(reverse("working_calendar:index")))
        assert_refused(client.get(reverse("working_calendar:add")))
        assert_refused(
            client.post(reverse("working_calendar:add"), form_data(D(2026, 7, 9), CalendarException.CLOSURE, "颱風"))
        )
        assert_refused(client.get(reverse("working_calendar:edit", args=[row.pk])))
        assert_refused(
            client.post(
                reverse("working_calendar:edit", args=[row.pk]),
                form_data(row.date, CalendarException.MAKEUP_WORKDAY, "改"),
            )
        )
        assert_refused(client.post(reverse("working_calendar:delete", args=[row.pk])))
    assert not CalendarException.objects.filter(date=D(2026, 7, 9)).exists()
    row.refresh_from_db()
    assert (row.kind, row.source) == (CalendarException.HOLIDAY, CalendarException.SEEDED)
