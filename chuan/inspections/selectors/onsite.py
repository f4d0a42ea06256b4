"""Reads of on-site inspections (TT 26/2014/TT-BKHCN Arts. 35–37, 40): the registry, the
decisions, the inspections a decision may still cover, and one inspection with everything
its team page and minutes show. DOST sees its province (2025 lineage included); an agency
its own inspections."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from chuan.accounts.roles import Scope, user_scope
from chuan.inspections import article36, inspection_states
from chuan.inspections.choices import InspectionForm
from chuan.inspections.models import (
    DecisionInspection,
    DecisionMember,
    Inspection,
    InspectionDecision,
    Inspector,
    ItemAnswer,
)
from chuan.organisations.scoping import (
    active_membership,
    province_family_ids,
    scope_queryset,
    user_province_ids,
)


def user_province_id(user: Any) -> int | None:
    """The province the user's DOST works for (their agency's province), None without one."""
    membership = active_membership(user)
    if membership is None:
        return None
    unit = membership.agency.unit
    return unit.province_id or unit.pk


def _provinces(queryset: QuerySet[Any], user: Any, path: str = "province") -> QuerySet[Any]:
    if user_scope(user) == Scope.ALL:
        return queryset
    if user_scope(user) != Scope.PROVINCE:
        return queryset.none()
    return queryset.filter(**{f"{path}_id__in": user_province_ids(user)})


def inspector_list(*, user: Any, query: str = "") -> QuerySet[Inspector]:
    """The registry of the provinces the reader's DOST covers, by name."""
    inspectors = _provinces(Inspector.objects.all(), user).select_related(
        "user", "auditor_certificate__course"
    )
    if query.strip():
        inspectors = inspectors.filter(
            Q(full_name__icontains=query.strip()) | Q(unit__icontains=query.strip())
        )
    return inspectors.order_by("-is_active", "full_name", "pk")


def inspector_get(*, user: Any, pk: int) -> Inspector | None:
    return inspector_list(user=user).filter(pk=pk).first()


def registry_for(province_id: int) -> QuerySet[Inspector]:
    """Who may be chosen for a team of this province's decision (qualification aside)."""
    return (
        Inspector.objects.filter(province_id__in=province_family_ids(province_id), is_active=True)
        .select_related("auditor_certificate__course")
        .order_by("full_name", "pk")
    )


def decision_list(*, user: Any, full: bool = False) -> QuerySet[InspectionDecision]:
    """The decisions of the reader's province, latest first, with their agencies and team
    head (`full`: the whole team, for the API)."""
    team = DecisionMember.objects.select_related("inspector")
    return (
        _provinces(InspectionDecision.objects.all(), user)
        .prefetch_related(
            Prefetch("team", queryset=team)
            if full
            else Prefetch("team", queryset=team.filter(role="head"), to_attr="heads"),
            Prefetch(
                "visits", queryset=DecisionInspection.objects.select_related("inspection__agency")
            ),
        )
        .order_by("-issued_on", "-pk")
    )


def decision_get(*, user: Any, pk: int) -> InspectionDecision | None:
    return (
        _provinces(InspectionDecision.objects.all(), user)
        .select_related("province", "created_by")
        .prefetch_related(
            Prefetch("team", queryset=DecisionMember.objects.select_related("inspector")),
            Prefetch(
                "visits",
                queryset=DecisionInspection.objects.select_related("inspection__agency"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def decidable_inspections(province_id: int) -> QuerySet[Inspection]:
    """On-site inspections of the province a new decision may cover."""
    states = [
        state
        for state in inspection_states.TRANSITIONS["decide"][0]
        if inspection_states.can("decide", state, InspectionForm.ON_SITE)
    ]
    return (
        Inspection.objects.filter(
            province_id__in=province_family_ids(province_id),
            form=InspectionForm.ON_SITE,
            state__in=states,
            visit__isnull=True,
        )
        .select_related("agency")
        .order_by("year", "agency__name", "pk")
    )


def onsite_list(*, user: Any) -> QuerySet[Inspection]:
    """Decided on-site inspections the reader sees; an inspector's own teams first."""
    inspections = scope_queryset(
        Inspection.objects.filter(visit__isnull=False), user
    ).select_related("agency", "visit__decision")
    if user.is_authenticated:
        inspections = inspections.annotate(
            mine=Count(
                "visit__decision__team", filter=Q(visit__decision__team__inspector__user=user)
            )
        )
        return inspections.order_by("-mine", "-visit__scheduled_at", "pk")
    return inspections.order_by("-visit__scheduled_at", "pk")


def onsite_get(*, pk: int) -> Inspection | None:
    """One decided inspection with its decision, team, items, requests and minutes; the
    caller checks who may read it (`onsite_permissions.can_read`)."""
    return (
        Inspection.objects.filter(pk=pk, visit__isnull=False)
        .select_related("agency__unit", "province", "visit__decision", "minutes")
        .prefetch_related(
            Prefetch(
                "visit__decision__team",
                queryset=DecisionMember.objects.select_related("inspector"),
            ),
            Prefetch("items", queryset=ItemAnswer.objects.select_related("site", "result_by")),
            "requests",
        )
        .first()
    )


@dataclass
class ItemRow:
    item: article36.Item
    answer: ItemAnswer | None

    @property
    def evidence_seen(self) -> str:
        site = getattr(self.answer, "site", None) if self.answer is not None else None
        return site.evidence_seen if site is not None else ""


def item_rows(inspection: Inspection) -> list[tuple[Any, list[ItemRow]]]:
    """The thirteen items by group, each with its answer (None before any)."""
    answers = {answer.code: answer for answer in inspection.items.all()}
    return [
        (
            title,
            [ItemRow(item, answers.get(item.code)) for item in article36.ITEMS if item.group == g],
        )
        for g, title in article36.GROUPS.items()
    ]
