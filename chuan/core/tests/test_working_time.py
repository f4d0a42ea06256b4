"""The working-time engine on real Vietnamese dates (Tết 2026 and 2027, the 22/8/2026
working Saturday, Culture Day 24/11/2026, Hùng Kings' day on a Sunday) and by properties."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chuan.core.working_time import VIETNAM, Unit, WorkingCalendar

CAL = WorkingCalendar()


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2026, 2, 16), False),  # Tết eve
        (dt.date(2026, 2, 20), False),  # 4th day of Tết
        (dt.date(2026, 2, 23), True),
        (dt.date(2026, 4, 27), False),  # Hùng Kings' day (Sun 26/4) made up on Monday
        (dt.date(2026, 8, 22), True),  # Saturday worked, swapped for Mon 31/8
        (dt.date(2026, 8, 31), False),
        (dt.date(2026, 11, 24), False),  # Vietnam Culture Day
        (dt.date(2027, 2, 4), False),  # Tết 2027 starts on the 29th of the lunar year
        (dt.date(2027, 2, 10), False),
        (dt.date(2027, 2, 11), True),
        (dt.date(2027, 5, 3), False),  # 1/5/2027 is a Saturday: made up on Monday
        (dt.date(2026, 3, 7), False),  # an ordinary Saturday
    ],
)
def test_non_working_days_follow_the_law_and_the_yearly_notice(day, working):
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize(
    ("received", "amount", "unit", "due"),
    [
        (at(2026, 2, 13, 10, 0), 1, Unit.WORKING_DAYS, at(2026, 2, 23, 17, 0)),
        (at(2026, 8, 21, 16, 0), 1, Unit.WORKING_DAYS, at(2026, 8, 22, 17, 0)),
        (at(2026, 11, 23, 9, 0), 1, Unit.WORKING_DAYS, at(2026, 11, 25, 17, 0)),
        (at(2026, 4, 24, 9, 0), 1, Unit.WORKING_DAYS, at(2026, 4, 28, 17, 0)),
        (at(2027, 2, 3, 10, 0), 1, Unit.WORKING_DAYS, at(2027, 2, 11, 17, 0)),
        # A real receipt slip: Fri 27/10/2023 09:32, 5 working days, due 03/11/2023.
        (at(2023, 10, 27, 9, 32), 5, Unit.WORKING_DAYS, at(2023, 11, 3, 17, 0)),
        # Received after closing: counted from the next opening (Monday), due Tuesday.
        (at(2026, 3, 6, 18, 30), 1, Unit.WORKING_DAYS, at(2026, 3, 10, 17, 0)),
        (at(2026, 3, 2, 11, 0), 2, Unit.WORKING_HOURS, at(2026, 3, 2, 14, 30)),
        (at(2026, 3, 2, 12, 0), 1, Unit.WORKING_HOURS, at(2026, 3, 2, 14, 0)),
        (at(2026, 3, 2, 16, 30), 1, Unit.WORKING_HOURS, at(2026, 3, 3, 8, 0)),
        (at(2026, 3, 2, 14, 59), 0, Unit.SAME_DAY, at(2026, 3, 2, 17, 0)),
        (at(2026, 3, 2, 15, 1), 0, Unit.SAME_DAY, at(2026, 3, 3, 17, 0)),
        (at(2026, 2, 13, 15, 30), 0, Unit.SAME_DAY, at(2026, 2, 23, 17, 0)),
        # 10 calendar days from 6/2/2026 end on 16/2 (Tết eve): moved to 23/2.
        (at(2026, 2, 6, 9, 0), 10, Unit.CALENDAR_DAYS, at(2026, 2, 23, 17, 0)),
        (at(2026, 1, 31, 9, 0), 1, Unit.MONTHS, at(2026, 3, 2, 17, 0)),
    ],
)
def test_due_times_on_real_dates(received, amount, unit, due):
    assert CAL.due(received, amount, unit) == due


def test_calendar_overrides_win_over_the_package():
    extra = WorkingCalendar(
        days_off=frozenset({dt.date(2026, 3, 3)}), working_days=frozenset({dt.date(2026, 3, 7)})
    )
    assert not extra.is_working_day(dt.date(2026, 3, 3))
    assert extra.is_working_day(dt.date(2026, 3, 7))
    assert extra.due(at(2026, 3, 2, 9, 0), 1, Unit.WORKING_DAYS) == at(2026, 3, 4, 17, 0)


def test_a_pause_moves_the_due_time_by_the_working_time_paused():
    due = at(2026, 3, 6, 17, 0)
    # Paused Wed 10:00, resumed Thu 10:00: one working day (8 hours) of clock stopped.
    assert CAL.extend_for_pause(due, at(2026, 3, 4, 10, 0), at(2026, 3, 5, 10, 0)) == at(
        2026, 3, 9, 17, 0
    )
    assert CAL.extend_for_pause(due, at(2026, 3, 7, 9, 0), at(2026, 3, 8, 18, 0)) == due


def test_elapsed_counts_office_hours_only():
    assert CAL.elapsed(at(2026, 3, 2, 7, 0), at(2026, 3, 2, 18, 0)) == dt.timedelta(hours=8)
    assert CAL.elapsed(at(2026, 2, 13, 16, 0), at(2026, 2, 23, 8, 30)) == dt.timedelta(hours=2)
    assert CAL.elapsed(at(2026, 3, 3, 9, 0), at(2026, 3, 2, 9, 0)) == dt.timedelta()


def test_bad_amounts_and_units_are_refused():
    with pytest.raises(ValueError):
        CAL.due(at(2026, 3, 2, 9, 0), -1, Unit.WORKING_DAYS)
    with pytest.raises(ValueError):
        CAL.due(at(2026, 3, 2, 9, 0), 1, "fortnights")


INSTANTS = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 1)).map(
    lambda d: d.replace(tzinfo=VIETNAM)
)


@settings(max_examples=200)
@given(INSTANTS, st.integers(0, 40), st.sampled_from(Unit.ALL))
def test_due_is_never_before_receipt_nor_on_a_non_working_day(received, amount, unit):
    due = CAL.due(received, amount, unit)
    assert due >= received
    assert CAL.is_working_day(due.date())


@settings(max_examples=200)
@given(INSTANTS, st.integers(0, 30 * 60), st.integers(0, 30 * 60))
def test_adding_a_then_b_equals_adding_a_plus_b(start, a, b):
    first = dt.timedelta(minutes=a)
    second = dt.timedelta(minutes=b)
    once = CAL.add(start, first + second)
    twice = CAL.add(CAL.add(start, first), second)
    # Ending exactly at a closing time is the same moment as the next opening.
    assert CAL.elapsed(once, twice) == dt.timedelta() and CAL.elapsed(twice, once) == dt.timedelta()


@given(INSTANTS, INSTANTS)
def test_a_pause_of_zero_changes_nothing(due, moment):
    assert CAL.extend_for_pause(due, moment, moment) == due


@settings(max_examples=100)
@given(INSTANTS, st.integers(0, 20 * 60))
def test_elapsed_undoes_add(start, minutes):
    duration = dt.timedelta(minutes=minutes)
    assert CAL.elapsed(start, CAL.add(start, duration)) == duration


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 1, 31), 1, dt.date(2028, 2, 29)),
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),
        (dt.date(2026, 3, 31), 0, dt.date(2026, 3, 31)),
    ],
)
def test_months_clip_to_the_end_of_a_shorter_month(day, months, expected):
    from chuan.core.working_time import add_months

    assert add_months(day, months) == expected


def test_days_off_of_a_year_list_holidays_and_overrides_not_weekends():
    calendar = WorkingCalendar(days_off=frozenset({dt.date(2026, 1, 2)}))
    days = dict(calendar.days_off_in(2026))
    assert days[dt.date(2026, 1, 2)] == ""
    assert "Lunar New Year" in days[dt.date(2026, 2, 17)]
    assert dt.date(2026, 11, 24) in days
    assert dt.date(2026, 3, 7) not in days  # an ordinary Saturday
    # Hùng Kings' day fell on Sunday 26/4; the make-up Monday is listed too.
    assert dt.date(2026, 4, 27) in days


def test_counting_working_days_crosses_new_year_day():
    calendar = WorkingCalendar()
    start = dt.date(2026, 12, 30)
    assert [calendar.working_day_after(start, n) for n in (1, 2, 3)] == [
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 4),  # 1/1/2027 is a Friday holiday
        dt.date(2027, 1, 5),
    ]
