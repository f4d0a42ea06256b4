"""Reads of units and agencies for screens, the API and other apps."""

from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from chuan.core.text import search_tokens
from chuan.organisations.choices import UnitLevel, UnitSet
from chuan.organisations.models import AdministrativeUnit, Agency, Department, UnitLineage
from chuan.organisations.scoping import scope_queryset, visible_agencies

_LEVEL_ORDER = Case(
    When(level=UnitLevel.PROVINCE, then=Value(0)),
    When(level=UnitLevel.DISTRICT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _token_filter(tokens: list[str]) -> Q:
    condition = Q()
    for token in tokens:
        condition &= Q(search_name__contains=token)
    return condition


def unit_search(
    *, query: str, unit_set: str | None = None, level: str | None = None
) -> QuerySet[AdministrativeUnit]:
    """Units whose name or code contains every word of `query`, diacritics and case ignored.

    Provinces come first, then districts, then communes; "chu se" finds "Huyện Chư Sê".
    """
    tokens = search_tokens(query)
    if not tokens:
        return AdministrativeUnit.objects.none()
    units = AdministrativeUnit.objects.filter(_token_filter(tokens))
    if unit_set:
        units = units.filter(unit_set=unit_set)
    if level:
        units = units.filter(level=level)
    # Folded names sort the Vietnamese way (Tài < Thông < Tư); byte order would not.
    return units.select_related("parent", "province").order_by(
        _LEVEL_ORDER, "unit_set", "search_name", "pk"
    )


def unit_roots(*, unit_set: str) -> QuerySet[AdministrativeUnit]:
    """The provinces of one list in the official order (by code), with their unit counts."""
    return (
        AdministrativeUnit.objects.filter(unit_set=unit_set, level=UnitLevel.PROVINCE)
        .annotate(child_count=Count("children", distinct=True))
        .order_by("code")
    )


def unit_children(*, unit: AdministrativeUnit, user: Any) -> QuerySet[AdministrativeUnit]:
    """The units directly under `unit` in the official order (by code), with their unit counts
    and the number of agencies on each that `user` may see."""
    visible = visible_agencies(user).values("pk")
    return (
        AdministrativeUnit.objects.filter(parent=unit)
        .annotate(
            child_count=Count("children", distinct=True),
            agency_count=Count("agencies", filter=Q(agencies__in=visible), distinct=True),
        )
        .order_by("code")
    )


def unit_get(*, pk: int) -> AdministrativeUnit | None:
    return (
        AdministrativeUnit.objects.select_related("parent__parent", "province")
        .filter(pk=pk)
        .first()
    )


def province_by_code(code: str) -> AdministrativeUnit | None:
    """A province by its unit code, in the list in force today first (52 is Gia Lai since
    1 July 2025), then in the list before the reform (64 was Gia Lai)."""
    provinces = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, code=code.strip())
    by_set = {unit.unit_set: unit for unit in provinces}
    return by_set.get(UnitSet.REFORM_2025) or by_set.get(UnitSet.LEGACY)


def unit_breadcrumbs(unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The unit's ancestors from its province down, then the unit itself."""
    chain: list[AdministrativeUnit] = []
    current: AdministrativeUnit | None = unit
    while current is not None and len(chain) < 5:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


def unit_lineage(unit: AdministrativeUnit) -> dict[str, list[UnitLineage]]:
    """What the unit became (successors) and what it came from (predecessors)."""
    links = list(
        UnitLineage.objects.filter(Q(predecessor=unit) | Q(successor=unit))
        .select_related("predecessor", "successor")
        .order_by("predecessor__name")[:300]
    )
    return {
        "successors": [link for link in links if link.predecessor_id == unit.pk],
        "predecessors": [link for link in links if link.successor_id == unit.pk],
    }


def agency_list(
    *,
    user: Any,
    query: str = "",
    kind: str = "",
    level: str = "",
) -> QuerySet[Agency]:
    """Agencies `user` may see, filtered; search ignores diacritics and case."""
    agencies = scope_queryset(Agency.objects.all(), user, agency_path="pk")
    tokens = search_tokens(query)
    if tokens:
        agencies = agencies.filter(_token_filter(tokens))
    if kind:
        agencies = agencies.filter(kind=kind)
    if level:
        agencies = agencies.filter(level=level)
    return agencies.select_related("unit", "parent").order_by(_LEVEL_ORDER, "search_name", "pk")


def agency_get(*, user: Any, pk: int) -> Agency | None:
    """The agency if `user` may see it, else None (the caller answers 404)."""
    return (
        scope_queryset(Agency.objects.all(), user, agency_path="pk")
        .select_related("unit__parent", "parent")
        .filter(pk=pk)
        .first()
    )


def agency_departments(agency: Agency) -> QuerySet[Department]:
    return agency.departments.annotate(member_count=Count("memberships")).order_by("name")


def agency_officials(agency_id: int) -> QuerySet[Any]:
    """The active accounts with an active place in the agency, by name (to pick a reviewer,
    a recipient, the next holder of a dossier)."""
    from chuan.accounts.models import User

    return (
        User.objects.filter(
            is_active=True, memberships__agency_id=agency_id, memberships__is_active=True
        )
        .distinct()
        .order_by("full_name")
    )
