"""The revision state machine, exhaustively, and which revision is effective on a date."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuan.documents.choices import RevisionState as R
from chuan.documents.choices import ShownState as Shown
from chuan.documents.states import TRANSITIONS, Dated, effective_revision, next_state, shown_state

EXPECTED = {
    (R.DRAFT, "submit"): R.IN_REVIEW,
    (R.IN_REVIEW, "sign_off"): R.IN_REVIEW,
    (R.IN_REVIEW, "send_back"): R.DRAFT,
    (R.IN_REVIEW, "approve"): R.APPROVED,
    (R.DRAFT, "withdraw"): R.WITHDRAWN,
    (R.IN_REVIEW, "withdraw"): R.WITHDRAWN,
    (R.APPROVED, "withdraw"): R.WITHDRAWN,
}


@pytest.mark.parametrize("state", list(R))
@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_every_state_and_action(state, action):
    assert next_state(state, action) == EXPECTED.get((state, action))


D = dt.date


def test_the_latest_approved_revision_in_effect_wins():
    revisions = [
        Dated(1, R.APPROVED, D(2024, 1, 1)),
        Dated(2, R.APPROVED, D(2025, 7, 1)),
        Dated(3, R.APPROVED, D(2027, 1, 1)),  # scheduled
        Dated(4, R.IN_REVIEW, None),
        Dated(5, R.WITHDRAWN, D(2026, 1, 1)),
    ]
    on = D(2026, 11, 29)
    assert effective_revision(revisions, on) == 2
    assert [shown_state(r, revisions, on) for r in revisions] == [
        "superseded",
        "effective",
        "scheduled",
        "in_review",
        "withdrawn",
    ]
    assert effective_revision(revisions, D(2027, 1, 1)) == 3
    assert effective_revision(revisions, D(2023, 12, 31)) is None


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(R)),
            st.one_of(st.none(), st.dates(D(2020, 1, 1), D(2030, 1, 1))),
        ),
        max_size=8,
    ),
    st.dates(D(2020, 1, 1), D(2030, 1, 1)),
)
def test_never_more_than_one_effective(rows, on):
    revisions = [Dated(i, state, day) for i, (state, day) in enumerate(rows, start=1)]
    shown = [shown_state(r, revisions, on) for r in revisions]
    assert shown.count("effective") <= 1


def test_withdrawing_the_effective_edition_makes_the_document_obsolete():
    first = Dated(1, R.APPROVED, D(2025, 7, 15))
    withdrawn = Dated(2, R.WITHDRAWN, D(2026, 3, 9), withdrawn_on=D(2026, 11, 30))
    revisions = [first, withdrawn]
    assert effective_revision(revisions, D(2026, 11, 30)) is None  # edition 1 stays superseded
    assert shown_state(first, revisions, D(2026, 11, 30)) == Shown.SUPERSEDED
    assert effective_revision(revisions, D(2026, 11, 29)) == 2  # in effect until withdrawn
    assert effective_revision(revisions, D(2026, 1, 1)) == 1


def test_a_scheduled_edition_withdrawn_before_its_date_never_takes_effect():
    first = Dated(1, R.APPROVED, D(2025, 7, 15))
    scheduled = Dated(2, R.WITHDRAWN, D(2027, 1, 1), withdrawn_on=D(2026, 11, 30))
    assert effective_revision([first, scheduled], D(2027, 6, 1)) == 1
    draft = Dated(3, R.WITHDRAWN, None, withdrawn_on=D(2026, 11, 30))
    assert effective_revision([first, draft], D(2027, 6, 1)) == 1
