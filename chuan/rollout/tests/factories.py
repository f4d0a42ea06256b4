"""Helpers for the roll-out's tests."""

import datetime
from typing import Any

from chuan.organisations.models import Agency
from chuan.rollout.models import QmsEvent


def event(agency: Agency, kind: str, on: datetime.date, number: str = "", **extra: Any) -> QmsEvent:
    """A QMS event written directly, bypassing the lifecycle checks, to set up a history."""
    return QmsEvent.objects.create(
        agency=agency,
        kind=kind,
        occurred_on=on,
        decision_number=number,
        decision_date=on if number else None,
        **extra,
    )
