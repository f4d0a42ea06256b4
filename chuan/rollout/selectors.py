"""Reads of the QMS roll-out for the dashboard, the API and reports."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from chuan.organisations.choices import REFORM_2025, UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency
from chuan.organisations.scoping import scope_queryset
from chuan.rollout import lifecycle
from chuan.rollout.coverage import AgencyRow, Snapshot
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


def rollout_snapshot(*, province: AdministrativeUnit | None) -> Snapshot:
    """Load every agency of the province (all of them when None) and their events: 2 queries.

    Agencies are grouped by their district for a province of the legacy list, and by
    province for the whole nation.
    """
    agencies = Agency.objects.all()
    if province is not None:
        agencies = agencies.filter(unit__province=province)
    fields = (
        "id", "name", "kind", "level", "valid_from", "valid_to", "unit_id", "unit__name",
        "unit__level", "unit__parent_id", "unit__parent__name", "unit__province_id",
        "unit__province__name",
    )  # fmt: skip
    rows: list[AgencyRow] = []
    for values in agencies.values(*fields).order_by("id"):
        if province is None:
            group = (values["unit__province_id"], values["unit__province__name"])
        elif values["unit__level"] == UnitLevel.DISTRICT:
            group = (values["unit_id"], values["unit__name"])
        elif values["unit__level"] == UnitLevel.COMMUNE and province.unit_set == UnitSet.LEGACY:
            group = (values["unit__parent_id"], values["unit__parent__name"])
        else:
            group = (province.pk, province.name)
        rows.append(
            AgencyRow(
                id=values["id"],
                name=values["name"],
                kind=values["kind"],
                level=values["level"],
                group_id=group[0],
                group_name=group[1] or "",
                valid_from=values["valid_from"],
                valid_to=values["valid_to"],
            )
        )
    events: dict[int, list[lifecycle.Event]] = {}
    event_rows = QmsEvent.objects.all()
    if province is not None:
        event_rows = event_rows.filter(agency__unit__province=province)
    for agency_id, kind, on in event_rows.values_list("agency_id", "kind", "occurred_on"):
        events.setdefault(agency_id, []).append(lifecycle.Event(kind, on))
    for history in events.values():
        history[:] = lifecycle.ordered(history)
    return Snapshot(agencies=rows, events=events)


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
        .select_related("recorded_by")
        .order_by("occurred_on", "id")
    )


def rollout_agencies(*, user: Any, province: AdministrativeUnit | None = None) -> QuerySet[Agency]:
    """Agencies `user` may see, for the roll-out lists."""
    agencies = scope_queryset(Agency.objects.all(), user, agency_path="pk")
    if province is not None:
        agencies = agencies.filter(unit__province=province)
    return agencies.select_related("unit").order_by("search_name", "pk")


def needs_reannouncement(agency: Agency, events: list[lifecycle.Event]) -> bool:
    """Whether the agency's unit was merged or split after its last announcement, and the
    agency has not re-announced since (the 2025 reorganisation)."""
    announced = lifecycle.last_announcement(events, datetime.date.max)
    if announced is None:
        return False
    changes = agency.unit.successor_links.filter(Q(effective_on__gt=announced))
    return changes.exists()
