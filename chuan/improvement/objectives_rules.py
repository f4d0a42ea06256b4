"""The pure rules of quality objectives (ISO 9001:2015, 6.2; QĐ 19/2014/QĐ-TTg Art. 4.2
asks the agency to set and follow its quality objectives): the state table, when a value
meets its target, how rates are computed from counts, how a year's values line up by month,
and the geometry of the progress chart. No database here: everything is tested by hand."""

import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

# Objective states, as in `choices.ObjectiveState`.
DRAFT, APPROVED, EVALUATED = "draft", "approved", "evaluated"

# action → {from state: to state}. Editing what an approved objective aims at (its indicator,
# target, comparison, unit, measure or scope) sends it back to draft for approval again.
TRANSITIONS: dict[str, dict[str, str]] = {
    "approve": {DRAFT: APPROVED},
    "revise": {APPROVED: DRAFT},
    "evaluate": {APPROVED: EVALUATED},
}
# States where the objective's text, plan and measurements may still change.
OPEN_STATES = frozenset({DRAFT, APPROVED})
# Fields whose change on an approved objective needs the leader's approval again.
AIM_FIELDS = (
    "indicator",
    "comparison",
    "target",
    "unit",
    "measure",
    "department",
    "procedure",
    "field",
)

# Measures, as in `choices.Measure`.
MANUAL_MEASURES = frozenset({"manual_month", "manual_quarter"})
COUNT_MEASURES = frozenset({"overdue_now"})


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None when it is not allowed there."""
    return TRANSITIONS.get(action, {}).get(state)


def is_met(value: float | Decimal | None, comparison: str, target: float | Decimal) -> bool | None:
    """Whether `value` meets the target under the comparison (gte, lte, eq); None when there
    is no value yet. Equality is checked to a hundredth, as values are shown."""
    if value is None:
        return None
    value, target = float(value), float(target)
    if comparison == "gte":
        return value >= target
    if comparison == "lte":
        return value <= target
    return round(value, 2) == round(target, 2)


def status_of(
    value: float | Decimal | None, comparison: str, target: float | Decimal, *, final: bool = False
) -> str:
    """`met`, `at_risk` (under way, not met so far), `not_met` (final value), `no_data`."""
    met = is_met(value, comparison, target)
    if met is None:
        return "no_data"
    if met:
        return "met"
    return "not_met" if final else "at_risk"


def rate(numerator: int, denominator: int) -> float | None:
    """`numerator` out of `denominator` in %, one decimal; None when nothing was counted
    (a month without finished dossiers has no on-time rate, not 0 % nor 100 %)."""
    if denominator <= 0:
        return None
    return round(100.0 * numerator / denominator, 1)


def months_of(year: int) -> list[datetime.date]:
    """The first day of each month of `year`."""
    return [datetime.date(year, month, 1) for month in range(1, 13)]


def quarter_start(day: datetime.date) -> datetime.date:
    """The first day of the quarter `day` falls in: where a quarterly value is recorded."""
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_of(day: datetime.date, measure: str) -> datetime.date:
    """The period a manual value of `day` belongs to: its month, or its quarter."""
    if measure == "manual_quarter":
        return quarter_start(day)
    return day.replace(day=1)


def rate_series(
    counts: Mapping[datetime.date, tuple[int, int]], year: int
) -> list[tuple[datetime.date, float | None]]:
    """Each month of `year` with its rate from (numerator, denominator) counts by month."""
    return [(month, rate(*counts.get(month, (0, 0)))) for month in months_of(year)]


def rate_to_date(counts: Mapping[datetime.date, tuple[int, int]], year: int) -> float | None:
    """The year's rate so far: the months' numerators over their denominators added up (not
    an average of monthly rates, which would weigh a quiet month like a busy one)."""
    numerator = denominator = 0
    for month, (num, den) in counts.items():
        if month.year == year:
            numerator += num
            denominator += den
    return rate(numerator, denominator)


def manual_series(
    values: Mapping[datetime.date, float | Decimal], year: int
) -> list[tuple[datetime.date, float | None]]:
    """Each month of `year` with the value recorded for it (a quarterly value is drawn at
    its quarter's first month); None where nothing was recorded."""
    return [(month, float(values[month]) if month in values else None) for month in months_of(year)]


def latest_value(series: Iterable[tuple[datetime.date, float | None]]) -> float | None:
    """The last value recorded: where a manually measured objective stands."""
    last = None
    for _month, value in series:
        if value is not None:
            last = value
    return last


@dataclass(frozen=True)
class Bar:
    """A month's bar: where it stands (SVG units), its month (mm), its value as shown and
    whether that value meets the target."""

    x: float
    y: float
    width: float
    height: float
    month: str
    label: str
    met: bool
    value: float

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Chart:
    """The progress chart's geometry in SVG units: one bar per month, the target's line."""

    width: int
    height: int
    top: float  # the value at the top of the plot
    bars: list[Bar]
    target_y: float
    ticks: list[tuple[float, str]]  # y, label


CHART_WIDTH, CHART_HEIGHT, PLOT_LEFT, PLOT_BOTTOM, PLOT_TOP = 600, 240, 40, 24, 10


def number_text(value: float | Decimal) -> str:
    """A value as shown: at most two decimals, no trailing zeros (98, 97.5, 0.25)."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _label(value: float) -> str:
    return number_text(round(value, 1))


def chart(
    series: list[tuple[datetime.date, float | None]],
    target: float,
    unit: str,
    comparison: str = "gte",
) -> Chart:
    """Where each month's bar and the target's line go. Percentages run to 100; counts and
    days to a little above the largest of the values and the target."""
    values = [value for _m, value in series if value is not None]
    if unit == "percent":
        top = 100.0
    else:
        # A little above the largest, rounded up so that the four steps are whole numbers.
        top = float(math.ceil(max([*values, float(target), 1.0]) * 1.2 / 4) * 4)
    plot_height = CHART_HEIGHT - PLOT_BOTTOM - PLOT_TOP
    slot = (CHART_WIDTH - PLOT_LEFT) / max(len(series), 1)

    def y_of(value: float) -> float:
        return round(PLOT_TOP + plot_height * (1 - min(max(value, 0.0), top) / top), 1)

    bars = []
    for index, (month, value) in enumerate(series):
        if value is None:
            continue
        y = y_of(value)
        bars.append(
            Bar(
                round(PLOT_LEFT + index * slot + slot * 0.2, 1),
                y,
                round(slot * 0.6, 1),
                round(PLOT_TOP + plot_height - y, 1),
                f"{month:%m}",
                _label(value),
                bool(is_met(value, comparison, target)),
                value,
            )
        )
    ticks = [(y_of(top * part / 4), _label(top * part / 4)) for part in range(5)]
    return Chart(CHART_WIDTH, CHART_HEIGHT, top, bars, y_of(float(target)), ticks)


def month_labels(year: int) -> list[tuple[float, str]]:
    """The x position and label (mm) of every month under the chart."""
    slot = (CHART_WIDTH - PLOT_LEFT) / 12
    return [
        (round(PLOT_LEFT + index * slot + slot / 2, 1), f"{month:%m}")
        for index, month in enumerate(months_of(year))
    ]
