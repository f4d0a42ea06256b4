"""The life of a management review, as one table (ISO 9001:2015, 9.3).

planned → compiled (the input pack is compiled; it may be compiled again until approval) →
held (the minutes are recorded) → approved (by the chair: the pack freezes, nothing changes).
"""

from chuan.improvement.choices import ReviewState as S

TRANSITIONS: dict[str, dict[str, str]] = {
    "compile": {S.PLANNED: S.COMPILED, S.COMPILED: S.COMPILED, S.HELD: S.HELD},
    "comment": {S.COMPILED: S.COMPILED, S.HELD: S.HELD},
    "record_minutes": {S.COMPILED: S.HELD, S.HELD: S.HELD},
    "add_output": {S.COMPILED: S.COMPILED, S.HELD: S.HELD},
    "approve": {S.HELD: S.APPROVED},
}


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None when it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)
