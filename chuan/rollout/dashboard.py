"""What the DOST dashboard shows, computed from a loaded snapshot without queries: the tiles,
the targets' states, the table by district or province, the kinds, the lagging list and the
monthly series. The screens (chuan.rollout.views.dashboard) and the workbook
(chuan.rollout.exports) both render these."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from chuan.core.text import fold
from chuan.organisations.choices import AgencyKind
from chuan.organisations.models import AdministrativeUnit
from chuan.rollout import lifecycle
from chuan.rollout.choices import COUNTED_STATUSES, CoverageLevel, EventKind, QmsStatus
from chuan.rollout.coverage import LEVELS_FOR_TILES, Figure, Snapshot
from chuan.rollout.models import Target

SERIES_MONTHS = 24

STATUS_BADGES: dict[str, str] = {
    QmsStatus.NOT_STARTED: "text-bg-secondary",
    QmsStatus.BUILDING: "text-bg-warning",
    QmsStatus.ANNOUNCED: "text-bg-primary",
    QmsStatus.APPLYING: "text-bg-success",
    QmsStatus.LAPSED: "text-bg-danger",
}


@dataclass(frozen=True)
class TargetState:
    """A target the province set (decision, level, percentage, deadline) and how it stands on
    the dashboard's date: met or missed once its deadline has come, on track or behind before,
    and not yet due when the dashboard looks past a deadline that is still after today (the
    future has no counts to judge it by)."""

    decision_number: str
    decision_date: datetime.date
    level: str
    percent: Decimal
    deadline: datetime.date
    current: Decimal
    on_track: bool
    met: bool | None

    @property
    def level_label(self) -> str:
        return str(CoverageLevel(self.level).label)

    # The dashboard's date is past the deadline, but today is not: still in progress.
    not_yet_due: bool = False

    @property
    def state(self) -> str:
        if self.met is not None:
            return "met" if self.met else "missed"
        if self.not_yet_due:
            return "not_yet_due"
        return "on_track" if self.on_track else "behind"

    @property
    def state_label(self) -> str:
        return {
            "met": _("Met"),
            "missed": _("Missed"),
            "on_track": _("On track"),
            "behind": _("Behind schedule"),
            "not_yet_due": _("Not yet due"),
        }[self.state]

    @property
    def tone(self) -> str:
        """The colour of the state: green when met or on track, amber behind, red missed."""
        return {
            "met": "success",
            "on_track": "success",
            "behind": "warning",
            "missed": "danger",
            "not_yet_due": "secondary",
        }[self.state]


@dataclass(frozen=True)
class Tile:
    """One level's coverage: announced over in scope, its next target and the last one judged."""

    level: str
    figure: Figure
    target: TargetState | None
    previous: TargetState | None

    @property
    def label(self) -> str:
        return str(CoverageLevel(self.level).label)

    @property
    def tone(self) -> str:
        if self.target is not None:
            return self.target.tone
        return "success" if self.figure.in_scope and self.figure.percent >= 100 else "primary"


@dataclass(frozen=True)
class GroupRow:
    """A district (legacy list) or the province itself, with its coverage."""

    group_id: int | None
    name: str
    figure: Figure


@dataclass(frozen=True)
class AgencyLine:
    """An agency in scope and where its QMS stood on the date."""

    agency_id: int
    name: str
    group_name: str
    status: str
    since: datetime.date | None  # building since, lapsed since or announced on, by status
    months: int | None  # full months building, for the lagging list

    @property
    def status_label(self) -> str:
        return str(QmsStatus(self.status).label)

    @property
    def badge(self) -> str:
        return STATUS_BADGES.get(self.status, "text-bg-secondary")


