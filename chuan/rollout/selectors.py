"""Reads of the QMS roll-out for the dashboard, the API and reports."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from chuan.accounts.roles import Scope, user_scope
from chuan.core.text import search_tokens
from chuan.organisations.choices import (
    REFORM_2025,
    AgencyKind,
    LineageKind,
    UnitLevel,
    UnitSet,
)
from chuan.organisations.models import AdministrativeUnit, Agency, UnitLineage
from chuan.organisations.scoping import scope_queryset, user_province_ids
from chuan.rollout import lifecycle
from chuan.rollout.choices import EventKind
from chuan.rollout.coverage import LEVELS_FOR_TILES, AgencyRow, Figure, Snapshot
from chuan.rollout.models import QmsEvent, Target


def unit_set_on(on: datetime.date) -> str:
    """The official list of units in force on a date."""
    return UnitSet.REFORM_2025 if on >= REFORM_2025 else UnitSet.LEGACY


def province_by_code(code: str, on: datetime.date) -> AdministrativeUnit | None:
    """The province with this code in the list in force on `on` (codes repeat across lists:
    52 was Bình Định before 1 July 2025 and is Gia Lai since)."""
    return AdministrativeUnit.objects.filter(
        unit_set=unit_set_on(on), level=UnitLevel.PROVINCE, code=code.strip()
    ).first()


def rollout_snapshot(
    *,
    province: AdministrativeUnit | None,
    group_names: bool = True,
    within: set[int] | None = None,
) -> Snapshot:
    """Load every agency of the province (all of them when None) and their events: 3 queries
    (2 without `group_names`, for callers that need figures but no breakdown). `within`
    limits the nation to these provinces (ids), still grouped by province.

    Agencies are grouped by their district for a province of the legacy list, and by
    province for the whole nation. Only the columns coverage needs are read, as tuples, and
    the few group names come in a query of their own: at national scale (16,000 agencies,
    20,000 events) joins and model instances would cost more than the arithmetic.
    """
    agencies = Agency.objects.all()
    event_rows = QmsEvent.objects.in_force().order_by()
    if province is not None:
        agencies = agencies.filter(unit__province=province)
        event_rows = event_rows.filter(agency__unit__province=province)
    elif within is not None:
        agencies = agencies.filter(unit__province_id__in=within)
        event_rows = event_rows.filter(agency__unit__province_id__in=within)
    legacy_province = province is not None and province.unit_set == UnitSet.LEGACY
    raw = agencies.order_by().values_list(
        "id", "name", "kind", "level", "valid_from", "valid_to", "unit_id", "unit__level",
        "unit__parent_id", "unit__province_id",
    )  # fmt: skip
    rows = []
    for pk, name, kind, level, start, end, unit_id, unit_level, parent_id, province_id in raw:
        if province is None:
            group_id = province_id
        elif unit_level == UnitLevel.DISTRICT:
            group_id = unit_id
        elif unit_level == UnitLevel.COMMUNE and legacy_province:
            group_id = parent_id
        else:
            group_id = province.pk
        rows.append(AgencyRow(pk, name, kind, level, group_id, start, end))
    names: dict[int | None, str] = {}
    if group_names:
        names = dict(
            AdministrativeUnit.objects.filter(pk__in={row.group_id for row in rows})
            .order_by()
            .values_list("pk", "name")
        )
    events: dict[int, list[lifecycle.Event]] = {}
    for agency_id, kind, on in event_rows.values_list("agency_id", "kind", "occurred_on"):
        events.setdefault(agency_id, []).append(lifecycle.Event(kind, on))
    return Snapshot(agencies=rows, events=events, group_names=names)


def coverage_figures(
    *, province: AdministrativeUnit | None, on: datetime.date, within: set[int] | None = None
) -> dict[str, Figure]:
    """The four tiles' figures on `on` in one SQL aggregate, for the nation as for a province.

    The same rule as `lifecycle.status_on`, said in SQL: an agency counts when the last of its
    status-deciding events (announced, re-announced, applying confirmed, lapsed) on or before
    `on` is not a lapse, a lapse coming last on its day; building events never undo an
    announcement. Tests hold it equal to the snapshot's figures.
    """
    counted = [EventKind.ANNOUNCED, EventKind.REANNOUNCED, EventKind.APPLYING_CONFIRMED]
    last_deciding_event = (
        QmsEvent.objects.in_force()
        .filter(agency=OuterRef("pk"), occurred_on__lte=on, kind__in=[*counted, EventKind.LAPSED])
        .annotate(
            lapse=Case(
                When(kind=EventKind.LAPSED, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-occurred_on", "-lapse")
        .values("kind")[:1]
    )
    agencies = Agency.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on),
        Q(valid_to__isnull=True) | Q(valid_to__gte=on),
    ).exclude(kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE)
    if province is not None:
        agencies = agencies.filter(unit__province=province)
    elif within is not None:
        agencies = agencies.filter(unit__province_id__in=within)
    rows = (
        agencies.annotate(last=Subquery(last_deciding_event))
        .order_by()
        .values("kind", "level")
        .annotate(in_scope=Count("id"), announced=Count("id", filter=Q(last__in=counted)))
    )
    sums = {level: [0, 0] for level in LEVELS_FOR_TILES}
    for row in rows:
        for level in LEVELS_FOR_TILES:
            if AgencyRow(0, "", row["kind"], row["level"], None, None, None).in_level(level):
                sums[level][0] += row["in_scope"]
                sums[level][1] += row["announced"]
    return {level: Figure(*counts) for level, counts in sums.items()}


def targets_for(*, province: AdministrativeUnit | None, level: str | None = None) -> list[Target]:
    targets = Target.objects.all()
    if province is not None:
        targets = targets.filter(province=province)
    if level:
        targets = targets.filter(level=level)
    return list(targets.order_by("deadline", "level"))


def agency_events(agency: Agency) -> QuerySet[QmsEvent]:
    return (
        QmsEvent.objects.filter(agency=agency)
        .select_related("recorded_by", "withdrawn_by")
        .order_by("occurred_on", "id")
    )


def rollout_agencies(*, user: Any, province: AdministrativeUnit | None = None) -> QuerySet[Agency]:
    """Agencies `user` may see, for the roll-out lists."""
    agencies = scope_queryset(Agency.objects.all(), user, agency_path="pk")
    if province is not None:
        agencies = agencies.filter(unit__province=province)
    return agencies.select_related("unit").order_by("search_name", "pk")


# --- Lists of agencies with their QMS status (screens and API) -------------------------------


@dataclass(frozen=True)
class AgencyQms:
    """Where one agency's QMS stands on a date: its status, since when, and whether the
    2025 reorganisation (or any merger or split of its unit) overtook its announcement."""

    status: str
    since: datetime.date | None
    needs_reannouncement: bool


def agency_histories(
    agency_ids: Iterable[int] | QuerySet[Agency],
) -> dict[int, list[lifecycle.Event]]:
    """The lifecycle events of these agencies, in order, in one query.

    `agency_ids` may be a queryset of agencies: it then runs as a subquery, so a whole
    province's histories still cost one query.
    """
    ids: Any = agency_ids.values("pk") if isinstance(agency_ids, QuerySet) else list(agency_ids)
    histories: dict[int, list[lifecycle.Event]] = {}
    rows = (
        QmsEvent.objects.in_force()
        .filter(agency_id__in=ids)
        .values_list("agency_id", "kind", "occurred_on", "decision_number", "decision_date")
    )
    for agency_id, kind, on, number, decision_date in rows:
        histories.setdefault(agency_id, []).append(lifecycle.Event(kind, on, number, decision_date))
    for history in histories.values():
        history[:] = lifecycle.ordered(history)
    return histories


def reannouncement_flags(
    agencies: Iterable[tuple[int, int]], histories: dict[int, list[lifecycle.Event]]
) -> set[int]:
    """Ids of the agencies (given as `(id, unit_id)`) whose unit was merged or split after
    their last announcement, with no re-announcement since: one query for all of them.

    QĐ 19/2014/QĐ-TTg asks an agency to announce again when the scope of its QMS changes,
    and a merged or split unit changes it; a mere renaming does not.
    """
    announced: dict[int, tuple[int, datetime.date]] = {}
    for agency_id, unit_id in agencies:
        last = lifecycle.last_announcement(histories.get(agency_id, []), datetime.date.max)
        if last is not None:
            announced[agency_id] = (unit_id, last)
    if not announced:
        return set()
    latest_change: dict[int, datetime.date] = {}
    links = (
        UnitLineage.objects.filter(
            predecessor_id__in={unit_id for unit_id, _ in announced.values()}
        )
        .exclude(kind=LineageKind.RENAMED_TO)
        .values_list("predecessor_id", "effective_on")
    )
    for unit_id, effective_on in links:
        if unit_id not in latest_change or effective_on > latest_change[unit_id]:
            latest_change[unit_id] = effective_on
    return {
        agency_id
        for agency_id, (unit_id, last) in announced.items()
        if unit_id in latest_change and latest_change[unit_id] > last
    }


def agency_qms_map(
    agencies: Sequence[Agency],
    on: datetime.date,
    histories: dict[int, list[lifecycle.Event]] | None = None,
) -> dict[int, AgencyQms]:
    """The QMS status on `on` of a page of agencies, with the re-announcement flag: two
    queries however long the page (one when their histories are already loaded)."""
    if histories is None:
        histories = agency_histories([a.pk for a in agencies])
    return _qms_from([(a.pk, a.unit_id) for a in agencies], histories, on)


def _qms_from(
    agencies: Sequence[tuple[int, int]],
    histories: dict[int, list[lifecycle.Event]],
    on: datetime.date,
) -> dict[int, AgencyQms]:
    flagged = reannouncement_flags(agencies, histories)
    result = {}
    for agency_id, _unit_id in agencies:
        events = [e for e in histories.get(agency_id, []) if e.on <= on]
        result[agency_id] = AgencyQms(
            status=lifecycle.status_on(events, on),
            since=events[-1].on if events else None,
            needs_reannouncement=agency_id in flagged,
        )
    return result


class AgencyIdSequence:
    """Agencies picked by their derived status, as a sequence a paginator can slice: only the
    agencies of the requested page are loaded (one query per page)."""

    def __init__(self, ids: list[int], histories: dict[int, list[lifecycle.Event]]) -> None:
        self.ids = ids
        # The events already read to pick the agencies, reused for the page's statuses.
        self.histories = histories

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list[Agency]:
        wanted = self.ids[index]
        by_id = Agency.objects.select_related("unit__parent").in_bulk(wanted)
        return [by_id[pk] for pk in wanted if pk in by_id]


def rollout_agency_list(
    *,
    user: Any,
    query: str = "",
    level: str = "",
    status: str = "",
    needs_reannouncement_only: bool = False,
    include_former: bool = False,
    on: datetime.date,
) -> QuerySet[Agency] | AgencyIdSequence:
    """Agencies `user` may see for the roll-out lists, filtered by name (diacritics ignored),
    level, QMS status on `on` and the re-announcement flag. Agencies that no longer existed
    on `on` (those of the districts and communes merged in 2025) are left out unless
    `include_former` or the re-announcement flag asks for them.

    A status is derived from events, never stored, so filtering by it loads the ids and
    events of every matching agency (two queries, three with the flag) and pages in Python.
    """
    agencies = rollout_agencies(user=user)
    tokens = search_tokens(query)
    for token in tokens:
        agencies = agencies.filter(search_name__contains=token)
    if level:
        agencies = agencies.filter(level=level)
    if not include_former and not needs_reannouncement_only:
        agencies = agencies.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=on),
            Q(valid_to__isnull=True) | Q(valid_to__gte=on),
        )
    if not status and not needs_reannouncement_only:
        return agencies.select_related("unit__parent")
    pairs = list(agencies.values_list("pk", "unit_id"))
    histories = agency_histories(agencies)
    flagged = reannouncement_flags(pairs, histories) if needs_reannouncement_only else None
    ids = []
    for agency_id, _unit_id in pairs:
        if flagged is not None and agency_id not in flagged:
            continue
        if status and lifecycle.status_on(histories.get(agency_id, []), on) != status:
            continue
        ids.append(agency_id)
    return AgencyIdSequence(ids, histories)


def agency_qms_get(*, user: Any, pk: int) -> Agency | None:
    """The agency if `user` may see it (else None: the caller answers 404)."""
    return (
        rollout_agencies(user=user).select_related("unit__parent", "parent").filter(pk=pk).first()
    )


def agency_qms(agency: Agency, on: datetime.date) -> tuple[AgencyQms, list[QmsEvent]]:
    """One agency's status on `on`, its flag and its whole history, in three queries."""
    events = list(agency_events(agency))
    histories = {
        agency.pk: lifecycle.ordered(
            lifecycle.Event(e.kind, e.occurred_on, e.decision_number, e.decision_date)
            for e in events
            if e.withdrawn_at is None
        )
    }
    return _qms_from([(agency.pk, agency.unit_id)], histories, on)[agency.pk], events


