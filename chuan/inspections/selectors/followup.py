"""Reads of what follows an inspection's conclusion (TT 26/2014 Arts. 37.3–37.4, 39): the
requests for correction DOST follows and each agency answers, one request with its report,
the report pre-filled from the nonconformity's corrective actions, the inspection file, and
who is reminded (the agency's answerers, the province's DOST coordinators)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from chuan.accounts.roles import PROVINCE_WIDE_ROLES, ROLE_PERMISSIONS, Role
from chuan.core.models import ActivityEntry
from chuan.improvement.choices import ActionState
from chuan.improvement.models import Action
from chuan.inspections import article39
from chuan.inspections.choices import InspectionForm, InspectionState, RequestState
from chuan.inspections.models import CorrectionRequest, Inspection, InspectionFileItem
from chuan.inspections.permissions import (
    can_answer,
    can_manage,
    can_read_agency_inspections,
    can_read_province,
)
from chuan.inspections.request_states import AWAITING_AGENCY
from chuan.organisations.scoping import province_family_ids, scope_queryset

# The roles that answer for an agency (`inspections.answer_inspection`) and those that run the
# province's inspections (`inspections.manage_inspections`), administrators aside.
ANSWER_ROLES = [
    role
    for role, perms in ROLE_PERMISSIONS.items()
    if "inspections.answer_inspection" in perms and role not in PROVINCE_WIDE_ROLES
]
MANAGER_ROLES = [Role.DOST_COORDINATOR]


@dataclass
class RequestFilters:
    state: str = ""
    agency_id: int | None = None
    year: int | None = None
    overdue: bool = False


def _base() -> QuerySet[CorrectionRequest]:
    return CorrectionRequest.objects.select_related(
        "inspection__agency", "nonconformity", "reported_by", "decided_by"
    ).exclude(state=RequestState.DRAFT)


def _filtered(
    requests: QuerySet[CorrectionRequest], filters: RequestFilters, today: datetime.date
) -> QuerySet[CorrectionRequest]:
    if filters.state:
        requests = requests.filter(state=filters.state)
    if filters.agency_id:
        requests = requests.filter(inspection__agency_id=filters.agency_id)
    if filters.year:
        requests = requests.filter(inspection__year=filters.year)
    if filters.overdue:
        requests = requests.filter(state__in=AWAITING_AGENCY, due_on__lt=today)
    return requests


def followup_list(
    *, user: Any, filters: RequestFilters, today: datetime.date
) -> QuerySet[CorrectionRequest]:
    """DOST's follow-up: the requests of the inspections of the provinces the user reaches,
    reports awaiting acceptance first, then overdue ones, each group by due date."""
    requests = scope_queryset(_base(), user, agency_path="inspection__agency")
    requests = _filtered(requests, filters, today)
    return requests.annotate(
        rank=Case(
            When(state=RequestState.REPORTED, then=Value(0)),
            When(Q(state__in=AWAITING_AGENCY) & Q(due_on__lt=today), then=Value(1)),
            When(state__in=AWAITING_AGENCY, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by("rank", "due_on", "id")


def agency_requests(
    *, agency_id: int, filters: RequestFilters, today: datetime.date
) -> QuerySet[CorrectionRequest]:
    """The agency's "requests from DOST": what it still owes first, overdue first."""
    requests = _filtered(_base().filter(inspection__agency_id=agency_id), filters, today)
    return requests.annotate(
        rank=Case(
            When(state__in=AWAITING_AGENCY, then=Value(0)),
            When(state=RequestState.REPORTED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("rank", "due_on", "id")


def can_read_request(user: Any, request: CorrectionRequest) -> bool:
    inspection = request.inspection
    return can_read_agency_inspections(user, inspection.agency_id) or can_read_province(
        user, inspection.province_id
    )


def request_get(*, user: Any, pk: int) -> CorrectionRequest | None:
    """One issued request the user may read (None: not there, or not theirs)."""
    request = _base().select_related("inspection__province").filter(pk=pk).first()
    if request is None or not can_read_request(user, request):
        return None
    return request


def request_history(request: CorrectionRequest, limit: int = 50) -> list[ActivityEntry]:
    """The request's activity, newest first (shown in words by the `chuan` filters)."""
    return list(
        ActivityEntry.objects.filter(
            target_type__app_label="inspections",
            target_type__model="correctionrequest",
            target_id=str(request.pk),
        )
        .select_related("actor", "target_type")
        .order_by("-occurred_at", "-id")[:limit]
    )


def nc_done_actions(request: CorrectionRequest) -> list[Action]:
    """The nonconformity's corrective actions carried out, in their order."""
    if request.nonconformity_id is None:
        return []
    return list(
        Action.objects.filter(nonconformity_id=request.nonconformity_id, state=ActionState.DONE)
        .select_related("done_by")
        .order_by("order", "id")
    )


def report_prefill(request: CorrectionRequest) -> str:
    """A first draft of the report from the agency's register: the correction, the root
    cause and each action done with its result and date (the agency edits it)."""
    nc = request.nonconformity
    lines: list[str] = []
    if nc is not None:
        if nc.correction:
            lines.append(_("Correction: %(text)s") % {"text": nc.correction})
        if nc.root_cause:
            lines.append(_("Root cause: %(text)s") % {"text": nc.root_cause})
    for number, action in enumerate(nc_done_actions(request), start=1):
        done = action.done_on.strftime("%d/%m/%Y") if action.done_on else ""
        result = f" — {action.result}" if action.result else ""
        lines.append(f"{number}. {action.description} ({done}){result}")
    return "\n".join(lines)


def may_report(user: Any, request: CorrectionRequest) -> bool:
    return can_answer(user, request.inspection.agency_id)


def may_decide(user: Any, request: CorrectionRequest) -> bool:
    return can_manage(user, request.inspection.province_id)


# --- The inspection file (Art. 39) ------------------------------------------------------------


@dataclass
class FileRow:
    kind: article39.FileKind
    required: bool
    present: bool
    automatic: bool
    link: str = ""
    item: InspectionFileItem | None = None


def inspection_link(inspection: Inspection, anchor: str) -> str:
    """Where the inspection's own records are shown: its page when the records and on-site
    screens provide one, else its file."""
    try:
        url = reverse("inspections:inspection_detail", args=[inspection.pk])
    except NoReverseMatch:
        url = reverse("inspections:followup_file", args=[inspection.pk])
    return f"{url}#{anchor}"


def held_by_chuan(inspection: Inspection, requests: list[CorrectionRequest]) -> dict[str, str]:
    """The Article 39 types Chuẩn already holds for this inspection, each with a link to the
    record: the plan it came from, the request letter and the agency's report, the minutes
    (an on-site inspection concludes by signing them) or the letter requiring correction
    (a records-based one concludes by it), and the corrective-action reports once every
    issued request has one."""
    held: dict[str, str] = {}
    if inspection.line_id is not None:
        held["plan"] = inspection_link(inspection, "plan")
    if inspection.request_number:
        held["request_letter"] = inspection_link(inspection, "request")
    if inspection.answered_at is not None:
        held["agency_report"] = inspection_link(inspection, "report")
    concluded = inspection.concluded_on is not None
    if concluded and inspection.form == InspectionForm.ON_SITE:
        held["minutes"] = inspection_link(inspection, "minutes")
    if concluded and inspection.form == InspectionForm.RECORDS and requests:
        held["correction_letter"] = inspection_link(inspection, "conclusion")
    if requests and all(r.reported_at is not None for r in requests):
        held["corrective_actions"] = (
            reverse("inspections:followup_list") + f"?inspection={inspection.pk}"
        )
    return held


def inspection_file(inspection: Inspection) -> list[FileRow]:
    """The ten rows of the file, each with whether it must be there before closing and
    whether it is (recorded by a person, or held by Chuẩn)."""
    requests = list(inspection.requests.exclude(state=RequestState.DRAFT))
    held = held_by_chuan(inspection, requests)
    items = {item.kind: item for item in inspection.file_items.all()}
    rows = []
    for kind in article39.KINDS:
        item = items.get(kind.code)
        recorded = item is not None and item.present
        rows.append(
            FileRow(
                kind=kind,
                required=article39.required(kind, inspection.form, bool(requests)),
                present=recorded or kind.code in held,
                automatic=not recorded and kind.code in held,
                link=(item.link if item and item.link else held.get(kind.code, "")),
                item=item,
            )
        )
    return rows


def close_blockers(inspection: Inspection) -> tuple[list[str], int]:
    """What keeps the inspection open: the labels of the missing required types, and the
    number of requests not accepted yet."""
    missing = [
        str(row.kind.label)
        for row in inspection_file(inspection)
        if row.required and not row.present
    ]
    pending = inspection.requests.exclude(state=RequestState.ACCEPTED).count()
    return missing, pending


def closable_inspections(*, user: Any) -> QuerySet[Inspection]:
    return scope_queryset(
        Inspection.objects.filter(state=InspectionState.CONCLUDED), user
    ).select_related("agency")


# --- Who is reminded ---------------------------------------------------------------------------


def _users() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True, active_membership__isnull=False, active_membership__is_active=True
    )


def answerers_by_agency(agency_ids: set[int]) -> dict[int, list[int]]:
    """The ids of the leaders and ISO secretaries working now for each agency."""
    found: dict[int, list[int]] = defaultdict(list)
    rows = (
        _users()
        .filter(active_membership__agency_id__in=agency_ids, groups__name__in=ANSWER_ROLES)
        .values_list("pk", "active_membership__agency_id")
        .distinct()
    )
    for user_id, agency_id in rows:
        found[agency_id].append(user_id)
    return found


def province_managers(province_id: int) -> QuerySet[Any]:
    """DOST's coordinators working now for an agency of the province (or of a province it
    merged from or into in 2025), oldest account first."""
    family = province_family_ids(province_id)
    return (
        _users()
        .filter(groups__name__in=MANAGER_ROLES)
        .filter(
            Q(active_membership__agency__unit__province_id__in=family)
            | Q(active_membership__agency__unit_id__in=family)
        )
        .distinct()
        .order_by("pk")
    )
