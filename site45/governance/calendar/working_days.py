"""Taiwan working days (工作日) of a government agency — the one module that answers them.

Rules, in order:

1. a ``CalendarException`` row for the day decides: ``makeup_workday`` (補行上班, e.g. a
   Saturday) is a working day; ``holiday`` (國定假日、補假、調整放假) and ``closure``
   (停止上班, e.g. a typhoon day) are not;
2. in a year whose calendar is not loaded (no ``holiday`` row in the table for it — every real
   year has national holidays, so such a year was never seeded nor entered), the holiday law
   decides instead: the days ``calendar.seed.wanted_exceptions`` would seed for that year (the
   ``holidays`` package's Taiwan calendar plus the make-up workdays CSV). A question about an
   unseeded year is answered, never refused; the admin warns the calendar's editors
   (``unloaded_years``, ``calendar.hooks``);
3. otherwise Monday–Friday are working days and Saturday and Sunday are not.

The rows are seeded from the ``holidays`` package and corrected by the agency in the admin
(「工作日行事曆」, see ``calendar.admin``; data sources and their limits in ``calendar.seed``);
this module only reads them, whole years at a time, with one query per load — never one query
per day.

Counting convention: "n working days after ``start``" never counts ``start`` itself, so the
reply deadline of an application received on ``received`` is ``add_working_days(received, 5)``,
the 5th working day after the received date, whether or not the received date is itself a
working day; and ``working_days_between(a, add_working_days(a, n)) == n``.

For many questions over one period (e.g. a daily job checking thousands of accounts) load the
period once with ``WorkingCalendar(first, last)`` and ask it; a question outside that period
loads the missing years (one more query) rather than failing.
"""

import datetime
import functools
import logging

from django.utils import timezone

from .exceptions import CalendarException
from .seed import wanted_exceptions

logger = logging.getLogger(__name__)

#: Extra days loaded beyond the rough span of a request for ``add_working_days``; if the window
#: still falls short (a very long run of closures) the next years are loaded.
_MARGIN_DAYS = 31


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


@functools.lru_cache(maxsize=64)
def law_exceptions(year):
    """``{date: kind}`` that the holiday law gives for ``year`` (what seeding would write)."""
    return {day: kind for day, (kind, _name) in wanted_exceptions([year]).items()}


def _load_years(first_year, last_year):
    """``({date: kind}, unloaded years)`` of the years ``first_year``..``last_year``: one query.

    A year without any ``holiday`` row is not loaded: the law's days fill it, under whatever
    rows it does have (a closure entered by hand still counts).
    """
    rows = CalendarException.objects.filter(
        date__gte=datetime.date(first_year, 1, 1), date__lte=datetime.date(last_year, 12, 31)
    ).values_list("date", "kind")
    exceptions, loaded = {}, set()
    for day, kind in rows:
        exceptions[day] = kind
        if kind == CalendarException.HOLIDAY:
            loaded.add(day.year)
    unloaded = set(range(first_year, last_year + 1)) - loaded
    for year in sorted(unloaded):
        logger.info("working-day calendar of %s is not loaded: the holiday law decides", year)
        for day, kind in law_exceptions(year).items():
            exceptions.setdefault(day, kind)
    return exceptions, unloaded


def _is_working(day, exceptions):
    kind = exceptions.get(day)
    if kind == CalendarException.MAKEUP_WORKDAY:
        return True
    if kind in CalendarException.DAY_OFF_KINDS:
        return False
    return day.weekday() < 5


class WorkingCalendar:
    """The working days of ``first``..``last`` (inclusive, widened to whole years), one query.

    A date outside the years loaded so far loads the missing years (one query more) rather than
    being refused or treated as an ordinary week day. ``unloaded_years`` lists the years among
    them whose calendar the table does not hold, answered by the holiday law.
    """

    def __init__(self, first, last=None):
        first = _as_date(first)
        last = first if last is None else _as_date(last)
        if last < first:
            raise ValueError("last must not be before first")
        self.first_year = self.last_year = None
        self.exceptions = {}
        self.unloaded_years = set()
        self._extend(first.year, last.year)

    def _extend(self, first_year, last_year):
        if self.first_year is not None:
            if self.first_year <= first_year and last_year <= self.last_year:
                return
            # Keep the loaded years one contiguous run: load only what is missing on each side.
            if first_year < self.first_year:
                self._add(first_year, self.first_year - 1)
            if last_year > self.last_year:
                self._add(self.last_year + 1, last_year)
            return
        self._add(first_year, last_year)

    def _add(self, first_year, last_year):
        exceptions, unloaded = _load_years(first_year, last_year)
        self.exceptions.update(exceptions)
        self.unloaded_years |= unloaded
        self.first_year = first_year if self.first_year is None else min(self.first_year, first_year)
        self.last_year = last_year if self.last_year is None else max(self.last_year, last_year)

    def _ensure(self, day):
        if not self.first_year <= day.year <= self.last_year:
            self._extend(min(day.year, self.first_year), max(day.year, self.last_year))

    def is_working_day(self, day):
        day = _as_date(day)
        self._ensure(day)
        return _is_working(day, self.exceptions)

    def add_working_days(self, start, n):
        """The ``n``-th working day after ``start`` (before it when ``n`` is negative)."""
        day = _as_date(start)
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            day += datetime.timedelta(days=step)
            self._ensure(day)
            if _is_working(day, self.exceptions):
                remaining -= 1
        return day

    def working_days_between(self, a, b):
        """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        self._ensure(a)
        self._ensure(b)
        count = 0
        day = a
        while day < b:
            day += datetime.timedelta(days=1)
            count += _is_working(day, self.exceptions)
        return count


def unloaded_years(years):
    """The years among ``years`` whose calendar is not loaded (the law answers for them): one query."""
    years = sorted(set(years))
    if not years:
        return []
    loaded = {
        d.year
        for d in CalendarException.objects.filter(kind=CalendarException.HOLIDAY, date__year__in=years).dates(
            "date", "year"
        )
    }
    return [year for year in years if year not in loaded]


def is_working_day(day):
    """Whether ``day`` is a working day (one query)."""
    day = _as_date(day)
    return WorkingCalendar(day).is_working_day(day)


def add_working_days(start, n):
    """The ``n``-th working day after ``start`` (``start`` itself never counts); ``start`` for 0.

    E.g. the reply deadline of an application received on ``received`` is
    ``add_working_days(received, 5)``. Negative ``n`` counts backwards. Loads the years of a
    window that is almost always enough in one query; further years only if it is not.
    """
    day = _as_date(start)
    if n == 0:
        return day
    # n working days span n * 7 / 5 calendar days plus the holidays in between (some 20 a
    # year, about 8% of the working days): 8 / 5 covers them with room to spare.
    span = abs(n) * 8 // 5 + _MARGIN_DAYS
    window_end = day + datetime.timedelta(days=span if n > 0 else -span)
    return WorkingCalendar(min(day, window_end), max(day, window_end)).add_working_days(day, n)


def working_days_between(a, b):
    """Working days after ``a`` up to and including ``b`` (one query); negative if ``b < a``.

    ``working_days_between(a, add_working_days(a, n)) == n``.
    """
    a, b = _as_date(a), _as_date(b)
    return WorkingCalendar(min(a, b), max(a, b)).working_days_between(a, b)
