"""What may happen to an inspection in each state: one table (TT 26/2014 Arts. 35–39).

A records-based inspection is requested by letter, answered by the agency's report, and
concluded by the inspecting unit (with a letter asking for the unmet items to be corrected).
An on-site inspection is decided (Mẫu 20), may also ask for the report beforehand, and is
concluded when the minutes (Mẫu 21) are signed by the team head and the agency. Either is
closed once its file holds the Article 39 documents and every request for correction has an
accepted corrective action. A planned inspection may be cancelled by an amendment of the plan.
"""

from chuan.inspections.choices import InspectionForm, InspectionState

S = InspectionState
RECORDS = InspectionForm.RECORDS
ON_SITE = InspectionForm.ON_SITE
BOTH = frozenset({RECORDS, ON_SITE})

# action -> (states it may start from, the forms it applies to, the state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], frozenset[str], str]] = {
    "request": (frozenset({S.PLANNED}), BOTH, S.REQUESTED),
    "decide": (frozenset({S.PLANNED, S.REQUESTED, S.ANSWERED}), frozenset({ON_SITE}), S.DECIDED),
    "answer": (frozenset({S.REQUESTED, S.DECIDED}), BOTH, S.ANSWERED),
    "conclude": (frozenset({S.ANSWERED}), frozenset({RECORDS}), S.CONCLUDED),
    "sign_minutes": (frozenset({S.DECIDED, S.ANSWERED}), frozenset({ON_SITE}), S.CONCLUDED),
    "close": (frozenset({S.CONCLUDED}), BOTH, S.CLOSED),
    "cancel": (frozenset({S.PLANNED, S.REQUESTED}), BOTH, S.CANCELLED),
}


def can(action: str, state: str, form: str) -> bool:
    starts, forms, _target = TRANSITIONS[action]
    return state in starts and form in forms


def target(action: str) -> str:
    return TRANSITIONS[action][2]


def actions_from(state: str, form: str) -> list[str]:
    """The actions allowed now, in the table's order (for the screen's buttons and a 409)."""
    return [action for action in TRANSITIONS if can(action, state, form)]