# --- Targets ----------------------------------------------------------------------------------


def target_provinces(user: Any) -> QuerySet[AdministrativeUnit]:
    """The provinces whose targets `user` may see and set: every province for a system
    administrator, otherwise the province of their agency with the provinces it merged from
    or into in 2025 (the DOST of the new Gia Lai also keeps the targets of Bình Định's)."""
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    if user.is_authenticated and user.is_active and user_scope(user) == Scope.ALL:
        return provinces
    return provinces.filter(pk__in=user_province_ids(user))


def coverage_provinces(user: Any) -> QuerySet[AdministrativeUnit]:
    """The provinces whose coverage `user` may see: all for a system administrator, the
    province family for a province-wide role (DOST, inspector), none for an agency's own
    officials — whatever permissions they were given."""
    scope = user_scope(user) if user.is_authenticated and user.is_active else None
    if scope == Scope.ALL:
        return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
    if scope == Scope.PROVINCE:
        return target_provinces(user)
    return AdministrativeUnit.objects.none()


def target_list(*, user: Any) -> QuerySet[Target]:
    return (
        Target.objects.filter(province__in=target_provinces(user))
        .select_related("province")
        .order_by("-deadline", "province__search_name", "level", "pk")
    )


def snapshots_for(province_ids: Iterable[int]) -> dict[int, Snapshot]:
    """Snapshots of several provinces in two queries (for the targets on a page)."""
    wanted = set(province_ids)
    if not wanted:
        return {}
    together = rollout_snapshot(province=None, group_names=False, within=wanted)
    rows: dict[int, list[AgencyRow]] = {pk: [] for pk in wanted}
    for row in together.agencies:
        rows[row.group_id or 0].append(row)
    return {pk: Snapshot(agencies=found, events=together.events) for pk, found in rows.items()}