@dataclass
class Dashboard:
    """Everything the DOST dashboard and its workbook show for one province, level and date."""

    province_id: int
    province_name: str
    on: datetime.date
    level: str
    tiles: list[Tile]
    targets: list[TargetState]
    figure: Figure
    groups: list[GroupRow]
    laggards: list[AgencyLine]
    series: list[tuple[datetime.date, Figure]]
    level_targets: list[TargetState] = field(default_factory=list)
    # Coverage of the chosen level by kind of agency (departments, boards, centres…).
    kinds: list[tuple[str, Figure]] = field(default_factory=list)

    @property
    def level_label(self) -> str:
        return str(CoverageLevel(self.level).label)


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from `start` to `end` (0 when `end` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _month_start(day: datetime.date, months_back: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def series_start(snapshot: Snapshot, level: str, on: datetime.date) -> datetime.date:
    """The chart's first month: the level's first event, but no more than 24 months back."""
    ids = {a.id for a in snapshot.agencies if a.in_level(level)}
    first = min(
        (e.on for agency_id in ids for e in snapshot.events.get(agency_id, ())), default=None
    )
    start = _month_start(on, SERIES_MONTHS)
    if first is not None:
        start = max(start, _month_start(first))
    return min(start, on)


def status_since(
    snapshot: Snapshot, agency_id: int, status: str, on: datetime.date
) -> datetime.date | None:
    events = [e for e in snapshot.events.get(agency_id, ()) if e.on <= on]
    if status == QmsStatus.BUILDING:
        return lifecycle.building_since(events)
    if status == QmsStatus.LAPSED:
        lapses = [e.on for e in events if e.kind == EventKind.LAPSED]
        return max(lapses) if lapses else None
    if status in COUNTED_STATUSES:
        return lifecycle.last_announcement(events, on)
    return None


def dashboard_compute(
    snapshot: Snapshot,
    targets: list[Target],
    *,
    province: AdministrativeUnit,
    level: str,
    on: datetime.date,
) -> Dashboard:
    """The dashboard's figures from the loaded snapshot: no queries."""
    today = timezone.localdate()
    figures: dict[str, Figure] = {}

    def figure(lvl: str) -> Figure:
        if lvl not in figures:
            figures[lvl] = snapshot.figure(lvl, on)
        return figures[lvl]

    states = [
        TargetState(
            decision_number=t.decision_number,
            decision_date=t.decision_date,
            level=t.level,
            percent=Decimal(t.percent),
            deadline=t.deadline,
            current=figure(t.level).percent,
            on_track=figure(t.level).reaches(Decimal(t.percent)),
            met=snapshot.target_met(t.level, Decimal(t.percent), t.deadline, on, today=today),
            not_yet_due=on >= t.deadline > today,
        )
        for t in targets
    ]
    tiles = []
    for lvl in LEVELS_FOR_TILES:
        fig = figure(lvl)
        if not fig.in_scope:
            continue
        mine = [s for s in states if s.level == lvl]  # by deadline already
        upcoming = [s for s in mine if s.deadline >= on]
        past = [s for s in mine if s.deadline < on]
        target = upcoming[0] if upcoming else (past[-1] if past else None)
        previous = past[-1] if past and past[-1] is not target else None
        tiles.append(Tile(level=lvl, figure=fig, target=target, previous=previous))
    laggards = [
        AgencyLine(
            agency_id=lag.agency.id,
            name=lag.agency.name,
            group_name=snapshot.group_names.get(lag.agency.group_id, ""),
            status=lag.status,
            since=lag.building_since or status_since(snapshot, lag.agency.id, lag.status, on),
            months=months_between(lag.building_since, on) if lag.building_since else None,
        )
        for lag in snapshot.lagging(level, on)
    ]
    return Dashboard(
        province_id=province.pk,
        province_name=province.name,
        on=on,
        level=level,
        tiles=tiles,
        targets=states,
        figure=figure(level),
        kinds=sorted(
            (
                (str(AgencyKind(kind).label), fig)
                for kind, fig in snapshot.by_kind(level, on).items()
            ),
            key=lambda item: (fold(item[0]), item[0]),
        ),
        groups=[
            GroupRow(gid, name, fig)
            # The province's own agencies first, then districts in Vietnamese alphabetical
            # order (folded names: "Chư Păh" before "Chư Prông", which byte order reverses).
            for gid, name, fig in sorted(
                snapshot.by_group(level, on),
                key=lambda group: (group[0] != province.pk, fold(group[1]), group[0] or 0),
            )
        ],
        laggards=laggards,
        series=snapshot.series(level, series_start(snapshot, level, on), on),
        level_targets=[s for s in states if s.level == level],
    )


def chart_data(dashboard: Dashboard) -> dict[str, Any]:
    """The chart's series and target lines, for `json_script` and rollout-dashboard.js."""
    labels = [day.strftime("%m/%Y") for day, _fig in dashboard.series]
    months = [(day.year, day.month) for day, _fig in dashboard.series]
    lines = []
    for target in dashboard.level_targets:
        key = (target.deadline.year, target.deadline.month)
        lines.append(
            {
                "label": _("Target %(percent)s%% by %(deadline)s (%(decision)s)")
                % {
                    "percent": _percent_text(target.percent),
                    "deadline": target.deadline.strftime("%d/%m/%Y"),
                    "decision": target.decision_number,
                },
                "percent": float(target.percent),
                "deadlineIndex": months.index(key) if key in months else None,
                "tone": target.tone,
            }
        )
    return {
        "labels": labels,
        "dates": [day.strftime("%d/%m/%Y") for day, _fig in dashboard.series],
        "coverage": [float(fig.percent) for _day, fig in dashboard.series],
        "announced": [fig.announced for _day, fig in dashboard.series],
        "inScope": [fig.in_scope for _day, fig in dashboard.series],
        "coverageLabel": _("Coverage: %(level)s") % {"level": dashboard.level_label},
        "announcedOf": _("announced"),
        "targets": lines,
    }


def _percent_text(value: Decimal) -> str:
    """90.00 → "90", 92.50 → "92,5" (in Vietnamese): a target as people write it."""
    if value == value.to_integral_value():
        return str(int(value))
    return formats.number_format(value.normalize(), use_l10n=True)
