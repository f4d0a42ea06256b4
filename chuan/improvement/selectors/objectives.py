"""Reads of the improvement cycle's objectives."""

import datetime

from chuan.improvement.selectors.common import ReviewInput
from chuan.organisations.models import Agency


def review_input(*, agency: Agency, start: datetime.date, end: datetime.date) -> ReviewInput:
    """What this concern brings to a management review of `agency` for `start`–`end`."""
    return ReviewInput()


def on_time_targets(*, agency_id: int, year: int) -> dict[int | None, float]:
    """The on-time rate (in %) the agency's approved objectives of `year` aim at, by
    procedure id (None: the agency as a whole). The triage list proposes a procedure whose
    monthly rate fell below its target."""
    return {}
