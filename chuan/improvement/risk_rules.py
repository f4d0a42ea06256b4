"""The rules of the risk and opportunity register, as pure functions (ISO 9001:2015, 6.1).

Score = likelihood (1–5) × impact (1–5). The level follows from the score by three upper
bounds, a setting: `CHUAN_RISK_THRESHOLDS` in Django settings, a tuple (low, medium, high) —
a score up to `low` is low, up to `medium` medium, up to `high` high, above it very high.
The default (4, 9, 16) is the usual 5×5 matrix of the agencies' QT.ISO.02 procedures. An
item is due for review when its last assessment is a year old or more, or its next review
date has come: the register is reviewed at least yearly.
"""

import datetime

from django.conf import settings

from chuan.improvement.choices import RiskKind, RiskLevel, RiskState, RiskTreatment

SCALE_MIN, SCALE_MAX = 1, 5
SCALE = range(SCALE_MIN, SCALE_MAX + 1)
DEFAULT_THRESHOLDS: tuple[int, int, int] = (4, 9, 16)

# Which treatments make sense for which kind: a risk is accepted, reduced or avoided; an
# opportunity is accepted (left as it is) or exploited.
TREATMENTS: dict[str, tuple[str, ...]] = {
    RiskKind.RISK: (RiskTreatment.ACCEPT, RiskTreatment.REDUCE, RiskTreatment.AVOID),
    RiskKind.OPPORTUNITY: (RiskTreatment.ACCEPT, RiskTreatment.EXPLOIT),
}
# Treatments that are done by actions: the item is "treated" only once it has one.
ACTING = frozenset({RiskTreatment.REDUCE, RiskTreatment.AVOID, RiskTreatment.EXPLOIT})

S = RiskState
TRANSITIONS: dict[str, dict[str, str]] = {
    # The treatment's actions are in place; what is left is watching their effect.
    "treat": {S.OPEN: S.TREATED},
    # No longer relevant (the work that carried it stopped, the opportunity was taken).
    "close": {S.OPEN: S.CLOSED, S.TREATED: S.CLOSED},
    # A re-assessment found it back, or it came back.
    "reopen": {S.TREATED: S.OPEN, S.CLOSED: S.OPEN},
}
# What may still be edited and re-assessed: everything not closed.
LIVE_STATES = frozenset({S.OPEN, S.TREATED})


def thresholds() -> tuple[int, int, int]:
    """The setting's bounds, or the default if it is missing or not three rising numbers
    within 1–25."""
    value = getattr(settings, "CHUAN_RISK_THRESHOLDS", DEFAULT_THRESHOLDS)
    try:
        low, medium, high = (int(v) for v in value)
    except (TypeError, ValueError):
        return DEFAULT_THRESHOLDS
    if not 1 <= low < medium < high < SCALE_MAX * SCALE_MAX:
        return DEFAULT_THRESHOLDS
    return low, medium, high


def in_scale(value: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in SCALE


def score_of(likelihood: int, impact: int) -> int:
    """Likelihood × impact; a value off the 1–5 scale is a ValueError."""
    if not (in_scale(likelihood) and in_scale(impact)):
        raise ValueError("likelihood and impact run from 1 to 5")
    return likelihood * impact


def level_of(score: int, bounds: tuple[int, int, int] | None = None) -> str:
    """The level of a score by the thresholds (the setting's unless given)."""
    low, medium, high = bounds or thresholds()
    if score <= low:
        return RiskLevel.LOW
    if score <= medium:
        return RiskLevel.MEDIUM
    if score <= high:
        return RiskLevel.HIGH
    return RiskLevel.VERY_HIGH


def level_rank(level: str) -> int:
    """0 for low … 3 for very high (to compare a level then and now)."""
    return list(RiskLevel.values).index(level) if level in RiskLevel.values else -1


def treatment_fits(kind: str, treatment: str) -> bool:
    return treatment in TREATMENTS.get(kind, ())


def treatment_needs_actions(treatment: str) -> bool:
    return treatment in ACTING


def accept_refused(kind: str, treatment: str, level: str) -> bool:
    """A very high risk is not simply accepted: it needs reducing or avoiding."""
    return (
        kind == RiskKind.RISK and treatment == RiskTreatment.ACCEPT and level == RiskLevel.VERY_HIGH
    )


def year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def review_due(
    *,
    assessed_on: datetime.date,
    next_review_on: datetime.date | None,
    state: str,
    today: datetime.date,
) -> bool:
    """Whether a live item is due for review today: assessed a year ago or longer, or its
    next review date has come."""
    if state not in LIVE_STATES:
        return False
    if next_review_on is not None and next_review_on <= today:
        return True
    return assessed_on <= year_before(today)


def next_state(state: str, action: str) -> str | None:
    """The state `action` leads to from `state`, or None if it is not allowed."""
    return TRANSITIONS.get(action, {}).get(state)


def allowed_actions(state: str) -> list[str]:
    return [action for action, moves in TRANSITIONS.items() if state in moves]
