"""Every state × action of a guidance letter and of a question (QĐ 19/2014 Art. 12)."""

import pytest

from chuan.inspections.guidance_states import (
    LETTER_TRANSITIONS,
    QUESTION_TRANSITIONS,
    LetterState,
    QuestionState,
    letter_next,
    question_next,
)

L, Q = LetterState, QuestionState

LETTER_EXPECTED = {
    ("edit", L.DRAFT): L.DRAFT,
    ("publish", L.DRAFT): L.PUBLISHED,
    ("withdraw", L.PUBLISHED): L.WITHDRAWN,
    ("acknowledge", L.PUBLISHED): L.PUBLISHED,
}
QUESTION_EXPECTED = {
    ("answer", Q.OPEN): Q.ANSWERED,
    ("answer", Q.ANSWERED): Q.ANSWERED,
    ("follow_up", Q.OPEN): Q.OPEN,
    ("follow_up", Q.ANSWERED): Q.OPEN,
    ("close", Q.OPEN): Q.CLOSED,
    ("close", Q.ANSWERED): Q.CLOSED,
    ("publish_faq", Q.ANSWERED): Q.ANSWERED,
    ("publish_faq", Q.CLOSED): Q.CLOSED,
}


@pytest.mark.parametrize("action", sorted(LETTER_TRANSITIONS))
@pytest.mark.parametrize("state", LetterState.values)
def test_letter_state_table(state, action):
    assert letter_next(state, action) == LETTER_EXPECTED.get((action, state))


@pytest.mark.parametrize("action", sorted(QUESTION_TRANSITIONS))
@pytest.mark.parametrize("state", QuestionState.values)
def test_question_state_table(state, action):
    assert question_next(state, action) == QUESTION_EXPECTED.get((action, state))


def test_unknown_actions_lead_nowhere():
    assert letter_next(L.DRAFT, "delete") is None
    assert question_next(Q.OPEN, "reopen") is None
