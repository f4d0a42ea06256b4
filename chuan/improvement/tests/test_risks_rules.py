"""The register's pure rules: every cell of the 5×5 matrix, the thresholds setting, the
treatments that fit each kind, when an item is due for review, and the state table."""

import datetime

import pytest

from chuan.improvement import risk_rules as rules
from chuan.improvement.choices import RiskKind, RiskLevel, RiskState, RiskTreatment

L, M, H, V = RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.VERY_HIGH
# The matrix as the agencies' procedures print it: likelihood 1–5 down, impact 1–5 across,
# with the default thresholds (≤ 4 low, ≤ 9 medium, ≤ 16 high, above very high).
MATRIX = {
    1: [L, L, L, L, M],
    2: [L, L, M, M, H],
    3: [L, M, M, H, H],
    4: [L, M, H, H, V],
    5: [M, H, H, V, V],
}


@pytest.mark.parametrize("likelihood", range(1, 6))
@pytest.mark.parametrize("impact", range(1, 6))
def test_every_cell_of_the_matrix(likelihood, impact):
    score = rules.score_of(likelihood, impact)
    assert score == likelihood * impact
    assert rules.level_of(score) == MATRIX[likelihood][impact - 1]


def test_the_thresholds_bound_each_level():
    assert [rules.level_of(s) for s in (4, 5, 9, 10, 16, 17, 25)] == [L, M, M, H, H, V, V]
    assert rules.level_of(6, (2, 6, 12)) == M and rules.level_of(7, (2, 6, 12)) == H


@pytest.mark.parametrize("bad", [0, 6, -1, 10**30, True, "3", 2.0, None])
def test_a_value_off_the_scale_has_no_score(bad):
    with pytest.raises(ValueError):
        rules.score_of(bad, 3)
    with pytest.raises(ValueError):
        rules.score_of(3, bad)


def test_the_setting_moves_the_thresholds(settings):
    settings.CHUAN_RISK_THRESHOLDS = (3, 8, 15)
    assert rules.thresholds() == (3, 8, 15)
    assert rules.level_of(4) == M and rules.level_of(16) == V
    for broken in [(9, 4, 16), (4, 9), "abc", None, (0, 9, 16), (4, 9, 25), ("a", 9, 16)]:
        settings.CHUAN_RISK_THRESHOLDS = broken
        assert rules.thresholds() == rules.DEFAULT_THRESHOLDS


def test_treatments_fit_their_kind():
    risk, chance = RiskKind.RISK, RiskKind.OPPORTUNITY
    assert {t for t in RiskTreatment.values if rules.treatment_fits(risk, t)} == {
        "accept",
        "reduce",
        "avoid",
    }
    assert {t for t in RiskTreatment.values if rules.treatment_fits(chance, t)} == {
        "accept",
        "exploit",
    }
    assert not rules.treatment_fits("other", "accept")
    assert rules.accept_refused(risk, "accept", V)
    assert not rules.accept_refused(risk, "accept", H)
    assert not rules.accept_refused(chance, "accept", V)
    assert not rules.accept_refused(risk, "reduce", V)
    assert [t for t in RiskTreatment.values if rules.treatment_needs_actions(t)] == [
        "reduce",
        "avoid",
        "exploit",
    ]


def test_due_for_review_after_a_year_or_on_the_review_date():
    today = datetime.date(2026, 12, 4)

    def due(assessed, next_review=None, state=RiskState.OPEN):
        return rules.review_due(
            assessed_on=assessed, next_review_on=next_review, state=state, today=today
        )

    assert not due(datetime.date(2025, 12, 5))
    assert due(datetime.date(2025, 12, 4))
    assert due(datetime.date(2024, 1, 1))
    assert due(datetime.date(2026, 6, 1), datetime.date(2026, 12, 4))
    assert not due(datetime.date(2026, 6, 1), datetime.date(2026, 12, 5))
    assert due(datetime.date(2025, 1, 1), state=RiskState.TREATED)
    assert not due(datetime.date(2020, 1, 1), datetime.date(2021, 1, 1), RiskState.CLOSED)
    assert rules.year_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


EXPECTED = {
    ("open", "treat"): "treated",
    ("open", "close"): "closed",
    ("open", "reopen"): None,
    ("treated", "treat"): None,
    ("treated", "close"): "closed",
    ("treated", "reopen"): "open",
    ("closed", "treat"): None,
    ("closed", "close"): None,
    ("closed", "reopen"): "open",
}


@pytest.mark.parametrize("state", RiskState.values)
@pytest.mark.parametrize("action", ["treat", "close", "reopen", "unknown"])
def test_every_state_and_action(state, action):
    assert rules.next_state(state, action) == EXPECTED.get((state, action))
    assert (action in rules.allowed_actions(state)) == (EXPECTED.get((state, action)) is not None)
