"""The life of the yearly inspection plan, as one table (TT 26/2014 Art. 34).

draft (Chuẩn proposes the lines, DOST edits them) → submitted (through DOST to the
provincial People's Committee; it may be returned to draft) → approved (by the Committee's
decision; from then on every change is a recorded amendment, never an edit).
"""

from chuan.inspections.choices import PlanState as S

# action -> {state it may start from: the state it leads to}
TRANSITIONS: dict[str, dict[str, str]] = {
    "propose": {S.DRAFT: S.DRAFT},
    "edit": {S.DRAFT: S.DRAFT},
    "submit": {S.DRAFT: S.SUBMITTED},
    "return": {S.SUBMITTED: S.DRAFT},
    "approve": {S.SUBMITTED: S.APPROVED},
    "amend": {S.APPROVED: S.APPROVED},
}


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None when it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)


def actions_from(state: str) -> list[str]:
    """The actions allowed now, in the table's order (the screen's buttons)."""
    return [action for action, moves in TRANSITIONS.items() if state in moves]
