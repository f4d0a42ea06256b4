"""The register's deadlines on the real 2026 calendar (Tết Bính Ngọ: 14–22/02/2026 off,
weekends included) and its state table, every state × action."""

import datetime as dt

import pytest

from chuan.calendars.selectors import working_calendar
from chuan.dossiers.rules import VIETNAM
from chuan.feedback import rules
from chuan.feedback.choices import Classification, State


def _at(month, day, hour=10):
    return dt.datetime(2026, month, day, hour, 0, tzinfo=VIETNAM)


@pytest.fixture
def calendar(db):
    return working_calendar(None)


def test_tet_2026_is_off(calendar):
    days = [dt.date(2026, 2, d) for d in range(14, 23)]
    assert not any(calendar.is_working_day(d) for d in days)
    assert calendar.is_working_day(dt.date(2026, 2, 13))
    assert calendar.is_working_day(dt.date(2026, 2, 23))


def test_forwarding_within_five_working_days_skips_tet(calendar):
    # Received Thursday 12/02: Fri 13 is day 1, then Tết; Mon 23 … Thu 26 are days 2–5.
    due = rules.forward_due(calendar, _at(2, 12))
    assert due.astimezone(VIETNAM).date() == dt.date(2026, 2, 26)
    assert due == calendar.close_of(dt.date(2026, 2, 26))


def test_reply_in_ten_working_days_skips_tet(calendar):
    # Days 6–10: Fri 27/02, Mon 2, Tue 3, Wed 4, Thu 5 March.
    assert rules.reply_due(calendar, _at(2, 12), 10).astimezone(VIETNAM).date() == dt.date(
        2026, 3, 5
    )


def test_received_during_tet_counts_from_the_first_working_day_after(calendar):
    # Received on Tết's Tuesday (a call recorded later): day 1 is Tue 24 (opening Mon 23).
    due = rules.forward_due(calendar, _at(2, 17))
    assert due.astimezone(VIETNAM).date() == dt.date(2026, 3, 2)


def test_received_after_hours_on_friday_before_tet(calendar):
    # After closing on Fri 13/02: counts from Mon 23; days 1–5 are Tue 24 … Mon 2/3.
    due = rules.forward_due(calendar, _at(2, 13, 20))
    assert due.astimezone(VIETNAM).date() == dt.date(2026, 3, 2)


EXPECTED = {
    # (action, state, classification) → next state
    ("classify", State.RECEIVED, Classification.CONDUCT): State.CLASSIFIED,
    ("classify", State.RECEIVED, Classification.NOT_ACCEPTED): State.NOT_ACCEPTED,
    ("classify", State.CLASSIFIED, Classification.IN_COMPETENCE): State.CLASSIFIED,
    ("classify", State.CLASSIFIED, Classification.NOT_ACCEPTED): State.NOT_ACCEPTED,
    ("assign", State.RECEIVED, ""): State.RECEIVED,
    ("assign", State.CLASSIFIED, Classification.CONDUCT): State.CLASSIFIED,
    ("forward", State.CLASSIFIED, Classification.OUT_OF_COMPETENCE): State.FORWARDED,
    ("forward", State.CLASSIFIED, Classification.CONDUCT): State.FORWARDED,
    ("reply", State.CLASSIFIED, Classification.IN_COMPETENCE): State.REPLIED,
    ("reply", State.CLASSIFIED, Classification.CONDUCT): State.REPLIED,
    ("publish", State.REPLIED, Classification.IN_COMPETENCE): State.PUBLISHED,
}


@pytest.mark.parametrize("action", ["classify", "assign", "forward", "reply", "publish", "x"])
@pytest.mark.parametrize("state", State.values)
@pytest.mark.parametrize("classification", ["", *Classification.values])
def test_every_state_and_action(action, state, classification):
    expected = EXPECTED.get((action, state, classification))
    if expected is None and action == "classify" and state in (State.RECEIVED, State.CLASSIFIED):
        expected = (
            State.NOT_ACCEPTED
            if classification == Classification.NOT_ACCEPTED
            else State.CLASSIFIED
        )
    if expected is None and action == "assign" and state in (State.RECEIVED, State.CLASSIFIED):
        expected = state
    if expected is None and action == "publish" and state == State.REPLIED:
        expected = State.PUBLISHED
    assert rules.next_state(action, state, classification) == expected


def test_the_deadline_that_runs_after_classifying():
    forward, reply = _at(2, 26), _at(3, 5)
    assert rules.due_after_classifying(Classification.OUT_OF_COMPETENCE, forward, reply) == forward
    assert rules.due_after_classifying(Classification.CONDUCT, forward, reply) == reply
    assert rules.due_after_classifying(Classification.NOT_ACCEPTED, forward, reply) is None


def test_overdue():
    now = _at(3, 6)
    assert rules.is_overdue(State.CLASSIFIED, _at(3, 5), now)
    assert not rules.is_overdue(State.REPLIED, _at(3, 5), now)
    assert not rules.is_overdue(State.RECEIVED, None, now)
    assert not rules.is_overdue(State.RECEIVED, _at(3, 7), now)
