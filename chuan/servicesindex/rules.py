"""The decision-766 index's rules, as plain functions: its six groups and their points, how
each indicator Chuẩn can compute is scored, how a procedure's average handling time is read
in its own time unit, and what makes a published procedure complete.

Legal basis: Decision 766/QĐ-TTg of 23/6/2022 (the index set: six groups, 100 points);
the formulas follow the national "description of the 766 formulas" as transcribed in
`vn_domain.md` §2.6. The decision's points per group are certain; how a group's points are
shared among its indicators is not published in what we hold, so Chuẩn shares them equally
among the indicators it can compute and says so on the screen.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from chuan.core.working_time import Unit
from chuan.procedures.publication import Publishable, missing_parts

__all__ = ["Publishable", "missing_parts"]

# Months of the "months" unit are read as 30 days when an average is expressed in them.
MONTH_DAYS = 30


@dataclass(frozen=True)
class Group:
    key: str
    number: int
    label: object
    points: int
    portal_key: str


GROUPS: tuple[Group, ...] = (
    Group("transparency", 1, _("Transparency"), 18, "transparency"),
    Group("progress", 2, _("Progress of handling"), 20, "dvc-progress-tree"),
    Group("online", 3, _("Online public services"), 12, "provide-online-tree"),
    Group("payment", 4, _("Online payment"), 10, "formality-online-payment-tree"),
    Group("satisfaction", 5, _("Satisfaction"), 18, "handling-satisfaction"),
    Group("digitisation", 6, _("Digitisation of dossiers"), 22, "dossier-digitized"),
)
TOTAL_POINTS = sum(group.points for group in GROUPS)  # 100
GROUP_BY_KEY = {group.key: group for group in GROUPS}


def share(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator as a fraction, or None when there is nothing to divide."""
    if denominator <= 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def proportional_score(value: Decimal | None, full_at: Decimal = Decimal(1)) -> Decimal | None:
    """The indicator's score from 0 to 1: full at `full_at` or above, proportional below
    (766: "full score at ≥ 80 %, otherwise proportional"); None when not measured."""
    if value is None:
        return None
    if value <= 0:
        return Decimal(0)
    return min(Decimal(1), value / full_at)


def group_points(group: Group, scores: Iterable[Decimal | None]) -> Decimal | None:
    """The group's points: its maximum times the mean score of the indicators measured;
    None (not available, never zero) when none of them is."""
    measured = [score for score in scores if score is not None]
    if not measured:
        return None
    return Decimal(group.points) * sum(measured, Decimal(0)) / len(measured)


def satisfaction_value(finished: int, late: int, with_feedback_or_dislike: int) -> Decimal | None:
    """Indicator 5.4: 100 % − (late share + share of dossiers with feedback or a "not
    satisfied" rating), over the dossiers finished in the month; never below zero."""
    late_share = share(late, finished)
    feedback_share = share(with_feedback_or_dislike, finished)
    if late_share is None or feedback_share is None:
        return None
    return max(Decimal(0), Decimal(1) - late_share - feedback_share)


def average_in_unit(minutes: int, count: int, time_unit: str, day_minutes: int) -> Decimal | None:
    """A procedure's average handling time in its own unit (766 indicator 2.2: "the time
    unit follows the procedure"): working days of the province's office day, working
    hours (same-day procedures too: their time is within one office day), calendar days,
    or months of 30 days. The minutes are on the procedure's clock (working or calendar)."""
    if count <= 0:
        return None
    average = Decimal(minutes) / Decimal(count)
    if time_unit == Unit.WORKING_DAYS:
        return average / Decimal(max(1, day_minutes))
    if time_unit in (Unit.WORKING_HOURS, Unit.SAME_DAY):
        return average / Decimal(60)
    if time_unit == Unit.CALENDAR_DAYS:
        return average / Decimal(24 * 60)
    if time_unit == Unit.MONTHS:
        return average / Decimal(MONTH_DAYS * 24 * 60)
    raise ValueError(f"unknown unit {time_unit!r}")


def statutory_in_unit(amount: Decimal, time_unit: str, day_minutes: int) -> Decimal:
    """The statutory time in the unit `average_in_unit` reports: a same-day procedure has
    the office day, in hours; every other unit its own amount."""
    if time_unit == Unit.SAME_DAY:
        return Decimal(max(1, day_minutes)) / Decimal(60)
    return Decimal(amount)


def unit_shown(time_unit: str) -> str:
    """The unit an average is shown in (same-day procedures in working hours)."""
    return Unit.WORKING_HOURS if time_unit == Unit.SAME_DAY else time_unit


def total_points(points: Sequence[Decimal | None]) -> tuple[Decimal, int]:
    """The points of the groups measured, and the points those groups could give at most
    (100 less the groups not available)."""
    got = sum((p for p in points if p is not None), Decimal(0))
    possible = sum(group.points for group, p in zip(GROUPS, points, strict=True) if p is not None)
    return got, possible
