"""Per-agency data scoping, the primitive every list and detail in Chuẩn is filtered through.

An official sees their own agency (and its departments); a provincial coordinator (DOST) or
inspector sees every agency of their province, including the units their province merged from
or into in 2025; a system administrator sees everything.
"""

import threading
import time
from typing import Any, TypeVar

from django.db.models import Count, Max, Model, Q, QuerySet, Sum

from chuan.accounts.roles import Scope, user_scope
from chuan.organisations.models import Agency, Membership, UnitLineage

M = TypeVar("M", bound=Model)


def active_membership(user: Any) -> Membership | None:
    """Return the user's active membership with its agency and unit, cached for the request."""
    if not user.is_authenticated or user.active_membership_id is None:
        return None
    if not hasattr(user, "_chuan_membership"):
        user._chuan_membership = (
            Membership.objects.select_related("agency__unit", "department")
            .filter(pk=user.active_membership_id, is_active=True)
            .first()
        )
    membership: Membership | None = user._chuan_membership
    return membership


# The 2025 lineage is reference data, imported once: each process keeps the families it
# worked out and checks the table at most this often (a receipt asked it twice, two queries
# each time).
LINEAGE_STAMP_TTL_SECONDS = 1.0
_lineage_lock = threading.Lock()
_families: dict[int, frozenset[int]] = {}
_lineage_stamp: dict[str, Any] = {"checked": 0.0, "value": None}


def lineage_cache_clear() -> None:
    """Forget the provinces' families (tests: each test's units are rolled back)."""
    with _lineage_lock:
        _families.clear()
        _lineage_stamp.update(checked=0.0, value=None)


def lineage_changed(**_: Any) -> None:
    """A lineage row written in this process: forget at once (others within a second)."""
    lineage_cache_clear()


def _lineage_fresh() -> None:
    now = time.monotonic()
    if (
        _lineage_stamp["value"] is not None
        and now - _lineage_stamp["checked"] < LINEAGE_STAMP_TTL_SECONDS
    ):
        return
    stamp = tuple(
        UnitLineage.objects.aggregate(
            count=Count("pk"),
            last=Max("pk"),
            predecessors=Sum("predecessor_id"),
            successors=Sum("successor_id"),
        ).values()
    )
    with _lineage_lock:
        if stamp != _lineage_stamp["value"]:
            _families.clear()
        _lineage_stamp.update(checked=now, value=stamp)


def province_family_ids(province_id: int) -> set[int]:
    """Return the province with the provinces it merged from or into across the 2025 reform
    (kept per process while the lineage table is unchanged)."""
    _lineage_fresh()
    with _lineage_lock:
        known = _families.get(province_id)
    if known is None:
        known = frozenset(_province_family_ids(province_id))
        with _lineage_lock:
            _families[province_id] = known
    return set(known)


def _province_family_ids(province_id: int) -> set[int]:
    links = UnitLineage.objects.filter(
        Q(predecessor_id=province_id) | Q(successor_id=province_id),
        predecessor__level="province",
    ).values_list("predecessor_id", "successor_id")
    family = {province_id}
    successors = set()
    for predecessor_id, successor_id in links:
        family.update((predecessor_id, successor_id))
        if predecessor_id == province_id:
            successors.add(successor_id)
    if successors:
        family.update(
            UnitLineage.objects.filter(successor_id__in=successors).values_list(
                "predecessor_id", flat=True
            )
        )
    return family


def user_province_ids(user: Any) -> set[int]:
    """The province of the user's agency and those linked to it by the 2025 lineage, cached
    for the request; empty for a user without an agency."""
    cached: set[int] | None = getattr(user, "_chuan_province_family", None)
    if cached is None:
        membership = active_membership(user)
        if membership is None:
            cached = set()
        else:
            unit = membership.agency.unit
            cached = province_family_ids(unit.province_id or unit.pk)
        user._chuan_province_family = cached
    return cached


def visible_agencies(user: Any) -> QuerySet[Agency]:
    """Return the agencies whose data `user` may see."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    scope = user_scope(user)
    if scope == Scope.ALL:
        return Agency.objects.all()
    membership = active_membership(user)
    if membership is None:
        return Agency.objects.none()
    if scope == Scope.PROVINCE:
        return Agency.objects.filter(unit__province_id__in=user_province_ids(user))
    return Agency.objects.filter(pk=membership.agency_id)


def scope_queryset(queryset: QuerySet[M], user: Any, *, agency_path: str = "agency") -> QuerySet[M]:
    """Filter `queryset` to rows whose agency (reached by `agency_path`) `user` may see."""
    if user.is_authenticated and user.is_active and user_scope(user) == Scope.ALL:
        return queryset
    return queryset.filter(**{f"{agency_path}__in": visible_agencies(user).values("pk")})


def can_see_agency(user: Any, agency_id: int | None) -> bool:
    """Whether `user` may see data of the agency with this id (None: data of no agency)."""
    if user.is_authenticated and user.is_active and user_scope(user) == Scope.ALL:
        return True
    if agency_id is None:
        return False
    return visible_agencies(user).filter(pk=agency_id).exists()
