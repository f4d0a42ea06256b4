"""The request-for-correction table (TT 26/2014 Art. 37.3–37.4): every state × action."""

import pytest

from chuan.inspections import request_states
from chuan.inspections.choices import RequestState as S

EXPECTED = {
    (S.DRAFT, "issue"): S.OPEN,
    (S.OPEN, "report"): S.REPORTED,
    (S.REPORTED, "accept"): S.ACCEPTED,
    (S.REPORTED, "refuse"): S.NOT_ACCEPTED,
    (S.NOT_ACCEPTED, "report_again"): S.REPORTED,
}


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("action", list(request_states.TRANSITIONS))
def test_every_state_and_action(state, action):
    assert request_states.next_state(state, action) == EXPECTED.get((state, action))
    assert request_states.can(action, state) == ((state, action) in EXPECTED)


def test_accepted_is_final_and_reporting_picks_its_action():
    assert request_states.actions_from(S.ACCEPTED) == []
    assert request_states.actions_from(S.REPORTED) == ["accept", "refuse"]
    assert request_states.report_action(S.NOT_ACCEPTED) == "report_again"
    assert request_states.report_action(S.OPEN) == "report"
