"""What may happen to a request for correction in each state: one table (TT 26/2014
Art. 37.3–37.4).

Drafted in the minutes (or in the letter ending a records-based inspection), a request is
issued when the inspection concludes and awaits the agency's corrective action, reported
within two months of the signing. The inspecting unit accepts the report, or refuses it with
a notice of non-acceptance (thông báo chưa chấp nhận hành động khắc phục); the agency then
reports again. An accepted request is final.
"""

from chuan.inspections.choices import RequestState

S = RequestState

# action -> (states it may start from, the state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "issue": (frozenset({S.DRAFT}), S.OPEN),
    "report": (frozenset({S.OPEN}), S.REPORTED),
    "accept": (frozenset({S.REPORTED}), S.ACCEPTED),
    "refuse": (frozenset({S.REPORTED}), S.NOT_ACCEPTED),
    # After a notice of non-acceptance the agency reports again.
    "report_again": (frozenset({S.NOT_ACCEPTED}), S.REPORTED),
}

# The requests on which the agency still owes a report (reminded, counted as due).
AWAITING_AGENCY = frozenset({S.OPEN, S.NOT_ACCEPTED})


def can(action: str, state: str) -> bool:
    return state in TRANSITIONS[action][0]


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None when it is not allowed."""
    starts, target = TRANSITIONS[action]
    return target if state in starts else None


def report_action(state: str) -> str:
    """Which reporting action applies: the first report or one after a refusal."""
    return "report_again" if state == S.NOT_ACCEPTED else "report"


def actions_from(state: str) -> list[str]:
    """The actions allowed now, in the table's order."""
    return [action for action in TRANSITIONS if can(action, state)]
