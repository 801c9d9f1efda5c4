"""Seed the working-day calendar (``CalendarException``) from the ``holidays`` package.

``seed_calendar(years)`` writes, for each year:

- every national holiday of ``holidays.TW`` (category PUBLIC, names in zh_TW), including its
  observed days (補假) and adjusted days off (調整放假, e.g. 2025-01-27), as ``holiday`` rows;
- every make-up workday (補行上班) as a ``makeup_workday`` row: the package's
  ``weekend_workdays`` of that year, plus the dates of ``data/tw-makeup-workdays.csv`` (which
  documents its sources and what is not known yet, e.g. 2027).

Data sources and their limits: holidays 0.109 follows the DGPA 辦公日曆表 up to 2026 (its
docstring cites the DGPA calendars 1998–2026, and it agrees with the DGPA announcements for
2024–2026: make-up Saturdays 2024-02-17 and 2025-02-08, none in 2026, when 春節 runs 2026-02-14
to 2026-02-22 with 2026-02-20 as the 補假 of 除夕前一日). Years the DGPA has not published when
the package was released (2027 and later) are computed from the rules of 紀念日及節日實施條例 and
carry no adjusted days off or make-up days; the agency corrects them in the admin when the
calendar is published. Typhoon closures (停止上班) are never seeded.

Idempotent: seeded rows are created, corrected or — if the source no longer lists them —
removed; a manual row (added or edited by a person) is never touched, even when the source
disagrees with it.
"""

import csv
import datetime
from pathlib import Path

import holidays
from django.db import transaction

from .exceptions import CalendarException

MAKEUP_WORKDAYS_CSV = Path(__file__).resolve().parent.parent / "data" / "tw-makeup-workdays.csv"
_NAME_LENGTH = CalendarException._meta.get_field("name").max_length


def _csv_makeup_workdays(path=MAKEUP_WORKDAYS_CSV):
    """``{date: name}`` of the make-up workdays listed in the CSV (lines starting with # skipped)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if line.strip() and not line.startswith("#"))
        return {datetime.date.fromisoformat(row["date"]): row["name"].strip() for row in rows}


def _makeup_name(makeup, holidays_of_year):
    """「補行上班（1月27日調整放假）」, naming the day off the make-up day pays for if known."""
    for day, name in holidays_of_year.items():
        if makeup.isoformat() in name:
            return f"補行上班（{day.month}月{day.day}日調整放假）"
    return "補行上班"


def wanted_exceptions(years, csv_path=MAKEUP_WORKDAYS_CSV):
    """``{date: (kind, name)}`` that the sources give for ``years``."""
    from_csv = _csv_makeup_workdays(csv_path)
    wanted = {}
    for year in years:
        try:
            tw = holidays.TW(years=year, language="zh_TW")
        except (TypeError, NotImplementedError):  # an old package without translations
            tw = holidays.TW(years=year)
        of_year = {day: name for day, name in tw.items() if day.year == year}
        for day, name in of_year.items():
            wanted[day] = (CalendarException.HOLIDAY, name[:_NAME_LENGTH])
        for day in getattr(tw, "weekend_workdays", ()):
            if day.year == year:
                wanted[day] = (CalendarException.MAKEUP_WORKDAY, _makeup_name(day, of_year))
        for day, name in from_csv.items():
            if day.year == year:
                wanted[day] = (CalendarException.MAKEUP_WORKDAY, name[:_NAME_LENGTH])
    return wanted


@transaction.atomic
def seed_calendar(years, csv_path=MAKEUP_WORKDAYS_CSV):
    """Bring the seeded rows of ``years`` in line with the sources; returns counts by outcome."""
    years = sorted(set(years))
    wanted = wanted_exceptions(years, csv_path)
    existing = {row.date: row for row in CalendarException.objects.select_for_update().filter(date__year__in=years)}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0, "manual_kept": 0}
    to_create = []
    for day, (kind, name) in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            to_create.append(CalendarException(date=day, kind=kind, name=name, source=CalendarException.SEEDED))
        elif row.source == CalendarException.MANUAL:
            counts["manual_kept"] += 1
        elif (row.kind, row.name) != (kind, name):
            row.kind, row.name = kind, name
            row.save(update_fields=["kind", "name", "updated_at"])
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    # ignore_conflicts: a row a person adds while this runs wins over the seed.
    CalendarException.objects.bulk_create(to_create, ignore_conflicts=True)
    counts["created"] = len(to_create)
    stale = [row.pk for day, row in existing.items() if row.source == CalendarException.SEEDED and day not in wanted]
    if stale:
        counts["deleted"] = CalendarException.objects.filter(pk__in=stale).delete()[0]
    return counts
