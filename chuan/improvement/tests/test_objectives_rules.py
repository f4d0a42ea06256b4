import datetime
from decimal import Decimal

import pytest

from chuan.improvement import objectives_rules as rules
from chuan.improvement.choices import Measure, ObjectiveState

D = datetime.date


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (state, action, expected)
        for state, row in {
            "draft": {"approve": "approved", "revise": None, "evaluate": None},
            "approved": {"approve": None, "revise": "draft", "evaluate": "evaluated"},
            "evaluated": {"approve": None, "revise": None, "evaluate": None},
        }.items()
        for action, expected in row.items()
    ],
)
def test_every_state_and_action(state, action, expected):
    assert rules.next_state(state, action) == expected


def test_the_table_speaks_the_model_states():
    states = {s for row in rules.TRANSITIONS.values() for pair in row.items() for s in pair}
    assert states == set(ObjectiveState.values)
    assert {ObjectiveState.DRAFT, ObjectiveState.APPROVED} == rules.OPEN_STATES
    assert rules.next_state("draft", "unknown") is None
    assert set(Measure.values) >= rules.MANUAL_MEASURES | rules.COUNT_MEASURES


@pytest.mark.parametrize(
    ("value", "comparison", "target", "met"),
    [
        (98, "gte", 98, True),
        (97.99, "gte", 98, False),
        (99, "gte", 98, True),
        (5, "lte", 5, True),
        (5.01, "lte", 5, False),
        (0, "lte", 5, True),
        (3, "eq", 3, True),
        (3.004, "eq", 3, True),
        (3.01, "eq", 3, False),
        (Decimal("97.50"), "gte", Decimal("97.5"), True),
        (None, "gte", 98, None),
        (None, "lte", 0, None),
    ],
)
def test_met_by_comparison(value, comparison, target, met):
    assert rules.is_met(value, comparison, target) is met


@pytest.mark.parametrize(
    ("value", "final", "status"),
    [
        (99, False, "met"),
        (90, False, "at_risk"),
        (90, True, "not_met"),
        (99, True, "met"),
        (None, False, "no_data"),
        (None, True, "no_data"),
    ],
)
def test_status(value, final, status):
    assert rules.status_of(value, "gte", 98, final=final) == status


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(0, 0, None), (5, 0, None), (0, 5, 0.0), (5, 5, 100.0), (2, 3, 66.7), (1, 8, 12.5)],
)
def test_rate_with_zero_denominators(numerator, denominator, expected):
    assert rules.rate(numerator, denominator) == expected


def test_months_and_periods():
    months = rules.months_of(2026)
    assert months[0] == D(2026, 1, 1) and months[-1] == D(2026, 12, 1) and len(months) == 12
    assert [rules.quarter_start(D(2026, m, 15)).month for m in range(1, 13)] == [
        1,
        1,
        1,
        4,
        4,
        4,
        7,
        7,
        7,
        10,
        10,
        10,
    ]
    assert rules.period_of(D(2026, 5, 20), "manual_month") == D(2026, 5, 1)
    assert rules.period_of(D(2026, 5, 20), "manual_quarter") == D(2026, 4, 1)


def test_rate_series_and_year_to_date():
    counts = {D(2026, 1, 1): (9, 10), D(2026, 3, 1): (1, 10), D(2025, 12, 1): (0, 50)}
    series = rules.rate_series(counts, 2026)
    assert series[0] == (D(2026, 1, 1), 90.0)
    assert series[1] == (D(2026, 2, 1), None)  # nothing finished in February
    assert series[2] == (D(2026, 3, 1), 10.0)
    assert all(value is None for _m, value in series[3:])
    # Added up, not averaged; another year's month does not count.
    assert rules.rate_to_date(counts, 2026) == 50.0
    assert rules.rate_to_date({D(2026, 1, 1): (1, 1), D(2026, 2, 1): (0, 3)}, 2026) == 25.0
    assert rules.rate_to_date({}, 2026) is None


def test_manual_series_and_latest_value():
    values = {D(2026, 1, 1): Decimal("3"), D(2026, 4, 1): Decimal("2.5")}
    series = rules.manual_series(values, 2026)
    assert series[0] == (D(2026, 1, 1), 3.0) and series[3] == (D(2026, 4, 1), 2.5)
    assert series[1][1] is None
    assert rules.latest_value(series) == 2.5
    assert rules.latest_value(rules.manual_series({}, 2026)) is None


def test_number_text():
    assert rules.number_text(Decimal("98.00")) == "98"
    assert rules.number_text(97.5) == "97.5"
    assert rules.number_text(0) == "0"


def test_chart_geometry():
    series = [(D(2026, m, 1), None) for m in range(1, 13)]
    series[0] = (D(2026, 1, 1), 100.0)
    series[1] = (D(2026, 2, 1), 50.0)
    chart = rules.chart(series, 98, "percent")
    assert chart.top == 100.0 and len(chart.bars) == 2
    bottom = rules.CHART_HEIGHT - rules.PLOT_BOTTOM
    full, half = chart.bars
    assert full.y == rules.PLOT_TOP and full.y + full.height == bottom
    assert half.y + half.height == bottom and half.height == pytest.approx(full.height / 2)
    assert full.month == "01" and full.label == "100" and half.label == "50"
    assert full.met and not half.met and full.centre == full.x + full.width / 2
    assert rules.PLOT_TOP < chart.target_y < half.y
    assert [label for _y, label in chart.ticks] == ["0", "25", "50", "75", "100"]
    # Counts: the top sits above both the values and the target; nothing below zero.
    counts = rules.chart([(D(2026, 1, 1), 4.0), (D(2026, 2, 1), 0.0)], 10, "count")
    assert counts.top == 12.0 and counts.bars[1].height == 0
    empty = rules.chart([(D(2026, 1, 1), None)], 0, "days")
    assert empty.bars == [] and empty.top == 4.0
    assert [label for _y, label in empty.ticks] == ["0", "1", "2", "3", "4"]
    assert [label for _x, label in rules.month_labels(2026)][:2] == ["01", "02"]
