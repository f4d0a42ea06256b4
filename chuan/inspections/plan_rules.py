"""The rules of the yearly inspection plan, as pure functions (TT 26/2014 Arts. 33–34).

Art. 33: every agency that must apply a QMS is inspected each year at least on its records
and reports, and at least one third of them on site. Chuẩn proposes exactly the third the
law requires (rounded up) on site — DOST may add more by editing the lines — and chooses
them by warning signs it already holds: what the last inspection found, whether the agency
was ever visited, the agency's own QMS (law-change reviews, internal audits, management
reviews) and its desk's on-time rate. Art. 37.1b and 37.2d make the results of a
records-based inspection the basis for proposing an on-site one in later years.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from chuan.core.text import fold
from chuan.inspections.choices import Conclusion

# A line's budget, in VND: bounded so no typed figure overflows the column or a sum.
BUDGET_MAX = 10**12
# The on-time rate "falls" when the last six months are this many points below the six
# before, each half with at least this many finished dossiers (a handful is noise).
ON_TIME_FALL_POINTS = 5.0
ON_TIME_MIN_FINISHED = 10
QUARTERS = 4


class Reason(models.TextChoices):
    """Why Chuẩn proposes an agency on site (stored in `PlanLine.reasons`)."""

    LAST_FOUND_PROBLEMS = "last_found_problems", _("The last inspection found problems")
    CORRECTIONS_OPEN = (
        "corrections_open",
        _("Requests for correction still open or not accepted"),
    )
    NEVER_ON_SITE = "never_on_site", _("Never inspected on site")
    LAW_REVIEWS_OVERDUE = "law_reviews_overdue", _("Reviews after changes of the law overdue")
    NO_INTERNAL_AUDIT = "no_internal_audit", _("No internal audit in the last 12 months")
    NO_MANAGEMENT_REVIEW = (
        "no_management_review",
        _("No management review in the last 12 months"),
    )
    ON_TIME_FALLING = "on_time_falling", _("The desk's on-time rate is falling")


# What each sign weighs: what an inspection found first (Art. 37), then rotation (never
# visited), then the signs of a QMS not maintained.
WEIGHTS: dict[str, int] = {
    Reason.LAST_FOUND_PROBLEMS: 8,
    Reason.CORRECTIONS_OPEN: 6,
    Reason.NEVER_ON_SITE: 4,
    Reason.LAW_REVIEWS_OVERDUE: 2,
    Reason.NO_INTERNAL_AUDIT: 2,
    Reason.NO_MANAGEMENT_REVIEW: 2,
    Reason.ON_TIME_FALLING: 1,
}


@dataclass(frozen=True)
class Signals:
    """What Chuẩn knows of one agency when the plan is proposed."""

    last_conclusion: str | None = None  # of its last concluded inspection; None: never
    open_corrections: int = 0  # requests still open, or whose action was not accepted
    last_on_site_year: int | None = None  # None: never inspected on site
    overdue_law_reviews: int = 0
    last_internal_audit: datetime.date | None = None
    last_management_review: datetime.date | None = None
    on_time_earlier: tuple[int, int] = (0, 0)  # (early or on time, finished), months 12–7
    on_time_recent: tuple[int, int] = (0, 0)  # the same, the last six months


def year_before(day: datetime.date) -> datetime.date:
    """The same day a year earlier (29/02 → 28/02)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def rate(pair: tuple[int, int]) -> float | None:
    good, finished = pair
    return 100.0 * good / finished if finished else None


def on_time_falling(earlier: tuple[int, int], recent: tuple[int, int]) -> bool:
    """Whether the recent half-year's on-time rate is clearly below the one before."""
    if min(earlier[1], recent[1]) < ON_TIME_MIN_FINISHED:
        return False
    before, now = rate(earlier), rate(recent)
    return before is not None and now is not None and now <= before - ON_TIME_FALL_POINTS


def reasons_of(signals: Signals, *, as_of: datetime.date) -> list[str]:
    """The reasons (codes, in `Reason`'s order) these signals give on `as_of`."""
    since = year_before(as_of)
    found: list[str] = []
    if signals.last_conclusion is not None and signals.last_conclusion != Conclusion.CONFORMS:
        found.append(Reason.LAST_FOUND_PROBLEMS)
    if signals.open_corrections:
        found.append(Reason.CORRECTIONS_OPEN)
    if signals.last_on_site_year is None:
        found.append(Reason.NEVER_ON_SITE)
    if signals.overdue_law_reviews:
        found.append(Reason.LAW_REVIEWS_OVERDUE)
    if signals.last_internal_audit is None or signals.last_internal_audit < since:
        found.append(Reason.NO_INTERNAL_AUDIT)
    if signals.last_management_review is None or signals.last_management_review < since:
        found.append(Reason.NO_MANAGEMENT_REVIEW)
    if on_time_falling(signals.on_time_earlier, signals.on_time_recent):
        found.append(Reason.ON_TIME_FALLING)
    return [str(code) for code in found]


def score(reasons: Sequence[str]) -> int:
    return sum(WEIGHTS.get(code, 0) for code in reasons)


def reason_labels(reasons: Sequence[str]) -> list[str]:
    """The reasons in words; a code no longer known is left out, never shown raw."""
    return [str(Reason(code).label) for code in reasons if code in Reason.values]


def onsite_required(count: int) -> int:
    """How many of `count` agencies must be inspected on site: one third, rounded up."""
    return -(-max(count, 0) // 3)


def onsite_shortfall(count: int, on_site: int) -> int:
    """How many more on-site lines the plan needs (0 when it meets the rule)."""
    return max(onsite_required(count) - on_site, 0)


@dataclass(frozen=True)
class Candidate:
    """An agency of the plan, as the choice of on-site lines sees it."""

    agency_id: int
    name: str
    reasons: tuple[str, ...]
    last_on_site_year: int | None = None


def priority(candidate: Candidate) -> tuple[int, int, str, int]:
    """Most warning signs first; then the longest since an on-site visit (never first),
    then by name: the same data always gives the same plan."""
    return (
        -score(candidate.reasons),
        candidate.last_on_site_year or 0,
        fold(candidate.name),
        candidate.agency_id,
    )


def choose_on_site(candidates: Sequence[Candidate]) -> list[int]:
    """The agencies proposed on site: exactly `onsite_required(len(candidates))` of them,
    the highest priorities first."""
    ranked = sorted(candidates, key=priority)
    return [c.agency_id for c in ranked[: onsite_required(len(candidates))]]


def spread_quarters(count: int) -> list[int]:
    """Planned quarters for `count` lines in priority order, spread evenly over the year
    (the first lines earliest)."""
    return [1 + (index * QUARTERS) // count for index in range(count)] if count else []


def quarter_of_month(month: int) -> int:
    return (month - 1) // 3 + 1
