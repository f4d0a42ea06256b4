"""The audit's pure rules: the state table for every state × action, the clause helpers and
the year's coverage matrix, exhaustively."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chuan.improvement import audits_rules as rules
from chuan.improvement.audits_rules import DONE, PLANNED, AuditScope, coverage
from chuan.improvement.choices import AuditState as S

EXPECTED = {
    (S.PLANNED, "start"): S.IN_PROGRESS,
    (S.IN_PROGRESS, "issue_report"): S.REPORTED,
    (S.REPORTED, "close"): S.CLOSED,
    (S.PLANNED, "cancel"): S.CANCELLED,
    (S.IN_PROGRESS, "cancel"): S.CANCELLED,
}


@pytest.mark.parametrize(("state", "action"), itertools.product(S.values, rules.ACTIONS))
def test_every_state_and_action(state, action):
    assert rules.next_state(state, action) == EXPECTED.get((state, action))


def test_an_unknown_action_goes_nowhere():
    assert rules.next_state(S.PLANNED, "approve") is None


def test_the_template_has_every_main_subclause_with_prompts():
    data = rules.template_data()
    assert data["code"] and data["version"] >= 1
    titles = rules.clause_titles()
    assert [c["clause"] for c in data["clauses"]] == list(rules.MAIN_CLAUSES)
    expected = {"4": 4, "5": 3, "6": 3, "7": 5, "8": 7, "9": 3, "10": 3}
    for main in data["clauses"]:
        assert len(main["subclauses"]) == expected[main["clause"]]
        for sub in main["subclauses"]:
            assert sub["questions"] and all(q.endswith("?") for q in sub["questions"])
            assert sub["clause"] in titles
    assert titles["9.2"] == "Đánh giá nội bộ"


def test_clause_helpers():
    assert rules.main_clause("8.5.1") == "8" and rules.main_clause("10") == "10"
    assert sorted(["10.1", "9.3", "4.1", "10"], key=rules.clause_key) == [
        "4.1",
        "9.3",
        "10",
        "10.1",
    ]
    assert rules.in_scope("8.5", ["8"]) and rules.in_scope("8.5", ["8.5"])
    assert not rules.in_scope("8.5", ["8.4"]) and not rules.in_scope("10.1", ["1"])


DEPTS = [(1, "Văn phòng"), (2, "Phòng Tư pháp"), (3, "Bộ phận một cửa")]


def _scope(departments=(), clauses=(), state=S.PLANNED):
    return AuditScope(frozenset(departments), frozenset(clauses), state)


def test_no_audit_leaves_every_cell_unaudited():
    result = coverage(DEPTS, [])
    assert result.cells == {} and len(result.gaps) == 3 * 7
    assert result.gaps[:2] == [(1, "4"), (1, "5")]
    assert result.rows()[0] == (1, "Văn phòng", [""] * 7)


def test_planned_done_and_cancelled_audits():
    result = coverage(
        DEPTS,
        [
            _scope([1], ["8.5", "8.7"], S.PLANNED),
            _scope([2], ["9"], S.REPORTED),
            _scope([3], ["4.1"], S.CANCELLED),
            _scope([1], ["8.1"], S.CLOSED),
            _scope([2], ["9.2"], S.IN_PROGRESS),
        ],
    )
    assert result.cells == {(1, "8"): DONE, (2, "9"): DONE}
    assert result.done_count == 2 and result.planned_count == 0
    assert (3, "4") in result.gaps and len(result.gaps) == 21 - 2


def test_an_audit_without_departments_covers_the_whole_agency():
    result = coverage(DEPTS, [_scope([], ["7.5"], S.PLANNED)])
    assert result.cells == {(1, "7"): PLANNED, (2, "7"): PLANNED, (3, "7"): PLANNED}


def test_unknown_departments_and_clauses_are_ignored():
    result = coverage(DEPTS, [_scope([99], ["8.5"], S.CLOSED), _scope([1], ["11", "x"], S.CLOSED)])
    assert result.cells == {}


STATES = st.sampled_from(S.values)
CLAUSES = st.sampled_from(["4", "4.1", "5.2", "6.1", "7.5", "8.5", "8.7", "9.2", "10.2", "11"])
SCOPES = st.builds(
    _scope,
    st.lists(st.sampled_from([1, 2, 3, 9]), max_size=3),
    st.lists(CLAUSES, max_size=4),
    STATES,
)


@given(st.lists(SCOPES, max_size=6))
def test_coverage_against_a_brute_force_reading(scopes):
    result = coverage(DEPTS, scopes)
    for (pk, _name), clause in itertools.product(DEPTS, rules.MAIN_CLAUSES):
        covering = [
            s
            for s in scopes
            if s.state != S.CANCELLED
            and (pk in s.departments or not s.departments)
            and any(rules.main_clause(c) == clause for c in s.clauses)
        ]
        if any(s.state in rules.DONE_STATES for s in covering):
            expected = DONE
        elif covering:
            expected = PLANNED
        else:
            expected = None
        assert result.cells.get((pk, clause)) == expected
        assert ((pk, clause) in result.gaps) == (expected is None)
    assert len(result.gaps) + len(result.cells) == len(DEPTS) * 7
    # Order of the audits does not matter.
    assert coverage(DEPTS, list(reversed(scopes))).cells == result.cells
