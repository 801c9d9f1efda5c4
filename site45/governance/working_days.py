"""Taiwan working days (工作日) of a government agency — the one module that answers them.

Rules, in order:

1. a ``CalendarException`` row for the day decides: ``makeup_workday`` (補行上班, e.g. a
   Saturday) is a working day; ``holiday`` (國定假日、補假、調整放假) and ``closure``
   (停止上班, e.g. a typhoon day) are not;
2. otherwise Monday–Friday are working days and Saturday and Sunday are not.

The rows are seeded from the ``holidays`` package and corrected by the agency in the admin
(「工作日行事曆」, see ``calendar_admin``; data sources and their limits in ``calendar_seed``);
this module only reads them, each date range with one query — never one query per day.

Counting convention: "n working days after ``start``" never counts ``start`` itself, so the
reply deadline of an application received on ``received`` is ``add_working_days(received, 5)``,
the 5th working day after the received date, whether or not the received date is itself a
working day; and ``working_days_between(a, add_working_days(a, n)) == n``.

For many questions over one period (e.g. a daily job checking thousands of accounts) load the
period once with ``WorkingCalendar(first, last)`` and ask it.
"""

import datetime

from django.utils import timezone

from .calendar import CalendarException

#: Extra days loaded beyond the rough span of a request for ``add_working_days``; if the window
#: still falls short (a very long run of closures) the next window is loaded.
_MARGIN_DAYS = 31


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _load(first, last):
    """``{date: kind}`` of every exception from ``first`` to ``last`` inclusive: one query."""
    return dict(CalendarException.objects.filter(date__range=(first, last)).values_list("date", "kind"))


def _is_working(day, exceptions):
    kind = exceptions.get(day)
    if kind == CalendarException.MAKEUP_WORKDAY:
        return True
    if kind in CalendarException.DAY_OFF_KINDS:
        return False
    return day.weekday() < 5


class WorkingCalendar:
    """The working days of ``first``..``last`` (inclusive), loaded with one query.

    Asking about a date outside the loaded period raises ``ValueError`` rather than silently
    treating it as an ordinary week day.
    """

    def __init__(self, first, last):
        self.first, self.last = _as_date(first), _as_date(last)
        if self.last < self.first:
            raise ValueError("last must not be before first")
        self.exceptions = _load(self.first, self.last)

    def _check(self, day):
        if not self.first <= day <= self.last:
            raise ValueError(f"{day} is outside the loaded period {self.first}..{self.last}")

    def is_working_day(self, day):
        day = _as_date(day)
        self._check(day)
        return _is_working(day, self.exceptions)

    def add_working_days(self, start, n):
        """The ``n``-th working day after ``start`` (before it when ``n`` is negative)."""
        day = _as_date(start)
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            day += datetime.timedelta(days=step)
            self._check(day)
            if _is_working(day, self.exceptions):
                remaining -= 1
        return day

    def working_days_between(self, a, b):
        """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        self._check(a)
        self._check(b)
        count = 0
        day = a
        while day < b:
            day += datetime.timedelta(days=1)
            count += _is_working(day, self.exceptions)
        return count


def is_working_day(day):
    """Whether ``day`` is a working day (one query)."""
    day = _as_date(day)
    return _is_working(day, _load(day, day))


def add_working_days(start, n):
    """The ``n``-th working day after ``start`` (``start`` itself never counts); ``start`` for 0.

    E.g. the reply deadline of an application received on ``received`` is
    ``add_working_days(received, 5)``. Negative ``n`` counts backwards. Loads the exceptions of
    a window that is almost always enough in one query; a further window only if it is not.
    """
    day = _as_date(start)
    if n == 0:
        return day
    step = 1 if n > 0 else -1
    remaining = abs(n)
    while True:
        # n working days span n * 7 / 5 calendar days plus the holidays in between (some 20 a
        # year, about 8% of the working days): 8 / 5 covers them with room to spare.
        span = remaining * 8 // 5 + _MARGIN_DAYS
        window_end = day + datetime.timedelta(days=step * span)
        exceptions = _load(min(day, window_end), max(day, window_end))
        while day != window_end:
            day += datetime.timedelta(days=step)
            if _is_working(day, exceptions):
                remaining -= 1
                if not remaining:
                    return day


def working_days_between(a, b):
    """Working days after ``a`` up to and including ``b`` (one query); negative if ``b < a``.

    ``working_days_between(a, add_working_days(a, n)) == n``.
    """
    a, b = _as_date(a), _as_date(b)
    if b < a:
        return -working_days_between(b, a)
    return WorkingCalendar(a, b).working_days_between(a, b)
