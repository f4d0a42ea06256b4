"""The rules of an agency's QMS lifecycle, as pure functions over its dated events.

Legal basis: QĐ 19/2014/QĐ-TTg (an agency builds its QMS, announces it by a decision of its
head, applies, maintains and improves it, and re-announces when its scope changes) and the
province's inspections that confirm it is applied. The status on a date is always derived
from the events up to that date; it is never stored.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from chuan.rollout.choices import COUNTED_STATUSES, EventKind, QmsStatus

BUILDING_KINDS = frozenset(
    {EventKind.COMMITTEE_APPOINTED, EventKind.BUILDING_STARTED, EventKind.DOCUMENTS_ISSUED}
)
ANNOUNCING_KINDS = frozenset({EventKind.ANNOUNCED, EventKind.REANNOUNCED})
_ORDER = {kind: index for index, kind in enumerate(EventKind.values)}


@dataclass(frozen=True)
class Event:
    """One dated fact of the lifecycle, as the rules need it."""

    kind: str
    on: datetime.date
    decision_number: str = ""
    decision_date: datetime.date | None = None


def ordered(events: Iterable[Event]) -> list[Event]:
    """Events by date; on the same day, in the lifecycle's own order."""
    return sorted(events, key=lambda e: (e.on, _ORDER.get(e.kind, 99)))


def step(status: str, kind: str) -> str:
    """The status after one event."""
    if kind in BUILDING_KINDS:
        return QmsStatus.BUILDING if status in _NOT_ANNOUNCED else status
    if kind in ANNOUNCING_KINDS:
        return QmsStatus.ANNOUNCED
    if kind == EventKind.APPLYING_CONFIRMED:
        return QmsStatus.APPLYING
    if kind == EventKind.LAPSED:
        return QmsStatus.LAPSED
    return status


_NOT_ANNOUNCED = frozenset({QmsStatus.NOT_STARTED, QmsStatus.BUILDING, QmsStatus.LAPSED})


def status_on(events: Iterable[Event], on: datetime.date, *, presorted: bool = False) -> str:
    """The agency's QMS status at the end of day `on` (`presorted`: already `ordered`)."""
    status: str = QmsStatus.NOT_STARTED
    for event in events if presorted else ordered(events):
        if event.on > on:
            break
        status = step(status, event.kind)
    return status


def counts(status: str) -> bool:
    """Whether this status counts towards coverage (announced or applying)."""
    return status in COUNTED_STATUSES


def first_on(events: Iterable[Event], kinds: Iterable[str]) -> datetime.date | None:
    """The date of the first event of these kinds, if any."""
    wanted = set(kinds)
    dates = [e.on for e in events if e.kind in wanted]
    return min(dates) if dates else None


def building_since(events: Sequence[Event]) -> datetime.date | None:
    """When the current attempt to build the QMS began: the first building step after the
    last lapse (a QMS rebuilt after lapsing is not counted from its first build)."""
    lapses = [e.on for e in events if e.kind == EventKind.LAPSED]
    after = max(lapses) if lapses else datetime.date.min
    return first_on([e for e in events if e.on >= after], BUILDING_KINDS)


def last_announcement(events: Sequence[Event], on: datetime.date) -> datetime.date | None:
    dates = [e.on for e in events if e.kind in ANNOUNCING_KINDS and e.on <= on]
    return max(dates) if dates else None


def check_next(history: Sequence[Event], new: Event) -> dict[str, str]:
    """What is wrong with recording `new` after `history`, by field (empty when it is fine)."""
    errors: dict[str, str] = {}
    events = ordered(history)
    if events and new.on < events[-1].on:
        errors["occurred_on"] = _(
            "Events cannot go back in time: the last one is dated %(date)s."
        ) % {"date": events[-1].on.strftime("%d/%m/%Y")}
    elif events and new.on == events[-1].on and _ORDER[new.kind] < _ORDER[events[-1].kind]:
        # On one day events apply in the lifecycle's order; an earlier step recorded after a
        # later one would silently change nothing (a re-announcement the same day as a lapse).
        errors["occurred_on"] = _(
            "On %(date)s “%(last)s” is already recorded; record this on a later day."
        ) % {"date": new.on.strftime("%d/%m/%Y"), "last": EventKind(events[-1].kind).label}
    if new.kind in ANNOUNCING_KINDS:
        if not new.decision_number.strip():
            errors["decision_number"] = _("An announcement needs the number of its decision.")
        if new.decision_date is None:
            errors["decision_date"] = _("An announcement needs the date of its decision.")
        elif new.decision_date > new.on:
            errors["decision_date"] = _("The decision cannot be dated after the event.")
    current = status_on(events, max(new.on, events[-1].on) if events else new.on)
    ever_announced = any(e.kind in ANNOUNCING_KINDS for e in events)
    if new.kind == EventKind.ANNOUNCED and ever_announced:
        if current in COUNTED_STATUSES:
            errors["kind"] = _("The QMS is already announced; record a re-announcement instead.")
        else:
            # Also after a lapse followed by rebuilding: the next announcement is a re-one.
            errors["kind"] = _("A lapsed QMS must be re-announced.")
    elif new.kind == EventKind.REANNOUNCED and not ever_announced:
        errors["kind"] = _("Only an announced QMS can be re-announced.")
    elif new.kind == EventKind.APPLYING_CONFIRMED and current not in COUNTED_STATUSES:
        errors["kind"] = _("Only an announced QMS can be confirmed as applied.")
    elif new.kind == EventKind.LAPSED and current not in COUNTED_STATUSES:
        errors["kind"] = _("Only an announced QMS can lapse.")
    return errors
