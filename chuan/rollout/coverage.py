"""Coverage arithmetic: how many agencies in scope had an announced or applied QMS on a date.

Coverage at a date = agencies in scope on that date whose status is announced or applying,
over the agencies in scope on that date. An agency is in scope only while it exists
(valid_from ≤ date ≤ valid_to), so a commune created or merged mid-period enters or leaves the
denominator on the right day. Everything here works on rows already loaded (two queries in
`selectors.rollout_snapshot`), so a month-by-month series costs no further queries.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from chuan.core.text import fold
from chuan.organisations.choices import AgencyKind
from chuan.rollout import lifecycle
from chuan.rollout.choices import COUNTED_STATUSES, CoverageLevel, QmsStatus

# The People's Committee of a province is not itself one of the agencies that build a QMS
# (its Office does); every other kind counts at its level.
_LEVEL_KINDS: dict[str, frozenset[str]] = {
    CoverageLevel.DEPARTMENT_AND_DISTRICT: frozenset(
        {AgencyKind.PROVINCIAL_DEPARTMENT, AgencyKind.DISTRICT_PEOPLES_COMMITTEE}
    ),
}


@dataclass(frozen=True, slots=True)
class AgencyRow:
    """What coverage needs to know of an agency."""

    id: int
    name: str
    kind: str
    level: str
    group_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    def exists_on(self, on: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def in_level(self, level: str) -> bool:
        if self.kind == AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE:
            return False
        if level in _LEVEL_KINDS:
            return self.kind in _LEVEL_KINDS[level]
        return self.level == level


@dataclass(frozen=True)
class Figure:
    """Announced (or applying) agencies over agencies in scope."""

    in_scope: int
    announced: int

    def reaches(self, percent: Decimal) -> bool:
        """Whether coverage is at least `percent`, exactly: 2249 of 2500 (89.96%) does not
        reach 90% even though it is shown rounded as 90.0%. With nothing in scope, only a
        target of 0% is reached."""
        if not self.in_scope:
            return Decimal(percent) <= 0
        return Decimal(self.announced * 100) >= Decimal(percent) * self.in_scope

    @property
    def percent(self) -> Decimal:
        if not self.in_scope:
            return Decimal("0.0")
        value = Decimal(self.announced * 100) / Decimal(self.in_scope)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Laggard:
    agency: AgencyRow
    status: str
    building_since: datetime.date | None


@dataclass
class Snapshot:
    """A province's (or the nation's) agencies and their QMS events."""

    agencies: list[AgencyRow]
    events: dict[int, list[lifecycle.Event]] = field(default_factory=dict)
    # Names of the groups agencies are counted in (districts, or provinces for the nation).
    group_names: dict[int | None, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Each level's agencies are sorted out once; statuses are computed once per date.
        self._by_level: dict[str, list[AgencyRow]] = {}
        self._counted: dict[datetime.date, set[int]] = {}
        for agency_id, history in self.events.items():
            self.events[agency_id] = lifecycle.ordered(history)

    def status(self, agency_id: int, on: datetime.date) -> str:
        return lifecycle.status_on(self.events.get(agency_id, ()), on, presorted=True)

    def counted_on(self, on: datetime.date) -> set[int]:
        """Ids of the agencies whose QMS counts (announced or applying) on `on`."""
        counted = self._counted.get(on)
        if counted is None:
            counted = {
                agency_id
                for agency_id, history in self.events.items()
                if lifecycle.status_on(history, on, presorted=True) in COUNTED_STATUSES
            }
            self._counted[on] = counted
        return counted

    def in_scope(self, level: str, on: datetime.date) -> list[AgencyRow]:
        rows = self._by_level.get(level)
        if rows is None:
            rows = self._by_level[level] = [a for a in self.agencies if a.in_level(level)]
        return [a for a in rows if a.exists_on(on)]

    def figure(self, level: str, on: datetime.date) -> Figure:
        rows = self.in_scope(level, on)
        counted = self.counted_on(on)
        return Figure(in_scope=len(rows), announced=sum(1 for a in rows if a.id in counted))

    def by_group(self, level: str, on: datetime.date) -> list[tuple[int | None, str, Figure]]:
        """Coverage per district (legacy) or per province (the nation), by name."""
        groups: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
        counted = self.counted_on(on)
        for agency in self.in_scope(level, on):
            counts = groups[agency.group_id]
            counts[0] += 1
            counts[1] += agency.id in counted
        return sorted(
            ((gid, self.group_names.get(gid, ""), Figure(n, a)) for gid, (n, a) in groups.items()),
            key=lambda item: (fold(item[1]), item[1]),
        )

    def by_kind(self, level: str, on: datetime.date) -> dict[str, Figure]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        counted = self.counted_on(on)
        for agency in self.in_scope(level, on):
            counts[agency.kind][0] += 1
            counts[agency.kind][1] += agency.id in counted
        return {kind: Figure(n, a) for kind, (n, a) in counts.items()}

    def series(
        self, level: str, start: datetime.date, end: datetime.date
    ) -> list[tuple[datetime.date, Figure]]:
        """Coverage at the end of every month from `start`'s month to `end` (end included)."""
        points = [(day, self.figure(level, day)) for day in month_ends(start, end)]
        if not points or points[-1][0] != end:
            points.append((end, self.figure(level, end)))
        return points

    def target_met(
        self,
        level: str,
        percent: Decimal,
        deadline: datetime.date,
        on: datetime.date,
        *,
        today: datetime.date | None = None,
    ) -> bool | None:
        """Whether a target was met: None until its deadline, then judged on the coverage
        reached on the deadline itself.

        Also None, whatever `on` is, while the deadline is still after today: on a date in
        the future the snapshot knows only today's counts, and a target that still has time
        must not be called missed from them."""
        if today is None:
            today = timezone.localdate()
        if on < deadline or deadline > today:
            return None
        return self.figure(level, deadline).reaches(percent)

    def lagging(self, level: str, on: datetime.date) -> list[Laggard]:
        """Agencies in scope without an announced QMS: longest-building first, then not started."""
        result = []
        for agency in self.in_scope(level, on):
            status = self.status(agency.id, on)
            if status in COUNTED_STATUSES:
                continue
            events = [e for e in self.events.get(agency.id, ()) if e.on <= on]
            since = lifecycle.building_since(events) if status == QmsStatus.BUILDING else None
            result.append(Laggard(agency=agency, status=status, building_since=since))
        far_future = datetime.date.max
        result.sort(
            key=lambda lag: (lag.building_since or far_future, fold(lag.agency.name), lag.agency.id)
        )
        return result


def month_ends(start: datetime.date, end: datetime.date) -> Iterable[datetime.date]:
    """The last day of every month from `start`'s month up to `end`, not after it."""
    year, month = start.year, start.month
    while True:
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        last = following - datetime.timedelta(days=1)
        if last > end:
            return
        yield last
        year, month = following.year, following.month


LEVELS_FOR_TILES = [
    CoverageLevel.DEPARTMENT_AND_DISTRICT,
    CoverageLevel.PROVINCE,
    CoverageLevel.DISTRICT,
    CoverageLevel.COMMUNE,
]
