"""The life of a nonconformity and its corrective-action request, as one table.

The paper form (phiếu yêu cầu hành động khắc phục; ISO 9001:2015, 10.2) has four parts, each
signed: 1 description (who found it, then the department head), 2 correction, root cause
and actions (the department), 3 approval (the ISO head), 4 verification of effectiveness
(someone other than who implemented, on or after the check date). Verification closes the
request or reopens it for a new plan.
"""

from chuan.improvement.choices import NcState as S

TRANSITIONS: dict[str, dict[str, str]] = {
    "confirm": {S.DESCRIBED: S.CONFIRMED},
    "plan": {S.CONFIRMED: S.PLANNED, S.REOPENED: S.PLANNED},
    "send_back": {S.PLANNED: S.CONFIRMED},
    "approve": {S.PLANNED: S.APPROVED},
    # The last open action done moves the request on by itself.
    "complete": {S.APPROVED: S.IMPLEMENTED},
    "verify_effective": {S.IMPLEMENTED: S.CLOSED},
    "verify_ineffective": {S.IMPLEMENTED: S.REOPENED},
    "cancel": {S.DESCRIBED: S.CANCELLED, S.CONFIRMED: S.CANCELLED},
}

OPEN_STATES = frozenset(S.values) - {S.CLOSED, S.CANCELLED}


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None if it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)


def allowed_actions(state: str) -> list[str]:
    """The actions the table allows from `state`, in the table's order."""
    return [action for action, moves in TRANSITIONS.items() if state in moves]
