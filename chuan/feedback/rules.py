"""Pure rules of the feedback register: its deadlines in working days and what may be done
in each state.

Decree 20/2008/NĐ-CP Art. 9.4: feedback outside the receiving agency's competence is
forwarded to the competent one within 5 working days of receipt. The reply's time is the
province's rule (Ninh Bình's 2025 regulation, Art. 18–19: 10 working days), hence the
setting `CHUAN_FEEDBACK_REPLY_DAYS`. Both are counted like a dossier's time: from the
working day after receipt, to the close of the last working day, on the province's
calendar (`core.working_time`)."""

import datetime

from chuan.core.working_time import Unit, WorkingCalendar
from chuan.feedback.choices import Classification, State

FORWARD_DAYS = 5
DEFAULT_REPLY_DAYS = 10

OPEN = (State.RECEIVED, State.CLASSIFIED)

# Action → {state it applies to: state it leads to}; classifying chooses among several.
TRANSITIONS: dict[str, dict[str, str]] = {
    "classify": {State.RECEIVED: State.CLASSIFIED, State.CLASSIFIED: State.CLASSIFIED},
    "assign": {State.RECEIVED: State.RECEIVED, State.CLASSIFIED: State.CLASSIFIED},
    "forward": {State.CLASSIFIED: State.FORWARDED},
    "reply": {State.CLASSIFIED: State.REPLIED},
    "publish": {State.REPLIED: State.PUBLISHED},
}

# Which classifications each action needs once classified.
NEEDS: dict[str, frozenset[str]] = {
    # Conduct-type feedback may go to the agency whose official it concerns (Art. 9.4).
    "forward": frozenset({Classification.OUT_OF_COMPETENCE, Classification.CONDUCT}),
    "reply": frozenset({Classification.IN_COMPETENCE, Classification.CONDUCT}),
}


def forward_due(calendar: WorkingCalendar, received_at: datetime.datetime) -> datetime.datetime:
    """The close of the fifth working day after receipt."""
    return calendar.due(received_at, FORWARD_DAYS, Unit.WORKING_DAYS)


def reply_due(
    calendar: WorkingCalendar, received_at: datetime.datetime, days: int
) -> datetime.datetime:
    """The close of the `days`-th working day after receipt."""
    return calendar.due(received_at, days, Unit.WORKING_DAYS)


def next_state(action: str, state: str, classification: str = "") -> str | None:
    """The state `action` leads to, None when it does not apply (a closed feedback, a reply
    to feedback that must be forwarded…)."""
    following = TRANSITIONS.get(action, {}).get(state)
    if following is None:
        return None
    needed = NEEDS.get(action)
    if needed is not None and classification not in needed:
        return None
    if action == "classify" and classification == Classification.NOT_ACCEPTED:
        return State.NOT_ACCEPTED
    return following


def due_after_classifying(
    classification: str, forward_due_at: datetime.datetime, reply_due_at: datetime.datetime
) -> datetime.datetime | None:
    """The deadline that runs once classified: forwarding for feedback outside the
    agency's competence, none for feedback not accepted, the reply's otherwise."""
    if classification == Classification.NOT_ACCEPTED:
        return None
    if classification == Classification.OUT_OF_COMPETENCE:
        return forward_due_at
    return reply_due_at


def is_overdue(state: str, due_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    return state in OPEN and due_at is not None and due_at < now
