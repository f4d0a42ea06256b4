"""Pure rules on a procedure's time: its statutory time in working hours, the allotted time
of an internal process's steps, and whether the steps fit the statutory time.

A working day is the province's office hours (eight hours by default). A statutory time in
calendar days or months holds as many working hours as the working days it spans from a
receipt at the opening of a reference day, so the comparison follows holidays too.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from chuan.core.working_time import Unit, WorkingCalendar

HOUR = datetime.timedelta(hours=1)


def day_hours(calendar: WorkingCalendar) -> Decimal:
    return Decimal(calendar.day_length / HOUR)


def engine_amount(amount: Decimal, unit: str, calendar: WorkingCalendar) -> tuple[int, str]:
    """The whole amount and unit the engine counts with: half a working day is four working
    hours (by default), and fractions of hours round up to the next hour."""
    if unit == Unit.WORKING_DAYS and amount != amount.to_integral_value():
        return _ceil(amount * day_hours(calendar)), Unit.WORKING_HOURS
    return _ceil(amount), unit


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding="ROUND_CEILING"))


def statutory_hours(
    amount: Decimal, unit: str, calendar: WorkingCalendar, reference: datetime.date
) -> Decimal:
    """The working hours a statutory time allows."""
    if unit == Unit.WORKING_HOURS:
        return amount
    if unit == Unit.WORKING_DAYS:
        return amount * day_hours(calendar)
    if unit == Unit.SAME_DAY:
        return day_hours(calendar)
    opening = calendar.opening(
        datetime.datetime.combine(reference, datetime.time(0), tzinfo=calendar.timezone)
    )
    whole, engine_unit = engine_amount(amount, unit, calendar)
    due = calendar.due(opening, whole, engine_unit)
    # Counted from the working day after receipt, like the due time itself.
    start = calendar.opening(
        datetime.datetime.combine(
            calendar.next_working_day(opening.date()),
            datetime.time(0),
            tzinfo=calendar.timezone,
        )
    )
    return Decimal(calendar.elapsed(start, due) / HOUR)


def step_hours(amount: Decimal, unit: str, calendar: WorkingCalendar) -> Decimal:
    """A step's allotted time in working hours."""
    return amount * day_hours(calendar) if unit == Unit.WORKING_DAYS else amount


@dataclass(frozen=True)
class Fit:
    """An internal process's total time against the statutory time, in working hours."""

    total_hours: Decimal
    statutory_hours: Decimal

    @property
    def exceeds(self) -> bool:
        return self.total_hours > self.statutory_hours

    @property
    def spare_hours(self) -> Decimal:
        return self.statutory_hours - self.total_hours

    @property
    def overrun_hours(self) -> Decimal:
        return max(-self.spare_hours, Decimal(0))


def process_fit(
    steps: list[tuple[Decimal, str]],
    statutory: tuple[Decimal, str],
    calendar: WorkingCalendar,
    reference: datetime.date,
) -> Fit:
    """Whether the steps (amount, unit) fit the statutory (amount, unit)."""
    total = sum((step_hours(amount, unit, calendar) for amount, unit in steps), Decimal(0))
    return Fit(total, statutory_hours(*statutory, calendar, reference))
