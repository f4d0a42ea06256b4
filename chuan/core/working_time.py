"""Vietnamese working time: the one engine behind every deadline in Chuẩn.

Non-working days are Saturdays and Sundays (the civil-service week, QĐ 188/1999/QĐ-TTg), the
public holidays of the Labour Code 2019 (Art. 112, lunar Tết and Hùng Kings' day included,
with the make-up day of Art. 111(3) when one falls on a weekend) as the `holidays` package
computes them, including the swapped working Saturdays it knows, and then the overrides of
the calendar table, which win: an extra day off or an extra working day, each decided by a
yearly notice (e.g. 9441/TB-BNV for 2026). Office hours default to 07:30–11:30 and
13:00–17:00. Pure functions: no database, microseconds per call.
"""

import bisect
import calendar
import datetime
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
Interval = tuple[datetime.time, datetime.time]


class Unit:
    """How a procedure's processing time is expressed."""

    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"
    SAME_DAY = "same_day"
    ALL = (WORKING_HOURS, WORKING_DAYS, CALENDAR_DAYS, MONTHS, SAME_DAY)


@dataclass(frozen=True)
class WorkingCalendar:
    """A province's working calendar: office hours, the same-day cut-off and the overrides."""

    intervals: tuple[Interval, ...] = (
        (datetime.time(7, 30), datetime.time(11, 30)),
        (datetime.time(13, 0), datetime.time(17, 0)),
    )
    same_day_cutoff: datetime.time = datetime.time(15, 0)
    days_off: frozenset[datetime.date] = field(default_factory=frozenset)
    working_days: frozenset[datetime.date] = field(default_factory=frozenset)
    timezone: ZoneInfo = VIETNAM

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays("VN")

    @cached_property
    def _years(self) -> dict[int, tuple[list[int], frozenset[int]]]:
        # Working days per year as sorted ordinals (and a set): counting days becomes an
        # index step instead of a day-by-day walk.
        return {}

    def _working_ordinals(self, year: int) -> tuple[list[int], frozenset[int]]:
        cached = self._years.get(year)
        if cached is None:
            first = datetime.date(year, 1, 1).toordinal()
            last = datetime.date(year, 12, 31).toordinal()
            days = [
                ordinal
                for ordinal in range(first, last + 1)
                if self._decide(datetime.date.fromordinal(ordinal))
            ]
            cached = self._years[year] = (days, frozenset(days))
        return cached

    @property
    def day_length(self) -> datetime.timedelta:
        return sum((_span(start, end) for start, end in self.intervals), datetime.timedelta())

    @property
    def closing(self) -> datetime.time:
        return self.intervals[-1][1]

    def is_working_day(self, day: datetime.date) -> bool:
        """Whether officials work on `day`; the calendar table's overrides win."""
        return day.toordinal() in self._working_ordinals(day.year)[1]

    def _decide(self, day: datetime.date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if day in self._holidays:
            return False
        if day.weekday() >= 5:
            return day in getattr(self._holidays, "weekend_workdays", set())
        return True

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after `day`."""
        return self.working_day_after(day, 1)

    def working_day_after(self, day: datetime.date, count: int) -> datetime.date:
        """The `count`-th working day after `day` (`day` itself is not counted)."""
        year = day.year
        days = self._working_ordinals(year)[0]
        index = bisect.bisect_right(days, day.toordinal()) + count - 1
        while index >= len(days):
            index -= len(days)
            year += 1
            days = self._working_ordinals(year)[0]
        return datetime.date.fromordinal(days[index])

    def working_day_on_or_after(self, day: datetime.date) -> datetime.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def _at(self, day: datetime.date, moment: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, moment, tzinfo=self.timezone)

    def close_of(self, day: datetime.date) -> datetime.datetime:
        return self._at(day, self.closing)

    def opening(self, instant: datetime.datetime) -> datetime.datetime:
        """`instant` if it falls in office hours on a working day, else the next opening."""
        local = instant.astimezone(self.timezone)
        day = local.date()
        if self.is_working_day(day):
            for start, end in self.intervals:
                if local.time() < start:
                    return self._at(day, start)
                if local.time() < end:
                    return local
        return self._at(self.next_working_day(day), self.intervals[0][0])

    def add(self, instant: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
        """The instant `duration` of working time after `instant` (office hours only)."""
        current = self.opening(instant)
        remaining = duration
        while True:
            day = current.date()
            for start, end in self.intervals:
                end_at = self._at(day, end)
                if current >= end_at:
                    continue
                current = max(current, self._at(day, start))
                available = end_at - current
                if remaining <= available:
                    return current + remaining
                remaining -= available
                current = end_at
            current = self._at(self.next_working_day(day), self.intervals[0][0])

    def elapsed(self, start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
        """Working time between two instants (zero when `end` is not after `start`)."""
        total = datetime.timedelta()
        current = self.opening(start)
        end_local = end.astimezone(self.timezone)
        while current < end_local:
            day = current.date()
            for start_t, end_t in self.intervals:
                stop = min(self._at(day, end_t), end_local)
                begin = max(current, self._at(day, start_t))
                if stop > begin:
                    total += stop - begin
            current = self._at(self.next_working_day(day), self.intervals[0][0])
        return total

    def due(self, received_at: datetime.datetime, amount: int, unit: str) -> datetime.datetime:
        """When a dossier received at `received_at` with this processing time falls due.

        A receipt outside office hours counts from the next opening. Periods in days start
        the working day after receipt (Civil Code 2015, Art. 147) and end at the close of
        their last day; a due date on a non-working day moves to the next working day
        (Art. 148). Same-day procedures received after the cut-off are due the next working
        day.
        """
        if amount < 0:
            raise ValueError("amount must not be negative")
        received = self.opening(received_at)
        day = received.date()
        if unit == Unit.WORKING_HOURS:
            return self.add(received, datetime.timedelta(hours=amount))
        if unit == Unit.WORKING_DAYS:
            return self.close_of(self.working_day_after(day, amount) if amount else day)
        if unit == Unit.CALENDAR_DAYS:
            return self.close_of(self.working_day_on_or_after(day + datetime.timedelta(amount)))
        if unit == Unit.MONTHS:
            return self.close_of(self.working_day_on_or_after(add_months(day, amount)))
        if unit == Unit.SAME_DAY:
            if received.time() < self.same_day_cutoff:
                return self.close_of(day)
            return self.close_of(self.next_working_day(day))
        raise ValueError(f"unknown unit {unit!r}")

    def extend_for_pause(
        self,
        due: datetime.datetime,
        paused_at: datetime.datetime,
        resumed_at: datetime.datetime,
    ) -> datetime.datetime:
        """The due time moved by the working time the clock stood still (a supplement or a
        financial obligation paused the dossier)."""
        paused = self.elapsed(paused_at, resumed_at)
        return self.add(due, paused) if paused else due

    def days_off_in(self, year: int) -> list[tuple[datetime.date, str]]:
        """The days off of `year` beyond ordinary weekends, with the holiday's name (empty
        for a day off decided by the calendar table), for the year-at-a-glance screen."""
        days = {
            day: str(name)
            for day, name in holidays.country_holidays("VN", years=year).items()
            if not self.is_working_day(day)
        }
        days.update({day: "" for day in self.days_off if day.year == year})
        return sorted(days.items())


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day
    (31/1 + 1 month = 28/2 or 29/2)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _span(start: datetime.time, end: datetime.time) -> datetime.timedelta:
    base = datetime.date(2000, 1, 1)
    return datetime.datetime.combine(base, end) - datetime.datetime.combine(base, start)
