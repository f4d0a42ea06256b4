"""The one thing the index asks of the citizens' feedback register (phản ánh, kiến nghị,
Decree 20/2008/NĐ-CP): which dossiers had feedback in a period, for indicator 5.4. The
register is its own app (`chuan.feedback`); when it is not installed, the index says the
feedback part is not available rather than counting none."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps

# `chuan.feedback.selectors.dossier_ids_with_feedback(*, agency_ids, start, end)`.
FeedbackSource = Callable[..., set[int]]


@dataclass(frozen=True)
class FeedbackIds:
    """The dossiers with feedback, or None with `available` false."""

    ids: frozenset[int]
    available: bool


def installed_source() -> FeedbackSource | None:
    """The feedback register's selector, or None when the app is not installed."""
    if not apps.is_installed("chuan.feedback"):
        return None
    from importlib import import_module

    selectors = import_module("chuan.feedback.selectors")
    source: FeedbackSource = selectors.dossier_ids_with_feedback
    return source


def dossiers_with_feedback(
    *,
    agency_ids: Iterable[int],
    start: datetime.date,
    end: datetime.date,
    source: FeedbackSource | None = None,
) -> FeedbackIds:
    """The dossiers of these agencies with feedback received in [start, end], from
    `source` (the installed register by default)."""
    source = source or installed_source()
    if source is None:
        return FeedbackIds(frozenset(), available=False)
    ids = source(agency_ids=list(agency_ids), start=start, end=end)
    return FeedbackIds(frozenset(int(i) for i in ids), available=True)
