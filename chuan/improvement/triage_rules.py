"""Pure rules of the triage list: when an open dossier counts as overdue by more than N
working days, a month's on-time rate, and the candidates' state table."""

import datetime

from chuan.core.working_time import WorkingCalendar
from chuan.improvement.choices import CandidateState

# Action → {state it applies to: state it leads to}.
TRANSITIONS: dict[str, dict[str, str]] = {
    "accept": {CandidateState.PROPOSED: CandidateState.ACCEPTED},
    "dismiss": {CandidateState.PROPOSED: CandidateState.DISMISSED},
}


def next_state(action: str, state: str) -> str | None:
    """The state `action` leads to from `state`, None when it does not apply."""
    return TRANSITIONS.get(action, {}).get(state)


def working_day_before(calendar: WorkingCalendar, day: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day before `day` (`day` itself is not counted)."""
    current = day
    while count > 0:
        current -= datetime.timedelta(days=1)
        if calendar.is_working_day(current):
            count -= 1
    return current


def overdue_threshold(
    calendar: WorkingCalendar, now: datetime.datetime, days: int
) -> datetime.datetime:
    """Open dossiers due before this instant are overdue by more than `days` working days at
    `now`: due on or before the close of the `days`-th working day before today, then `days`
    whole working days have passed and today is one more. With 3 days, a dossier due Monday
    17:00 is proposed on Friday (Tuesday to Thursday are its three days)."""
    today = now.astimezone(calendar.timezone).date()
    return calendar.close_of(working_day_before(calendar, today, days))


def on_time_rate(early: int, on_time: int, late: int) -> float | None:
    """The share of dossiers finished early or on time among those finished, in %."""
    finished = early + on_time + late
    if not finished:
        return None
    return round(100 * (early + on_time) / finished, 1)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def previous_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def months_closed(since: datetime.date | None, today: datetime.date) -> list[datetime.date]:
    """The months that ended after `since` (a month already compared) and before today's;
    without `since`, the last month only."""
    last = previous_month(today)
    if since is None:
        return [last]
    months: list[datetime.date] = []
    current = month_start(since)
    while True:
        current = (current + datetime.timedelta(days=32)).replace(day=1)
        if current > last:
            return months
        months.append(current)
