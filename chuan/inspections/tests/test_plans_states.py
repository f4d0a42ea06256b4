"""The plan's state table: every state × action."""

import pytest

from chuan.inspections import plan_states
from chuan.inspections.choices import PlanState as S

EXPECTED = {
    (S.DRAFT, "propose"): S.DRAFT,
    (S.DRAFT, "edit"): S.DRAFT,
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "return"): S.DRAFT,
    (S.SUBMITTED, "approve"): S.APPROVED,
    (S.APPROVED, "amend"): S.APPROVED,
}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("action", list(plan_states.TRANSITIONS))
def test_every_state_and_action(state: str, action: str) -> None:
    assert plan_states.next_state(state, action) == EXPECTED.get((state, action))


def test_unknown_action() -> None:
    assert plan_states.next_state(S.DRAFT, "publish") is None


def test_actions_from() -> None:
    assert plan_states.actions_from(S.DRAFT) == ["propose", "edit", "submit"]
    assert plan_states.actions_from(S.SUBMITTED) == ["return", "approve"]
    assert plan_states.actions_from(S.APPROVED) == ["amend"]
