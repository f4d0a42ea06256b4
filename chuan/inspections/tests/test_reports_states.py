"""The report's state table, tested for every state × action (TT 26/2014 Art. 38; QĐ 19/2014
Art. 12.6): a draft may be compiled, edited, corrected and issued; an issued report nothing."""

import pytest

from chuan.inspections.report_states import ACTIONS, ReportState, actions_from, next_state

EXPECTED = {
    (ReportState.DRAFT, "compile"): ReportState.DRAFT,
    (ReportState.DRAFT, "edit"): ReportState.DRAFT,
    (ReportState.DRAFT, "correct"): ReportState.DRAFT,
    (ReportState.DRAFT, "issue"): ReportState.ISSUED,
}


@pytest.mark.parametrize("state", ReportState.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_state_and_action(state, action):
    assert next_state(state, action) == EXPECTED.get((state, action))


def test_actions_from_each_state():
    assert actions_from(ReportState.DRAFT) == ["compile", "edit", "correct", "issue"]
    assert actions_from(ReportState.ISSUED) == []


def test_unknown_action_is_refused():
    assert next_state(ReportState.DRAFT, "delete") is None
