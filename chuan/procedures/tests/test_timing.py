"""The statutory time in working hours and whether an internal process fits it."""

import datetime as dt
from decimal import Decimal

import pytest

from chuan.core.working_time import Unit, WorkingCalendar
from chuan.procedures.timing import engine_amount, process_fit, statutory_hours

CAL = WorkingCalendar()
D = Decimal


@pytest.mark.parametrize(
    ("amount", "unit", "reference", "hours"),
    [
        (D(3), Unit.WORKING_DAYS, dt.date(2026, 3, 2), D(24)),
        (D("0.5"), Unit.WORKING_DAYS, dt.date(2026, 3, 2), D(4)),
        (D(4), Unit.WORKING_HOURS, dt.date(2026, 3, 2), D(4)),
        (D(0), Unit.SAME_DAY, dt.date(2026, 3, 2), D(8)),
        # 15 days from Mon 2/3/2026: 3/3 … 17/3 hold 11 working days.
        (D(15), Unit.CALENDAR_DAYS, dt.date(2026, 3, 2), D(88)),
        # 15 days from Mon 9/2/2026 span Tết (16–20/2): 10/2 … 24/2 hold 6 working days.
        (D(15), Unit.CALENDAR_DAYS, dt.date(2026, 2, 9), D(48)),
    ],
)
def test_statutory_hours(amount, unit, reference, hours):
    assert statutory_hours(amount, unit, CAL, reference) == hours


def test_fractions_become_hours_for_the_engine():
    assert engine_amount(D("0.5"), Unit.WORKING_DAYS, CAL) == (4, Unit.WORKING_HOURS)
    assert engine_amount(D(3), Unit.WORKING_DAYS, CAL) == (3, Unit.WORKING_DAYS)
    assert engine_amount(D("1.5"), Unit.WORKING_HOURS, CAL) == (2, Unit.WORKING_HOURS)


def test_a_process_that_fits_and_one_that_does_not():
    steps = [(D("0.5"), Unit.WORKING_HOURS), (D(2), Unit.WORKING_DAYS), (D(4), Unit.WORKING_HOURS)]
    fit = process_fit(steps, (D(3), Unit.WORKING_DAYS), CAL, dt.date(2026, 3, 2))
    assert (fit.total_hours, fit.statutory_hours, fit.exceeds) == (D("20.5"), D(24), False)
    fit = process_fit(steps, (D(2), Unit.WORKING_DAYS), CAL, dt.date(2026, 3, 2))
    assert fit.exceeds and fit.spare_hours == D("-4.5")
