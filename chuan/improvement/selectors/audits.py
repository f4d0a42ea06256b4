"""Reads of the improvement cycle's audits."""

import datetime

from chuan.improvement.selectors.common import ReviewInput
from chuan.organisations.models import Agency


def review_input(*, agency: Agency, start: datetime.date, end: datetime.date) -> ReviewInput:
    """What this concern brings to a management review of `agency` for `start`–`end`."""
    return ReviewInput()
